"""Statistics as CSV and XLSX: the same rows and figures the dashboard and the API show.

Text that a spreadsheet would read as a formula (=, +, -, @, …) gets a leading
apostrophe in CSV (config.spreadsheets.safe_cell) and is stored as a text cell, exactly
as typed, in XLSX (config.spreadsheets.xlsx_text_row). Hidden figures stay the text "x"
(the selectors decide what is hidden; see stats/selectors/disclosure.py).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from config.api import safe_cell, xlsx_text_row

from .selectors import FIGURE_FIELDS, FIGURE_LABELS, Figures, PersonOutstanding


def figures_table(
    rows: Sequence[Figures], *, key_heading: str, with_code: bool = False
) -> tuple[list[str], list[list]]:
    headings = [key_heading]
    if with_code:
        headings.append(_("Code"))
    headings += [str(FIGURE_LABELS[name]) for name in FIGURE_FIELDS]
    body = []
    for row in rows:
        cells = [row.label]
        if with_code:
            cells.append(row.code)
        public = row.public()
        cells += [public[name] for name in FIGURE_FIELDS]
        body.append(cells)
    return headings, body


def people_table(rows: Sequence[PersonOutstanding]) -> tuple[list[str], list[list]]:
    headings = [_("Name"), _("Email"), _("Institution"), _("Profession"), _("Status")]
    return headings, [[p.name, p.email, p.institution, p.profession, p.status] for p in rows]


def as_csv(headings: list[str], body: Iterable[list], *, preamble: Iterable[list] = ()) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for line in preamble:
        writer.writerow([safe_cell(c) for c in line])
    writer.writerow(headings)
    for cells in body:
        writer.writerow(["" if c is None else safe_cell(c) for c in cells])
    # A BOM, so that spreadsheet programs read the Serbian letters as UTF-8.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def as_xlsx_workbook(
    sheets: Iterable[tuple[str, list[str], Iterable[list]]], *, preamble: Iterable[list] = ()
) -> bytes:
    """Several tables in one workbook, a sheet each ((title, headings, body)), the preamble
    at the top of every sheet; text cells never formulas, as in `as_xlsx`."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    preamble = list(preamble)
    used: set[str] = set()
    for title, headings, body in sheets:
        name = _sheet_title(title, used)
        sheet = workbook.create_sheet(name)
        for line in preamble:
            sheet.append(xlsx_text_row(sheet, line))
        sheet.append(xlsx_text_row(sheet, headings))
        header_row = sheet.max_row
        for cells in body:
            sheet.append(xlsx_text_row(sheet, ["" if c is None else c for c in cells]))
        sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
        for index, heading in enumerate(headings, start=1):
            width = max(12, min(40, len(str(heading)) + 2))
            sheet.column_dimensions[get_column_letter(index)].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _sheet_title(title: str, used: set[str]) -> str:
    """A sheet name Excel accepts (at most 31 characters, none of []:*?/\\), unique."""
    cleaned = "".join(" " if c in "[]:*?/\\" else c for c in str(title)).strip()[:31] or "-"
    name, number = cleaned, 2
    while name.casefold() in used:
        suffix = f" ({number})"
        name, number = cleaned[: 31 - len(suffix)] + suffix, number + 1
    used.add(name.casefold())
    return name


def as_xlsx(
    headings: list[str], body: Iterable[list], *, title: str, preamble: Iterable[list] = ()
) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    for line in preamble:
        sheet.append(xlsx_text_row(sheet, line))
    sheet.append(xlsx_text_row(sheet, headings))
    header_row = sheet.max_row
    for cells in body:
        sheet.append(xlsx_text_row(sheet, cells))
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    for index, heading in enumerate(headings, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(12, min(40, len(heading) + 2))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

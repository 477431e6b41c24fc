"""Reading an uploaded CSV or XLSX file of institutions or users into rows.

Only the shape of the file is checked here (type, size, encoding, header); what
the values mean is checked in `import_validation`. A file that cannot be read
raises `ImportFileRefused` with a message for the person who uploaded it.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import PurePosixPath
from typing import IO

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import load_workbook

from institutions.api import ImportKind

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000
# An XLSX file is a zip: the sum of what its entries unpack to is capped, so that a
# small upload cannot expand into gigabytes (a "zip bomb").
MAX_XLSX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024
MAX_XLSX_ENTRIES = 1_000
# Columns read from a spreadsheet row; anything further right is ignored.
MAX_XLSX_COLUMNS = 50
FILE_EXTENSIONS = (".csv", ".xlsx")

# The columns of each kind of file: (required, optional). Optional columns may be
# left out of the header altogether.
COLUMNS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    ImportKind.INSTITUTIONS: (("code", "parent_code", "name_sr", "name_en", "kind"), ("region",)),
    ImportKind.USERS: (
        ("first_name", "last_name", "email", "institution_code", "profession"),
        ("preferred_language",),
    ),
}

# Columns that must be in the header but may be left empty on a row.
EMPTY_ALLOWED = {"parent_code"}

COLUMN_DESCRIPTIONS = {
    "code": gettext_lazy("Unique code: capital Latin letters, digits, dots, dashes, underscores."),
    "parent_code": gettext_lazy(
        "Code of the parent institution: an existing one or one on an earlier line of the file. "
        "Empty for a top-level institution (administrators only)."
    ),
    "name_sr": gettext_lazy("Name in Serbian."),
    "name_en": gettext_lazy("Name in English."),
    "kind": gettext_lazy("One of the kinds listed below."),
    "region": gettext_lazy("One of the regions listed below; empty means national."),
    "first_name": gettext_lazy("Given name, as it should appear on certificates."),
    "last_name": gettext_lazy("Family name."),
    "email": gettext_lazy("Email address; the person signs in with it."),
    "institution_code": gettext_lazy("Code of an existing institution."),
    "profession": gettext_lazy("One of the professions listed below."),
    "preferred_language": gettext_lazy("One of the languages listed below; empty means sr-latn."),
}


class ImportFileRefused(Exception):
    """The file as a whole cannot be imported; the message says why."""


@dataclass(frozen=True)
class ImportRow:
    """One data row: its line in the file (row number in a spreadsheet) and its values."""

    line: int
    values: dict[str, str]
    # Values beyond the last header column (a misplaced delimiter, usually).
    extra_values: int = 0


def import_columns(*, kind: str) -> tuple[str, ...]:
    """Every column a file of this kind may have, in template order."""
    required, optional = COLUMNS[kind]
    return required + optional


def import_template_csv(*, kind: str) -> str:
    """The header line of an empty file to fill in, with a BOM so that Excel reads UTF-8."""
    return "\ufeff" + ",".join(import_columns(kind=kind)) + "\r\n"


def import_file_read(*, file: IO[bytes], name: str, size: int | None, kind: str) -> list[ImportRow]:
    """Every non-blank data row of an uploaded CSV or XLSX file, or `ImportFileRefused`."""
    suffix = PurePosixPath(name or "").suffix.lower()
    if suffix not in FILE_EXTENSIONS:
        raise ImportFileRefused(
            _("Upload a .csv or .xlsx file; “%(name)s” is neither.") % {"name": name}
        )
    if size is not None and size > MAX_FILE_BYTES:
        raise ImportFileRefused(_too_large_message())
    file.seek(0)
    data = file.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise ImportFileRefused(_too_large_message())
    if not data.strip():
        raise ImportFileRefused(_("The file is empty."))
    if suffix == ".csv":
        header_line, records = _csv_records(data)
    else:
        header_line, records = _xlsx_records(data)
    return _rows(kind=kind, header_line=header_line, records=records)


def _too_large_message() -> str:
    return _("The file is larger than %(mb)s MB. Split it into smaller files.") % {
        "mb": MAX_FILE_BYTES // (1024 * 1024)
    }


# --- CSV ----------------------------------------------------------------------


def _csv_records(data: bytes):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ImportFileRefused(
            _(
                "The file is not valid UTF-8 (line %(line)s). Save it as “CSV UTF-8” "
                "and upload it again."
            )
            % {"line": line}
        ) from None
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)

    def records():
        start = 1
        try:
            for record in reader:
                yield start, record
                start = reader.line_num + 1
        except csv.Error as error:
            raise ImportFileRefused(
                _("The file cannot be read as CSV near line %(line)s: %(error)s")
                % {"line": reader.line_num or 1, "error": error}
            ) from None

    iterator = records()
    return _first_non_blank(iterator), iterator


# --- XLSX ---------------------------------------------------------------------


def _xlsx_records(data: bytes):
    not_a_workbook = _("The file is not a valid Excel workbook (.xlsx).")
    buffer = io.BytesIO(data)
    try:
        with zipfile.ZipFile(buffer) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ImportFileRefused(not_a_workbook) from None
    if len(entries) > MAX_XLSX_ENTRIES or (
        sum(entry.file_size for entry in entries) > MAX_XLSX_UNCOMPRESSED_BYTES
    ):
        raise ImportFileRefused(
            _(
                "The workbook unpacks to more than %(mb)s MB. Save it again as a plain "
                "workbook or as CSV."
            )
            % {"mb": MAX_XLSX_UNCOMPRESSED_BYTES // (1024 * 1024)}
        )
    try:
        workbook = load_workbook(buffer, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds of errors for a damaged file
        raise ImportFileRefused(not_a_workbook) from None

    def records():
        try:
            sheet = workbook.worksheets[0]
            for line, values in enumerate(
                sheet.iter_rows(values_only=True, max_col=MAX_XLSX_COLUMNS), start=1
            ):
                yield line, [_cell_text(value) for value in values]
        except ImportFileRefused:
            raise
        except Exception:
            raise ImportFileRefused(not_a_workbook) from None
        finally:
            workbook.close()

    iterator = records()
    return _first_non_blank(iterator), iterator


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


# --- Rows ---------------------------------------------------------------------


def _first_non_blank(records):
    for line, record in records:
        if any(cell.strip() for cell in record):
            return line, record
    raise ImportFileRefused(_("The file is empty."))


def _header(*, kind: str, record: list[str]) -> list[str]:
    names = [cell.strip().lower() for cell in record]
    while names and not names[-1]:
        names.pop()
    required, optional = COLUMNS[kind]
    problems = []
    if "" in names:
        problems.append(
            _("column %(number)s of the header has no name") % {"number": names.index("") + 1}
        )
    duplicates = sorted({name for name in names if name and names.count(name) > 1})
    if duplicates:
        problems.append(_("repeated columns: %(columns)s") % {"columns": ", ".join(duplicates)})
    unknown = [name for name in names if name and name not in required + optional]
    if unknown:
        problems.append(_("unknown columns: %(columns)s") % {"columns": ", ".join(unknown)})
    missing = [name for name in required if name not in names]
    if missing:
        problems.append(_("missing columns: %(columns)s") % {"columns": ", ".join(missing)})
    if problems:
        raise ImportFileRefused(
            _("The first line must name the columns %(expected)s; %(problems)s.")
            % {
                "expected": ", ".join(required + optional),
                "problems": "; ".join(problems),
            }
        )
    return names


def _rows(*, kind: str, header_line, records) -> list[ImportRow]:
    _line, record = header_line
    names = _header(kind=kind, record=record)
    rows = []
    for line, record in records:
        if not any(cell.strip() for cell in record):
            continue
        if len(rows) == MAX_ROWS:
            raise ImportFileRefused(
                _("The file has more than %(max)s rows. Split it into smaller files.")
                % {"max": f"{MAX_ROWS:,}"}
            )
        cells = [cell.strip() for cell in record]
        while len(cells) > len(names) and not cells[-1]:
            cells.pop()
        values = {name: cells[i] if i < len(cells) else "" for i, name in enumerate(names)}
        rows.append(
            ImportRow(line=line, values=values, extra_values=max(0, len(cells) - len(names)))
        )
    if not rows:
        raise ImportFileRefused(_("The file has a header line but no rows to import."))
    return rows

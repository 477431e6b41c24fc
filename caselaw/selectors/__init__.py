"""Reads of the case-law library: faceted search (`search`, with its `facets`), and one
case (`cases`: its citation, who cites it, related cases, the case as plain data)."""

from .cases import (
    case_as_dict,
    case_citation,
    case_detail_context,
    citing_pages,
    related_cases,
    visible_cases,
)
from .search import PAGE_SIZE, CaseSearch, case_search, case_search_errors

__all__ = [
    "PAGE_SIZE",
    "CaseSearch",
    "case_as_dict",
    "case_citation",
    "case_detail_context",
    "case_search",
    "case_search_errors",
    "citing_pages",
    "related_cases",
    "visible_cases",
]

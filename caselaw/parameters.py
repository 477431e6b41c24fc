"""The URL parameters of the case-law library: its facets, in the order readers see them,
and every parameter it understands (any other is dropped before a cache key is made,
caselaw.caching)."""

FACET_ORDER = [
    "country",
    "level",
    "form",
    "act",
    "means",
    "issue",
    "sector",
    "victim_age",
    "victim_status",
    "outcome",
    "key",
    "audience",
]
FILTER_KEYS = [*FACET_ORDER, "year_from", "year_to"]
LIBRARY_PARAMETERS = frozenset({"q", "sort", "page", *FILTER_KEYS})

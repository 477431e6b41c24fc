"""Faceted search of the case-law library (`case_search`).

Wagtail search for the words (the database backend: SQLite FTS or PostgreSQL full text;
queries turned into Latin so that either Serbian script finds either), the facets as
plain ORM filters on top. Within a facet the values are alternatives (OR); facets combine
(AND). Each facet's counts are computed with every filter except its own, so a reader
sees what choosing another value would give. One query per facet, whatever the number of
values.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.cache import cache
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import QueryDict
from wagtail.models import Page

from serbian.api import to_latin

from ..caching import vocabularies_key
from ..forms import CaseSearchForm
from ..models.cases import CasePage, visible_cases
from ..parameters import FILTER_KEYS
from .facets import (
    VOCABULARY_FACETS,
    ActiveFilter,
    Facet,
    FacetOption,
    Suggestion,
    active_filters,
    facets_for,
    filter_q,
    narrowest_filter,
    year_counts,
    year_url,
)

PAGE_SIZE = 20
VOCABULARIES_TIMEOUT = 60 * 60


@dataclass
class CaseSearch:
    form: CaseSearchForm
    query: str
    page: PaginatorPage
    total: int
    facets: list[Facet]
    years: list[FacetOption]
    active: list[ActiveFilter]
    suggestion: Suggestion | None
    querystring: str
    errors: list[str] = field(default_factory=list)

    @property
    def cases(self):
        return self.page.object_list


def _text_matches(scope: QuerySet[CasePage], query: str, *, by_relevance: bool) -> QuerySet:
    """Cases matching every word of `query`, as a queryset (Wagtail search's own)."""
    latin = to_latin(query)
    results = scope.search(latin, operator="and", order_by_relevance=by_relevance)
    return results.get_queryset()


def _vocabularies() -> dict[str, list]:
    """All terms of each vocabulary: form choices and facet labels. One query each, then
    cached under the library's version (a term saved or deleted bumps it)."""
    cache_key = vocabularies_key()
    terms = cache.get(cache_key)
    if terms is None:
        terms = {key: list(model.objects.all()) for key, (_f, model) in VOCABULARY_FACETS.items()}
        cache.set(cache_key, terms, VOCABULARIES_TIMEOUT)
    return terms


def _search_form(params: QueryDict) -> CaseSearchForm:
    terms = _vocabularies()
    return CaseSearchForm(
        params or None,
        vocabularies={key: [(t.slug, t.name) for t in values] for key, values in terms.items()},
    )


def _form_errors(form: CaseSearchForm) -> list[str]:
    return [
        f"{form.fields[name].label}: {' '.join(messages)}"
        if name in form.fields
        else " ".join(messages)
        for name, messages in form.errors.items()
    ]


def case_search_errors(*, params: QueryDict) -> list[str]:
    """What the search form says of these filters (nothing: they are all valid)."""
    return _form_errors(_search_form(params))


def case_search(
    *, params: QueryDict, index: Page | None = None, page_size: int = PAGE_SIZE
) -> CaseSearch:
    """Search the library with the filters in `params` (request.GET)."""
    terms = _vocabularies()
    form = _search_form(params)
    chosen = form.filters()
    errors = _form_errors(form)
    query = chosen.pop("q", "")
    sort = chosen.pop("sort", "")

    scope = visible_cases(index=index)
    matched = scope
    ranked: list[int] = []
    if query:
        # The words are matched once (best first when sorting by relevance); every facet
        # query and the ordering then reuse the ids rather than running the full-text
        # search again (PostgreSQL plans it badly under the facet filters).
        ranked = list(
            _text_matches(scope, query, by_relevance=not sort).values_list("pk", flat=True)
        )
        matched = scope.filter(pk__in=ranked)
    filters = {key: filter_q(key, chosen[key]) for key in FILTER_KEYS if key in chosen}

    if query:
        # With words, the matches are a list of ids: each filter is resolved to ids within
        # it (one query per active filter), and every count below runs on plain id lists.
        # PostgreSQL otherwise plans the id list combined with the filters' subqueries as
        # a per-row loop (seconds for a few thousand cases).
        within = {
            key: set(scope.filter(pk__in=ranked).filter(q).values_list("pk", flat=True))
            for key, q in filters.items()
        }

        def base_without(*keys: str) -> QuerySet:
            ids = set(ranked)
            for key, found in within.items():
                if key not in keys:
                    ids &= found
            return scope.filter(pk__in=sorted(ids))

    else:

        def base_without(*keys: str) -> QuerySet:
            return matched.filter(*[q for k, q in filters.items() if k not in keys])

    results = base_without()
    if query and not sort:
        keep = set(results.values_list("pk", flat=True))
        paginator = Paginator([pk for pk in ranked if pk in keep], page_size)
        page = paginator.get_page(params.get("page"))
        fetched = _with_card_relations(CasePage.objects.filter(pk__in=list(page.object_list)))
        by_id = {case.pk: case for case in fetched}
        page.object_list = [by_id[pk] for pk in page.object_list]
    else:
        order = "decision_date" if sort == "oldest" else "-decision_date"
        paginator = Paginator(_with_card_relations(results.order_by(order, "-pk")), page_size)
        page = paginator.get_page(params.get("page"))
    total = paginator.count

    facets = facets_for(params=params, chosen=chosen, terms=terms, base_without=base_without)
    years = [
        FacetOption(
            value=str(year),
            label=str(year),
            count=n,
            selected=chosen.get("year_from") == year and chosen.get("year_to") == year,
            url=year_url(params, year),
        )
        for year, n in year_counts(base_without("year_from", "year_to"))
    ]
    active = active_filters(params=params, chosen=chosen, facets=facets)
    suggestion = None
    if total == 0 and active:
        suggestion = narrowest_filter(active=active, base_without=base_without)
    encoded = params.copy()
    encoded.pop("page", None)
    return CaseSearch(
        form=form,
        query=query,
        page=page,
        total=total,
        facets=facets,
        years=years,
        active=active,
        suggestion=suggestion,
        querystring=encoded.urlencode(),
        errors=errors,
    )


def _with_card_relations(cases: QuerySet) -> QuerySet:
    return cases.select_related("court").prefetch_related("countries", "exploitation_forms")

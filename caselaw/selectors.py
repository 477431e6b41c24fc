"""Reads of the case-law library: faceted search, a case's citation, who cites it, and
the cases related to it.

Faceted search (`case_search`): Wagtail search for the words (the database backend:
SQLite FTS or PostgreSQL full text; queries turned into Latin so that either Serbian
script finds either), the facets as plain ORM filters on top. Within a facet the values
are alternatives (OR); facets combine (AND). Each facet's counts are computed with every
filter except its own, so a reader sees what choosing another value would give. One
query per facet, whatever the number of values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet, TextField
from django.db.models.functions import Cast, ExtractYear
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, ReferenceIndex

from accounts.models import Profession
from serbian.transliteration import to_latin

from .caching import vocabularies_key
from .forms import CaseSearchForm
from .models import (
    Act,
    AgeGroup,
    CaseIndexPage,
    CasePage,
    Country,
    CourtLevel,
    ExploitationForm,
    LegalIssue,
    Means,
    Outcome,
    Sector,
    VictimGroup,
    VictimStatus,
)

PAGE_SIZE = 20
VOCABULARIES_TIMEOUT = 60 * 60
RELATED_LIMIT = 5

# URL parameter → the M2M field of CasePage and its vocabulary.
VOCABULARY_FACETS = {
    "country": ("countries", Country),
    "form": ("exploitation_forms", ExploitationForm),
    "act": ("acts", Act),
    "means": ("means", Means),
    "issue": ("legal_issues", LegalIssue),
    "sector": ("sectors", Sector),
}
# URL parameter → (lookup on CasePage or on VictimGroup, choices)
CHOICE_FACETS = {
    "level": ("court__level", CourtLevel.choices),
    "outcome": ("outcome", Outcome.choices),
}
VICTIM_FACETS = {
    "victim_age": ("age_group", AgeGroup.choices),
    "victim_status": ("status", VictimStatus.choices),
}
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


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool
    url: str


@dataclass
class Facet:
    key: str
    label: str
    options: list[FacetOption]

    @property
    def has_selection(self) -> bool:
        return any(o.selected for o in self.options)


@dataclass
class ActiveFilter:
    key: str
    label: str
    remove_url: str


@dataclass
class Suggestion:
    filter: ActiveFilter
    count: int


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


# --- Scope and filters -----------------------------------------------------------------


def visible_cases(*, index: CaseIndexPage | None = None) -> QuerySet[CasePage]:
    """Published cases without view restrictions (drafts are never shown to readers)."""
    qs = CasePage.objects.live().public()
    if index is not None:
        qs = qs.descendant_of(index)
    return qs


def _m2m_through(field_name: str):
    m2m = CasePage._meta.get_field(field_name)
    return m2m.remote_field.through, m2m.m2m_field_name(), m2m.m2m_reverse_field_name()


def _audience_text():
    return Cast("audience_professions", output_field=TextField())


def _filter_q(key: str, value: Any) -> Q:
    """The Q object for one facet's chosen values."""
    if key in VOCABULARY_FACETS:
        through, source, target = _m2m_through(VOCABULARY_FACETS[key][0])
        ids = through.objects.filter(**{f"{target}__slug__in": value}).values(f"{source}_id")
        return Q(pk__in=ids)
    if key in CHOICE_FACETS:
        return Q(**{f"{CHOICE_FACETS[key][0]}__in": value})
    if key in VICTIM_FACETS:
        lookup = VICTIM_FACETS[key][0]
        return Q(pk__in=VictimGroup.objects.filter(**{f"{lookup}__in": value}).values("case_id"))
    if key == "key":
        return Q(key_case=True)
    if key == "audience":
        # JSON list of professions; its text holds each one quoted (SQLite and PostgreSQL).
        matching = CasePage.objects.annotate(_aud=_audience_text())
        either = Q()
        for profession in value:
            either |= Q(_aud__contains=f'"{profession}"')
        return Q(pk__in=matching.filter(either).values("pk"))
    if key == "year_from":
        return Q(decision_date__year__gte=value)
    if key == "year_to":
        return Q(decision_date__year__lte=value)
    raise KeyError(key)


FILTER_KEYS = [*FACET_ORDER, "year_from", "year_to"]


def _text_matches(scope: QuerySet[CasePage], query: str, *, by_relevance: bool) -> QuerySet:
    """Cases matching every word of `query`, as a queryset (Wagtail search's own)."""
    latin = to_latin(query)
    results = scope.search(latin, operator="and", order_by_relevance=by_relevance)
    return results.get_queryset()


# --- Facet counts ----------------------------------------------------------------------


def _vocabulary_counts(key: str, base: QuerySet) -> dict[int, int]:
    through, source, target = _m2m_through(VOCABULARY_FACETS[key][0])
    rows = (
        through.objects.filter(**{f"{source}_id__in": base.values("pk")})
        .values(f"{target}_id")
        .annotate(n=Count(f"{source}_id", distinct=True))
        .order_by()
    )
    return {row[f"{target}_id"]: row["n"] for row in rows}


def _choice_counts(key: str, base: QuerySet) -> dict[str, int]:
    lookup = CHOICE_FACETS[key][0]
    rows = base.order_by().values(lookup).annotate(n=Count("pk"))
    return {row[lookup]: row["n"] for row in rows}


def _victim_counts(key: str, base: QuerySet) -> dict[str, int]:
    lookup = VICTIM_FACETS[key][0]
    rows = (
        VictimGroup.objects.filter(case_id__in=base.values("pk"))
        .values(lookup)
        .annotate(n=Count("case_id", distinct=True))
        .order_by()
    )
    return {row[lookup]: row["n"] for row in rows}


def _audience_counts(base: QuerySet) -> dict[str, int]:
    aggregates = {
        value: Count("pk", filter=Q(_aud__contains=f'"{value}"')) for value in Profession.values
    }
    return base.order_by().annotate(_aud=_audience_text()).aggregate(**aggregates)


def _year_counts(base: QuerySet) -> list[tuple[int, int]]:
    rows = (
        base.order_by()
        .annotate(year=ExtractYear("decision_date"))
        .values("year")
        .annotate(n=Count("pk"))
        .order_by("-year")
    )
    return [(row["year"], row["n"]) for row in rows]


# --- URLs ------------------------------------------------------------------------------


def _url_with(params: QueryDict, key: str, values: list[str]) -> str:
    query = params.copy()
    query.pop("page", None)
    if values:
        query.setlist(key, values)
    else:
        query.pop(key, None)
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"


def _toggle_url(params: QueryDict, key: str, value: str, chosen: list[str]) -> str:
    values = [v for v in chosen if v != value] if value in chosen else [*chosen, value]
    return _url_with(params, key, values)


# --- The search ------------------------------------------------------------------------


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
    *, params: QueryDict, index: CaseIndexPage | None = None, page_size: int = PAGE_SIZE
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
    filters = {key: _filter_q(key, chosen[key]) for key in FILTER_KEYS if key in chosen}

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

    facets = _facets(params=params, chosen=chosen, terms=terms, base_without=base_without)
    years = [
        FacetOption(
            value=str(year),
            label=str(year),
            count=n,
            selected=chosen.get("year_from") == year and chosen.get("year_to") == year,
            url=_year_url(params, year),
        )
        for year, n in _year_counts(base_without("year_from", "year_to"))
    ]
    active = _active_filters(params=params, chosen=chosen, facets=facets)
    suggestion = None
    if total == 0 and active:
        suggestion = _narrowest_filter(active=active, base_without=base_without)
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


def _year_url(params: QueryDict, year: int) -> str:
    query = params.copy()
    query.setlist("year_from", [str(year)])
    return _url_with(query, "year_to", [str(year)])


def _facets(*, params, chosen, terms, base_without) -> list[Facet]:
    facets = []
    labels = CaseSearchForm.VOCABULARY_FIELDS
    for key in FACET_ORDER:
        selected = [str(v) for v in chosen.get(key, [])] if key != "key" else []
        base = base_without(key)
        if key in VOCABULARY_FACETS:
            counts = _vocabulary_counts(key, base)
            options = [(t.slug, t.name, counts.get(t.pk, 0)) for t in terms[key]]
            label = labels[key]
        elif key in CHOICE_FACETS:
            counts = _choice_counts(key, base)
            options = [(v, lbl, counts.get(v, 0)) for v, lbl in CHOICE_FACETS[key][1]]
            label = CaseSearchForm.base_fields[key].label
        elif key in VICTIM_FACETS:
            counts = _victim_counts(key, base)
            options = [(v, lbl, counts.get(v, 0)) for v, lbl in VICTIM_FACETS[key][1]]
            label = CaseSearchForm.base_fields[key].label
        elif key == "audience":
            counts = _audience_counts(base)
            options = [(v, lbl, counts.get(v, 0)) for v, lbl in Profession.choices]
            label = CaseSearchForm.base_fields[key].label
        else:  # key cases
            n = base.filter(key_case=True).count()
            on = chosen.get("key") == "1"
            facets.append(
                Facet(
                    key="key",
                    label=str(_("Key case")),
                    options=[
                        FacetOption(
                            value="1",
                            label=str(_("Key cases only")),
                            count=n,
                            selected=on,
                            url=_url_with(params, "key", [] if on else ["1"]),
                        )
                    ],
                )
            )
            continue
        facets.append(
            Facet(
                key=key,
                label=str(label),
                options=[
                    FacetOption(
                        value=value,
                        label=str(text),
                        count=count,
                        selected=value in selected,
                        url=_toggle_url(params, key, value, selected),
                    )
                    for value, text, count in options
                    if count or value in selected
                ],
            )
        )
    return facets


def _active_filters(*, params, chosen, facets) -> list[ActiveFilter]:
    active = []
    by_key = {facet.key: facet for facet in facets}
    for key in FACET_ORDER:
        facet = by_key[key]
        for option in facet.options:
            if option.selected:
                active.append(
                    ActiveFilter(
                        key=key, label=f"{facet.label}: {option.label}", remove_url=option.url
                    )
                )
    for key, label in (("year_from", _("From year")), ("year_to", _("To year"))):
        if key in chosen:
            active.append(
                ActiveFilter(
                    key=key,
                    label=f"{label}: {chosen[key]}",
                    remove_url=_url_with(params, key, []),
                )
            )
    return active


def _narrowest_filter(*, active, base_without) -> Suggestion | None:
    """The filter whose removal gives back the most cases: one count per active facet."""
    best = None
    for key in dict.fromkeys(f.key for f in active):
        count = base_without(key).count()
        if count and (best is None or count > best.count):
            facet_filters = [f for f in active if f.key == key]
            best = Suggestion(filter=facet_filters[0], count=count)
    return best


# --- One case --------------------------------------------------------------------------


def case_citation(case: CasePage) -> str:
    """'Siliadin v. France, no. 73316/01, ECtHR, 26 July 2005, ECLI:CE:ECHR:…'.

    In the court's own citation style, whatever the page's language (the title as
    recorded, "no.", the English month): one string a reader pastes into a brief, never
    half translated."""
    parts = [case.title]
    if case.application_numbers:
        numbers = [n.strip() for n in case.application_numbers.split(",") if n.strip()]
        prefix = "nos." if len(numbers) > 1 else "no."
        parts.append(
            f"{prefix} {' and '.join(numbers) if len(numbers) == 2 else ', '.join(numbers)}"
        )
    if case.case_number:
        parts.append(case.case_number)
    court = case.court
    parts.append(court.short_name or court.name)
    parts.append(f"{case.decision_date.day} {case.decision_date:%B %Y}")
    if case.ecli:
        parts.append(case.ecli)
    return ", ".join(parts)


def citing_pages(*, case: CasePage, user) -> list[Page]:
    """Live lessons and quizzes (or any page) that cite the case, through Wagtail's
    reference index; pages of courses the reader may not see are left out. A snippet
    that cites it (a quiz question) counts through the page it belongs to."""
    from courses.selectors import course_is_visible_to, course_of

    page_type = ContentType.objects.get_for_model(Page)
    page_ids, others = set(), []
    for ref in ReferenceIndex.get_references_to(case).select_related("content_type"):
        if ref.base_content_type_id == page_type.pk:
            page_ids.add(int(ref.object_id))
        else:
            others.append(ref)
    for ref in others:
        obj = ref.content_type.model_class()._default_manager.filter(pk=ref.object_id).first()
        owner = next(
            (
                getattr(obj, name)
                for name in ("page", "quiz")
                if isinstance(getattr(obj, name, None), Page)
            ),
            None,
        )
        if owner is not None:
            page_ids.add(owner.pk)
        elif hasattr(obj, "quiz_pages"):  # a quiz question: the quizzes that serve it
            page_ids.update(obj.quiz_pages().values_list("pk", flat=True))
    pages = Page.objects.live().filter(pk__in=page_ids).specific().order_by("path")
    visible = []
    for page in pages:
        course = course_of(page)
        if course is not None and not course_is_visible_to(course=course, user=user):
            continue
        visible.append(page)
    return visible


def related_cases(*, case: CasePage, limit: int = RELATED_LIMIT) -> list[CasePage]:
    """Other published cases that share a legal issue and a form of exploitation with
    this one, those sharing most first."""
    issues = list(case.legal_issues.values_list("pk", flat=True))
    forms = list(case.exploitation_forms.values_list("pk", flat=True))
    if not issues or not forms:
        return []
    return list(
        visible_cases()
        .exclude(pk=case.pk)
        .filter(
            pk__in=CasePage.objects.filter(legal_issues__in=issues).values("pk"),
        )
        .filter(pk__in=CasePage.objects.filter(exploitation_forms__in=forms).values("pk"))
        .annotate(
            shared_issues=Count("legal_issues", filter=Q(legal_issues__in=issues), distinct=True),
            shared_forms=Count(
                "exploitation_forms", filter=Q(exploitation_forms__in=forms), distinct=True
            ),
        )
        .select_related("court")
        .order_by("-shared_issues", "-shared_forms", "-decision_date")[:limit]
    )


def case_detail_context(*, case: CasePage, user) -> dict:
    return {
        "citation": case_citation(case),
        "citing_pages": citing_pages(case=case, user=user),
        "related_cases": related_cases(case=case),
    }


def case_as_dict(case: CasePage) -> dict:
    """The case as plain data: the JSON export, and the shape the import reads."""
    return {
        "title": case.title,
        "slug": case.slug,
        "court": case.court.name,
        "court_level": case.court.level,
        "countries": [c.slug for c in case.countries.all()],
        "case_number": case.case_number,
        "application_numbers": case.application_numbers,
        "ecli": case.ecli,
        "decision_date": case.decision_date.isoformat(),
        "date_final": case.date_final.isoformat() if case.date_final else None,
        "language": case.language,
        "official_url": case.official_url,
        "acts": [t.slug for t in case.acts.all()],
        "means": [t.slug for t in case.means.all()],
        "forms": [t.slug for t in case.exploitation_forms.all()],
        "sectors": [t.slug for t in case.sectors.all()],
        "legal_issues": [t.slug for t in case.legal_issues.all()],
        "scope": case.scope,
        "organised_group": case.organised_group,
        "provisions": [
            {"instrument": p.instrument, "article": p.article, "outcome": p.outcome}
            for p in case.provisions.all()
        ],
        "victims": [
            {
                "count": g.count,
                "sex": g.sex,
                "age_group": g.age_group,
                "nationality": g.nationality,
                "status": g.status,
                "label": g.label,
            }
            for g in case.victim_groups.all()
        ],
        "defendants": [
            {"count": g.count, "sex": g.sex, "nationality": g.nationality, "role": g.role}
            for g in case.defendant_groups.all()
        ],
        "outcome": case.outcome,
        "verdict": case.verdict,
        "sentences": case.sentences,
        "confiscation": case.confiscation,
        "compensation": case.compensation,
        "holding": case.holding,
        "summary": case.summary,
        "significance": case.significance,
        "key_case": case.key_case,
        "audience_professions": list(case.audience_professions or []),
        "citation": case_citation(case),
    }

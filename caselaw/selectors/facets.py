"""The facets of the case-law library: what each URL parameter filters, the counts of
each facet's values (one query per facet, whatever the number of values), and the links
that choose or drop a value."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet, TextField
from django.db.models.functions import Cast, ExtractYear
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from accounts.api import Profession

from ..forms import CaseSearchForm
from ..models.cases import CasePage, VictimGroup
from ..models.terms import (
    Act,
    AgeGroup,
    Country,
    CourtLevel,
    ExploitationForm,
    LegalIssue,
    Means,
    Outcome,
    Sector,
    VictimStatus,
)
from ..parameters import FACET_ORDER

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


# --- Filters ----------------------------------------------------------------------------


def _m2m_through(field_name: str):
    m2m = CasePage._meta.get_field(field_name)
    return m2m.remote_field.through, m2m.m2m_field_name(), m2m.m2m_reverse_field_name()


def _audience_text():
    return Cast("audience_professions", output_field=TextField())


def filter_q(key: str, value: Any) -> Q:
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


def year_counts(base: QuerySet) -> list[tuple[int, int]]:
    rows = (
        base.order_by()
        .annotate(year=ExtractYear("decision_date"))
        .values("year")
        .annotate(n=Count("pk"))
        .order_by("-year")
    )
    return [(row["year"], row["n"]) for row in rows]


# --- URLs ------------------------------------------------------------------------------


def url_with(params: QueryDict, key: str, values: list[str]) -> str:
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
    return url_with(params, key, values)


def year_url(params: QueryDict, year: int) -> str:
    query = params.copy()
    query.setlist("year_from", [str(year)])
    return url_with(query, "year_to", [str(year)])


# --- Facets and active filters -------------------------------------------------------


def facets_for(*, params, chosen, terms, base_without) -> list[Facet]:
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
                            url=url_with(params, "key", [] if on else ["1"]),
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


def active_filters(*, params, chosen, facets) -> list[ActiveFilter]:
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
                    remove_url=url_with(params, key, []),
                )
            )
    return active


def narrowest_filter(*, active, base_without) -> Suggestion | None:
    """The filter whose removal gives back the most cases: one count per active facet."""
    best = None
    for key in dict.fromkeys(f.key for f in active):
        count = base_without(key).count()
        if count and (best is None or count > best.count):
            facet_filters = [f for f in active if f.key == key]
            best = Suggestion(filter=facet_filters[0], count=count)
    return best

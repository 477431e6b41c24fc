"""The public reads: the headline figures and the breakdowns by institution, profession,
region and month, each checked against the viewer's scope, protected, and cached."""

from __future__ import annotations

import functools
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts.api import Profession, Sex
from institutions.api import Institution, Region

from .disclosure import protected_figures
from .figures import Figures, min_cell
from .filters import StatsFilters, check_in_scope, effective_filters
from .queries import TOTAL, Grouping
from .scope import StatsScope

CACHE_VERSION = 2


def _cache_key(name: str, scope: StatsScope, filters: StatsFilters, **more) -> str:
    """Who sees (the scope's paths), what (the filters and any other argument), in which
    language (labels)."""
    parts = [
        name,
        repr(sorted(more.items())),
        "*" if scope.roots is None else ",".join(r.path for r in scope.roots),
        repr(sorted(filters.as_params().items())),
        str(min_cell()),
        get_language() or "",
    ]
    digest = hashlib.sha256("|".join(parts).encode()).hexdigest()
    return f"stats:{CACHE_VERSION}:{digest}"


def cached(function):
    """Keeps a read's result for STATS_CACHE_SECONDS (default 300; 0 turns it off): at
    national scale the all-courses figures take seconds, and statistics a few minutes old
    are fine. The scope is checked first, and is part of the key; periods are snapped to
    whole months for protected viewers before anything else."""

    @functools.wraps(function)
    def wrapper(*, scope: StatsScope, filters: StatsFilters, **more):
        check_in_scope(scope, filters)
        filters = effective_filters(scope=scope, filters=filters)
        seconds = getattr(settings, "STATS_CACHE_SECONDS", 300)
        if not seconds:
            return function(scope=scope, filters=filters, **more)
        key = _cache_key(function.__name__, scope, filters, **more)
        result = cache.get(key)
        if result is None:
            result = function(scope=scope, filters=filters, **more)
            cache.set(key, result, seconds)
        return result

    return wrapper


@cached
def stats_summary(*, scope: StatsScope, filters: StatsFilters) -> Figures:
    """Headline figures for the filtered subtree (or the whole scope)."""
    rows = protected_figures(scope=scope, filters=filters, grouping=TOTAL)
    figures = rows.get("", Figures(key=""))
    figures.label = str(_("All"))
    return figures.published()


@cached
def stats_by_institution(*, scope: StatsScope, filters: StatsFilters) -> list[Figures]:
    """One row per child of the focused institution (drill down), plus a row for the
    institution itself when learners belong to it directly. Without a focus: the scope's
    roots (or the tree's roots for administrators)."""
    node, grouping, nodes = institution_breakdown(scope=scope, filters=filters)
    by_key = protected_figures(scope=scope, filters=filters, grouping=grouping)
    return institution_rows(scope=scope, node=node, nodes=nodes, by_key=by_key, empty=Figures)


def institution_breakdown(
    *, scope: StatsScope, filters: StatsFilters
) -> tuple[Institution | None, Grouping, list[Institution]]:
    """The drill-down's focus, its grouping and its rows' institutions: the focus and its
    children, or without a focus the scope's roots (or the tree's roots)."""
    node = focus_institution(scope=scope, filters=filters)
    if node is not None:
        grouping = Grouping("institution", node=node)
        nodes = list(
            Institution.objects.filter(
                Q(pk=node.pk) | Q(path__startswith=node.path, depth=node.depth + 1)
            ).order_by("path")
        )
    elif scope.roots is not None:
        grouping = Grouping("institution", roots=scope.roots)
        nodes = list(scope.roots)
    else:
        grouping = Grouping("institution")
        nodes = list(Institution.objects.filter(depth=1).order_by("path"))
    return node, grouping, nodes


def institution_rows(*, scope: StatsScope, node, nodes, by_key: dict, empty) -> list:
    """The published rows of an institution breakdown (`by_key` from protected_figures;
    `empty(key=…)` makes a row for an institution without figures)."""
    rows = []
    for institution in nodes:
        path = institution.path
        figures = by_key.get(path, empty(key=path))
        if institution == node and path not in by_key:
            continue  # nobody directly at the focused institution
        figures.key = institution.code
        figures.label = institution.name
        figures.code = institution.code
        figures.institution_id = institution.pk
        figures.has_children = institution != node and institution.numchild > 0
        if institution == node:
            figures.label = str(_("%(name)s (directly)") % {"name": institution.name})
        rows.append(figures.published())
    unplaced = by_key.get(None)
    if unplaced is not None and scope.roots is None and node is None:
        unplaced.key = ""
        unplaced.label = str(_("No institution"))
        rows.append(unplaced.published())
    return rows


def _by_choices(
    *, scope: StatsScope, filters: StatsFilters, field: str, choices, source=None
) -> list[Figures]:
    """One row per value of `field` that has figures, in the order of its choices."""
    extra = {"source": source} if source is not None else {}
    by_key = protected_figures(scope=scope, filters=filters, grouping=Grouping(field), **extra)
    rows = []
    for value, label in choices:
        if value in by_key:
            figures = by_key[value]
            figures.key = value
            figures.label = str(label)
            rows.append(figures.published())
    return rows


@cached
def stats_by_profession(*, scope: StatsScope, filters: StatsFilters) -> list[Figures]:
    return _by_choices(scope=scope, filters=filters, field="profession", choices=Profession.choices)


@cached
def stats_by_sex(*, scope: StatsScope, filters: StatsFilters) -> list[Figures]:
    """By the sex people declared in their profile ("not declared" for those who did not),
    as programme reports count people trained."""
    return _by_choices(scope=scope, filters=filters, field="sex", choices=Sex.choices)


@cached
def stats_by_region(*, scope: StatsScope, filters: StatsFilters) -> list[Figures]:
    return _by_choices(scope=scope, filters=filters, field="region", choices=Region.choices)


@cached
def stats_by_month(*, scope: StatsScope, filters: StatsFilters) -> list[Figures]:
    """Per calendar month: enrolments, starts and completions that happened in it (three
    grouped queries). Rates and certificates are not split by month."""
    months = protected_figures(scope=scope, filters=filters, grouping=Grouping("month"))
    rows = []
    for key in sorted(months):
        figures = months[key].published()
        figures.completion_rate = None
        rows.append(figures)
    return rows


STATS_VIEWS = {
    "institution": stats_by_institution,
    "profession": stats_by_profession,
    "sex": stats_by_sex,
    "region": stats_by_region,
    "month": stats_by_month,
}


def focus_institution(*, scope: StatsScope, filters: StatsFilters) -> Institution | None:
    """The institution whose children the drill-down lists."""
    if filters.institution is not None:
        return filters.institution
    if scope.roots is not None and len(scope.roots) == 1:
        return scope.roots[0]
    return None

"""The one disclosure control: every figure a protected viewer sees goes through
`protected_figures`.

Disclosure control (K = settings.STATS_MIN_CELL, default 5; hidden cells show as "x")
Every cell is a set of enrolments (or quiz results, certificates) picked by the filters
(course, profession, region, institution, period) and the row of a breakdown (institution,
profession, region, month). For a viewer who is not an administrator:
1. Primary: a count is hidden when it rests on 1..K-1 distinct people (a person with three
   courses is one person). A rate is hidden with its numerator or denominator. The
   average final-exam score needs K people with a final-exam result of their own; the
   median days to complete needs K people who completed.
2. Secondary: in every breakdown (the table's total is always taken as known: the
   headline figures or another query give it), a column with hidden cells must hide at
   least two cells that together rest on K or more people; the smallest other non-zero
   cells are hidden until it does (averages likewise, weighted by their results).
3. Differencing across filters: a filtered cell is also a row of the breakdown by each of
   its narrowing filters in the query without that filter ("region R, profession P" is
   the row P of "region R by profession", and the row R of "profession P by region").
   Steps 1-2 run on those breakdowns too, and what they hide in that row is hidden in the
   cell. So "R" minus "R and P" never leaves fewer than K people. An institution filter
   is a row among its siblings under its parent, and is compared with every wider
   ancestor in scope: a difference of 1..K-1 hides the figure. A drill-down's rows add up
   to the focused institution, a row of its parent's breakdown: what that row hides, the
   drill-down hides in one of its rows too (then step 2 in the drill-down).
   3a. Beyond one filter: every query this one lies within, with any filters dropped or
   widened at once (an institution to any ancestor in scope, or the whole scope), has
   the same row, and for a breakdown a total: a figure differing from it by 1..K-1 people
   is hidden. Differences only grow outwards, so a figure K+ away from one wider query is
   not compared with those around it, and one equal to the widest query's is equal to all
   between: the queries read stay few (at most one per combination of filters).
4. Differencing across periods: periods snap to whole calendar months. Moving a period's
   start later removes the enrolments completed in the months skipped; moving its end
   earlier removes what was enrolled, started or completed in the months cut. So in each
   cell, the first month (from the start) with completions and the last month (up to the
   end, or now) with enrolments must each have 0 or K+ people, otherwise the whole cell
   is hidden; the last month with starts (completions) likewise, otherwise the count of
   starts (completions) is hidden. Then any two periods differ by 0 or K+ people.
   The monthly table counts events per month, each under steps 1-3.
5. Results are cached per scope and (snapped) filters, so asking again returns the same.

What a table counts is a `Source`: enrolments (the default), training participations
(`trainings`), knowledge-gain results (`gain`), one survey's invitations and answers
(`surveys`) and one training plan's people by status (`compliance`, whose statuses add up
to a row's total: `Source.parts`, step 2 along the row). Each says what its figures rest
on, how it groups and how moving a period's edge changes it (`edge_people` for units that
span months); steps 1-4 are the same code for all.

Residual risk (stated honestly)
- Step 3a compares a cell with every cell it lies within, but not with unions of
  several published cells that are not themselves a cell (two stations of different
  parents, say), which can still narrow a group down in rare shapes. The secondary
  suppression is not re-run after step 3 hides a cell in other breakdowns, and cells
  hidden in one table may be visible (with K+ people) in another.
- Hiding protects against singling out, not against group disclosure: "all 6 people of
  a unit completed" is published. Non-published complements (enrolled minus completed)
  are not protected as cells of their own.
- Over time the figures change as data arrives: two answers a month apart differ by
  that month's activity, which step 4 only protects once the month has K+ people.
- Two viewers with different scopes see different totals; comparing their answers is
  outside what one viewer can do, but colluding viewers could.
- Counts of 1..K-1 people resting on more enrolments (all courses) are still hidden;
  counts of K+ enrolments resting on fewer than K people are hidden too (people count).
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth

from courses.api import Enrolment
from institutions.api import Institution

from .figures import COUNT_FIELDS, HIDEABLE, RESTS_ON, Figures, min_cell
from .filters import StatsFilters
from .queries import MONTH_EVENTS, TOTAL, Grouping, included, needs_path, raw_figures
from .scope import STEPLEN, StatsScope, parent_in_scope


@dataclass(frozen=True)
class Source:
    """What a table counts, as the disclosure control needs to know it. Every source's rows
    have `people` ({people key: distinct people}) and `hidden` (the names to hide).

    - `raw(*, scope, filters, grouping, extra=None)`: the exact rows per key (per (key,
      extra key) for a cross table), for every grouping `_narrowings` may ask for;
    - `rests_on`: each figure that may be hidden, and the key of `people` it rests on;
    - `not_additive`: figures that do not add up to a total (skipped by step 2);
    - `differences(row, wider)`: per figure, how much a wider cell has more (step 3; by
      default the people each figure rests on);
    - `edges(*, scope, filters, grouping, k)`: per key, the figures a too small period
      edge month hides (step 4), or None when the source has no periods;
    - `parts`: figures that are the sum of others in the same row ({total: its parts}),
      as a row's statuses add up to its people: step 2 runs along the row too.
    """

    name: str
    raw: Callable[..., dict]
    rests_on: Mapping[str, str]
    not_additive: frozenset[str] = frozenset()
    differences: Callable[[Any, Any], dict[str, int]] | None = None
    edges: Callable[..., dict[Any, set[str]]] | None = None
    parts: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def difference(self, figures, wider) -> dict[str, int]:
        if self.differences is not None:
            return self.differences(figures, wider)
        return {
            name: wider.people.get(people, 0) - figures.people.get(people, 0)
            for name, people in self.rests_on.items()
        }


def _hide_small(figures, k: int, rests_on: Mapping[str, str] = RESTS_ON) -> None:
    """Primary suppression: figures resting on 1..K-1 people."""
    for name, people in rests_on.items():
        if 0 < figures.people.get(people, 0) < k:
            figures.hidden.add(name)


def _hide_siblings(
    rows,
    k: int,
    rests_on: Mapping[str, str] = RESTS_ON,
    not_additive: frozenset[str] = frozenset({"median_days_to_complete"}),
) -> None:
    """Secondary suppression in one breakdown (its total taken as known): where a column
    hides anything, it hides at least two non-zero cells resting on K+ people together,
    adding the smallest visible ones."""
    rows = list(rows)
    for name, people_key in rests_on.items():
        if name in not_additive:
            continue  # medians do not add up to a total
        cells = [r for r in rows if r.people.get(people_key, 0) > 0]
        hidden = [r for r in cells if name in r.hidden]
        if not hidden:
            continue
        visible = sorted(
            (r for r in cells if name not in r.hidden), key=lambda r: r.people[people_key]
        )
        while visible and (len(hidden) < 2 or sum(r.people[people_key] for r in hidden) < k):
            row = visible.pop(0)
            row.hidden.add(name)
            hidden.append(row)


def _hide_parts(figures, k: int, source: Source, exposed: frozenset[str] = frozenset()) -> None:
    """Secondary suppression along a row whose figures add up (`source.parts`): with the
    total known, the hidden parts are at least two non-zero ones resting on K+ people
    together, adding the smallest visible ones; failing that the total is hidden too.
    `exposed`: hidden figures of this row that their column gives away (they count as
    shown)."""
    for total, parts in source.parts.items():
        if total in figures.hidden and total not in exposed:
            continue
        people = {p: figures.people.get(source.rests_on[p], 0) for p in parts}
        hidden = [p for p in parts if p in figures.hidden and p not in exposed and people[p]]
        if not hidden and not any(p in figures.hidden and people[p] for p in parts):
            continue
        visible = sorted(
            (p for p in parts if p not in figures.hidden and people[p]), key=people.get
        )
        while visible and (len(hidden) < 2 or sum(people[p] for p in hidden) < k):
            part = visible.pop(0)
            figures.hidden.add(part)
            hidden.append(part)
        if len(hidden) < 2 or sum(people[p] for p in hidden) < k:
            figures.hidden.add(total)


def _exposed(rows, k: int, source: Source) -> dict[int, frozenset[str]]:
    """Per row (by id), the hidden figures its column gives away, the column's total being
    known: those of a column whose hidden non-zero cells are fewer than two or rest on fewer
    than K people together."""
    exposed: dict[int, set[str]] = defaultdict(set)
    for name, people_key in source.rests_on.items():
        hidden = [r for r in rows if name in r.hidden and r.people.get(people_key, 0) > 0]
        if hidden and (len(hidden) < 2 or sum(r.people[people_key] for r in hidden) < k):
            for row in hidden:
                exposed[id(row)].add(name)
    return {key: frozenset(names) for key, names in exposed.items()}


def _hide_along_rows_and_columns(rows, k: int, source: Source, *, columns: bool) -> None:
    """Step 2 down each column and along each row (`source.parts`), again until neither
    hides anything more (each pass only hides, so it ends). A row does not count on a
    hidden figure that its column gives away."""
    rows = list(rows)
    while True:
        before = sum(len(r.hidden) for r in rows)
        if columns:
            _hide_siblings(rows, k, source.rests_on, source.not_additive)
        exposed = _exposed(rows, k, source) if columns else {}
        for row in rows:
            _hide_parts(row, k, source, exposed.get(id(row), frozenset()))
        if sum(len(r.hidden) for r in rows) == before:
            return


def _enrolment_differences(figures: Figures, wider: Figures) -> dict[str, int]:
    differences = {name: getattr(wider, name) - getattr(figures, name) for name in COUNT_FIELDS}
    differences["average_final_score"] = wider.final_results - figures.final_results
    differences["median_days_to_complete"] = differences["completed"]
    return differences


def _hide_small_differences(figures, wider, k: int, source: Source | None = None) -> None:
    """A figure whose difference with the same cell in a wider query is 1..K-1."""
    differences = (source or ENROLMENTS).difference(figures, wider)
    for name, difference in differences.items():
        if 0 < difference < k:
            figures.hidden.add(name)


def _narrowings(scope: StatsScope, filters: StatsFilters, grouping: Grouping):
    """For each narrowing filter: (the filters without it, the grouping by it, this
    query's value of it). The cell is that value's row in that breakdown."""
    if filters.course is not None:
        yield replace(filters, course=None), Grouping("course"), filters.course.pk
    if filters.profession:
        yield replace(filters, profession=None), Grouping("profession"), filters.profession
    if filters.region:
        yield replace(filters, region=None), Grouping("region"), filters.region
    node = filters.institution
    if node is not None and grouping.kind != "institution":
        # (An institution table's rows are the same with or without the filter.)
        parent = parent_in_scope(scope, node)
        if parent is not None:
            yield (
                replace(filters, institution=parent),
                Grouping("institution", node=parent),
                node.path,
            )
        elif scope.roots != (node,):
            yield (
                replace(filters, institution=None),
                Grouping("institution", roots=scope.roots),
                node.path,
            )


def _institution_options(scope: StatsScope, node: Institution) -> list[Institution | None]:
    """The institution filter and every wider one in scope: each ancestor the scope covers,
    then none at all (the whole scope) where that is wider still."""
    ancestors = Institution.objects.filter(
        path__in=[node.path[:i] for i in range(STEPLEN, len(node.path), STEPLEN)]
    ).order_by("-path")
    options: list[Institution | None] = [node]
    options += [a for a in ancestors if scope.covers(a)]
    if scope.roots is None or options[-1] not in scope.roots:
        options.append(None)
    return options


def _wider_dimensions(scope: StatsScope, filters: StatsFilters):
    """The filters a wider query may drop or widen, each with its values from this query's
    to the widest: course, profession and region (or none), the institution (each ancestor
    in scope, then the whole scope)."""
    dimensions = []
    for name in ("course", "profession", "region"):
        value = getattr(filters, name)
        if value not in (None, ""):
            dimensions.append((name, [value, None]))
    if filters.institution is not None:
        dimensions.append(("institution", _institution_options(scope, filters.institution)))
    return dimensions


def _hide_small_differences_with_wider_queries(
    scope: StatsScope, filters: StatsFilters, grouping: Grouping, rows: dict, k: int, source
) -> None:
    """3a. Every query this one lies within, whatever filters it drops or widens at once:
    the same row there (and, for a breakdown, that query's total) differs from each row
    by 0 or K+ people in every figure not hidden yet, or the figure is hidden.

    The wider queries nest: a difference only grows from a query to one wider still, so a
    figure that differs by K+ from one query needs no look at the queries around that one.
    Queries are read narrowest first and only while a visible figure still needs them."""
    dimensions = _wider_dimensions(scope, filters)
    if not dimensions or not rows:
        return
    sample = next(iter(rows.values()))
    names = list(source.difference(sample, sample))
    institution_at = next(
        (i for i, (name, _o) in enumerate(dimensions) if name == "institution"), None
    )
    # (An institution table's rows are the same with or without the filter: within the
    # same table, the institution stays; its total is a wider cell all the same.)
    institution_stays = grouping.kind == "institution"
    with_totals = grouping.kind not in ("total", "month")
    safe_here: dict[tuple, list[tuple]] = defaultdict(list)  # the row in a wider query
    safe_total: dict[tuple, list[tuple]] = defaultdict(list)  # a wider query's total

    def covered(marks, point) -> bool:
        return any(all(a <= b for a, b in zip(mark, point, strict=True)) for mark in marks)

    # The widest query first: a figure the same there is the same in every query between.
    points = sorted(
        itertools.product(*(range(len(options)) for _name, options in dimensions)), key=sum
    )
    settled: set[tuple] = set()
    for point in [points[-1], *points[1:-1]]:
        wider = replace(
            filters,
            **{name: options[i] for (name, options), i in zip(dimensions, point, strict=True) if i},
        )
        relations = []
        if not (institution_stays and institution_at is not None and point[institution_at]):
            relations.append((grouping, (safe_here,)))
        if with_totals:
            relations.append((TOTAL, (safe_here, safe_total)))
        for by, marks in relations:
            needed = {
                (key, name)
                for key, figures in rows.items()
                for name in names
                if name not in figures.hidden
                and (key, name, by is grouping) not in settled
                and not any(covered(m[(key, name)], point) for m in marks)
            }
            if not needed:
                continue
            other = source.raw(scope=scope, filters=wider, grouping=by)
            for key, figures in rows.items():
                around = other.get(key) if by is grouping else next(iter(other.values()), None)
                if around is None:
                    continue
                for name, difference in source.difference(figures, around).items():
                    if (key, name) not in needed:
                        continue
                    if 0 < difference < k:
                        figures.hidden.add(name)
                    elif difference >= k:
                        marks[-1][(key, name)].append(point)
                    elif point == points[-1]:
                        settled.add((key, name, by is grouping))


def edge_people(units) -> tuple[set, set]:
    """Step 4 for units that span months (a training's participation, a person with several
    results): `units` are (person, the months the unit has in the period). Moving the
    period's start later removes the units whose months all lie before the new start, the
    smallest such set being those whose last month is the earliest; moving its end earlier,
    those whose first month is the latest. Returns the people of these two sets (each must
    be 0 or K+ people)."""
    units = list(units)
    earliest_last = min(max(months) for _user, months in units)
    latest_first = max(min(months) for _user, months in units)
    return (
        {user for user, months in units if max(months) == earliest_last},
        {user for user, months in units if min(months) == latest_first},
    )


# What moving a period's edge by a month changes, by the event counted in that month:
# the enrolments in or out (every figure), or only the count of starts or completions.
EDGE_HIDES = {
    ("enrolled", "last"): set(HIDEABLE),
    ("started", "last"): {"started"},
    ("completed", "last"): {"completed", "median_days_to_complete"},
    ("completed", "first"): set(HIDEABLE),
}


def _edge_months_too_small(
    *, scope: StatsScope, filters: StatsFilters, grouping: Grouping, k: int
) -> dict[Any, set[str]]:
    """Per key, the figures to hide because a period edge month is too small: the first
    month with completions, or the last month (up to the period's end, or now) with
    enrolments, starts or completions, has 1..K-1 people (three queries)."""
    enrolments = included(
        Enrolment.objects.all(),
        prefix="",
        scope=scope,
        filters=filters,
        with_path=needs_path(grouping, None),
    )
    hide: dict[Any, set[str]] = defaultdict(set)
    for name, date_field in MONTH_EVENTS:
        q = Q(**{f"{date_field}__isnull": False})
        if filters.end is not None:
            q &= Q(**{f"{date_field}__lt": filters.end})
        rows = (
            enrolments.filter(q)
            .annotate(_key=grouping.expression(""), _month=TruncMonth(date_field))
            .values("_key", "_month")
            .annotate(people=Count("user_id", distinct=True))
            .order_by()
        )
        months: dict[Any, dict] = defaultdict(dict)
        for row in rows:
            months[row["_key"]][row["_month"]] = row["people"]
        for key, people in months.items():
            for edge, month in (("first", min(people)), ("last", max(people))):
                figures = EDGE_HIDES.get((name, edge))
                if figures and 0 < people[month] < k:
                    hide[key] |= figures
    return hide


ENROLMENTS = Source(
    name="enrolments",
    raw=raw_figures,
    rests_on=RESTS_ON,
    not_additive=frozenset({"median_days_to_complete"}),
    differences=_enrolment_differences,
    edges=_edge_months_too_small,
)


def _hide_what_the_focus_hides(scope, filters, grouping, rows, k: int, source: Source) -> None:
    node = grouping.node
    if grouping.kind != "institution" or node is None:
        return
    parent = parent_in_scope(scope, node)
    if parent is not None:
        wider, by = replace(filters, institution=parent), Grouping("institution", node=parent)
    elif scope.roots is not None and scope.roots != (node,):
        wider, by = replace(filters, institution=None), Grouping("institution", roots=scope.roots)
    else:
        return  # the focus is the viewer's whole scope: its figures are the headline
    column = source.raw(scope=scope, filters=wider, grouping=by)
    for cell in column.values():
        _hide_small(cell, k, source.rests_on)
    _hide_siblings(column.values(), k, source.rests_on, source.not_additive)
    if source.parts:
        _hide_along_rows_and_columns(column.values(), k, source, columns=True)
    focus = column.get(node.path)
    if focus is None:
        return
    for name in focus.hidden:
        people_key = source.rests_on.get(name)
        cells = [r for r in rows.values() if r.people.get(people_key, 0) > 0]
        if people_key is None or any(name in r.hidden for r in cells) or not cells:
            continue
        min(cells, key=lambda r: r.people[people_key]).hidden.add(name)


def _protect(
    *,
    scope: StatsScope,
    filters: StatsFilters,
    grouping: Grouping,
    rows: dict,
    source: Source = ENROLMENTS,
) -> None:
    """The one disclosure control (see the module's docstring): marks in each row's
    `hidden` the figures a protected viewer may not see."""
    k = min_cell()
    rests_on, not_additive = source.rests_on, source.not_additive
    for figures in rows.values():
        _hide_small(figures, k, rests_on)
    # 3. The cell as a row of the breakdown by each of its narrowing filters.
    for wider, by, value in _narrowings(scope, filters, grouping):
        if by.kind == grouping.kind:
            # Filtered and broken down by the same thing: the one table without the filter.
            column = source.raw(scope=scope, filters=wider, grouping=grouping)
            columns = dict.fromkeys(rows, column)
            value_of = dict(zip(rows, rows, strict=True))
        else:
            cross = source.raw(scope=scope, filters=wider, grouping=grouping, extra=by)
            columns = defaultdict(dict)
            for (key, other), figures in cross.items():
                columns[key][other] = figures
            value_of = dict.fromkeys(rows, value)
        done = set()
        for key, figures in rows.items():
            column = columns.get(key)
            if not column:
                continue
            if id(column) not in done:
                for cell in column.values():
                    _hide_small(cell, k, rests_on)
                _hide_siblings(column.values(), k, rests_on, not_additive)
                if source.parts:
                    _hide_along_rows_and_columns(column.values(), k, source, columns=True)
                done.add(id(column))
            cell = column.get(value_of[key])
            if cell is not None:
                figures.hidden |= cell.hidden
    _hide_small_differences_with_wider_queries(scope, filters, grouping, rows, k, source)
    # 3b. A drill-down's rows add up to the focused institution, a row of its parent's
    # breakdown: what that row hides, the drill-down hides in at least one of its rows.
    _hide_what_the_focus_hides(scope, filters, grouping, rows, k, source)
    # 4. The period's edge months.
    if grouping.kind != "month" and source.edges is not None:
        edges = source.edges(scope=scope, filters=filters, grouping=grouping, k=k)
        for key, names in edges.items():
            if key in rows:
                rows[key].hidden |= names
    # 2. Secondary suppression within this breakdown (and along rows that add up).
    if grouping.kind != "total":
        _hide_siblings(rows.values(), k, rests_on, not_additive)
    if source.parts:
        _hide_along_rows_and_columns(rows.values(), k, source, columns=grouping.kind != "total")


def protected_figures(
    *,
    scope: StatsScope,
    filters: StatsFilters,
    grouping: Grouping,
    source: Source = ENROLMENTS,
) -> dict:
    """The figures per row key as published to this viewer: exact for administrators,
    protected for everyone else. Every public read goes through here, whatever it counts
    (enrolments by default; training participations, knowledge gain and survey answers
    are other `Source`s, protected by the same steps)."""
    rows = source.raw(scope=scope, filters=filters, grouping=grouping)
    if scope.is_protected:
        _protect(scope=scope, filters=filters, grouping=grouping, rows=rows, source=source)
    return rows

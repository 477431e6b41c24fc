"""Knowledge gain in statistics: mean pre-test and post-test scores, mean normalised gain and
the share of people who improved, per institution subtree, profession and declared sex.

What is counted
- A *result* is one person's pre-test and post-test of one `KnowledgeTest` (a course's or
  a training's), as `evaluation.people_gains` reads them: the first graded pre-test, the
  latest later post-test. The means are over results; someone who scored 100 before has
  no gain (counted in the means of scores, not in the mean gain).
- A result belongs to the month of its post-test (periods take whole months, for
  everyone), and to the institution, profession, region and sex the person has now.

The figures go through the one disclosure control (`disclosure.protected_figures`, with
a `Source` built per read over the results): every figure rests on the people tested
(the mean gain on those who have a gain), so a group of 1..K-1 people is hidden, the next
smallest of its breakdown too, a cell whose people differ from a wider cell's by 1..K-1 is
hidden (a mean of n and of n + 1 people gives the one person's score), and the results
and people that moving a period's start or end would remove must be 0 or K+ people
(`disclosure.edge_people`). The course filter is ignored.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _

from accounts.api import Profession, Sex, User
from evaluation.api import KnowledgeTest, people_gains

from .disclosure import Source, edge_people, protected_figures
from .figures import SUPPRESSED
from .filters import StatsFilters
from .queries import TOTAL, Grouping
from .scope import STEPLEN, StatsScope
from .tables import _by_choices, cached, institution_breakdown, institution_rows

HUNDRED = Decimal(100)
PLACES = Decimal("0.1")

GAIN_FIELDS = ("tested", "mean_pre", "mean_post", "mean_gain", "improved_share")
GAIN_LABELS = {
    "tested": _("People tested"),
    "mean_pre": _("Mean pre-test score (%)"),
    "mean_post": _("Mean post-test score (%)"),
    "mean_gain": _("Mean normalised gain (%)"),
    "improved_share": _("Improved (%)"),
}
GAIN_RESTS_ON = {
    "tested": "tested",
    "mean_pre": "tested",
    "mean_post": "tested",
    "improved_share": "tested",
    "mean_gain": "gained",
}
GAIN_BREAKDOWNS = ("institution", "profession", "sex")


@dataclass(frozen=True)
class GainResult:
    """One person's pre- and post-test of one test, with who they are now."""

    user_id: int
    path: str | None
    profession: str
    sex: str
    region: str
    month: str  # YYYY-MM of the post-test
    pre: Decimal
    post: Decimal
    gain: Decimal | None


@dataclass
class GainFigures:
    key: Any = None
    label: str = ""
    code: str = ""
    institution_id: int | None = None
    has_children: bool = False
    tested: int | str = 0
    mean_pre: Decimal | None = None
    mean_post: Decimal | None = None
    mean_gain: Decimal | None = None
    improved_share: Decimal | None = None
    suppressed: bool = False
    people: dict[str, int] = field(default_factory=dict, repr=False, compare=False)
    hidden: set[str] = field(default_factory=set, repr=False, compare=False)

    def published(self) -> GainFigures:
        changes: dict[str, Any] = {
            name: SUPPRESSED if name == "tested" else None for name in self.hidden
        }
        changes["suppressed"] = bool(self.hidden)
        return replace(self, **changes)

    def public(self) -> dict[str, Any]:
        return {
            name: float(value) if isinstance(value, Decimal) else value
            for name, value in ((n, getattr(self, n)) for n in GAIN_FIELDS)
        }


def _figures(key, results: list[GainResult]) -> GainFigures:
    n = len(results)
    gains = [r.gain for r in results if r.gain is not None]
    return GainFigures(
        key=key,
        tested=len({r.user_id for r in results}),
        mean_pre=(sum(r.pre for r in results) / n).quantize(PLACES),
        mean_post=(sum(r.post for r in results) / n).quantize(PLACES),
        mean_gain=(sum(gains) * HUNDRED / len(gains)).quantize(PLACES) if gains else None,
        improved_share=(Decimal(sum(r.post > r.pre for r in results)) * HUNDRED / n).quantize(
            PLACES
        ),
        people={
            "tested": len({r.user_id for r in results}),
            "gained": len({r.user_id for r in results if r.gain is not None}),
        },
    )


def gain_results() -> list[GainResult]:
    """Every result of every pre/post test, with the person's institution path, profession,
    sex and region (a query per test, and one for the people)."""
    gains = [gain for test in KnowledgeTest.objects.order_by("pk") for gain in people_gains(test)]
    people = {
        row["pk"]: row
        for row in User.objects.filter(pk__in={g.user_id for g in gains}).values(
            "pk", "sex", "profession", "institution__path", "institution__region"
        )
    }
    results = []
    for gain in gains:
        person = people.get(gain.user_id)
        if person is None or not gain.month:
            continue
        results.append(
            GainResult(
                user_id=gain.user_id,
                path=person["institution__path"],
                profession=person["profession"] or "",
                sex=person["sex"] or "",
                region=person["institution__region"] or "",
                month=gain.month,
                pre=Decimal(gain.pre),
                post=Decimal(gain.post),
                gain=gain.gain,
            )
        )
    return results


def _month(day: datetime.date | None) -> str | None:
    return day.strftime("%Y-%m") if day else None


def _taken(result: GainResult, scope: StatsScope, filters: StatsFilters) -> bool:
    """Whether the scope and filters take a result in (the same rules as the database
    reads: the person's institution path, profession, region; the post-test's month)."""
    if scope.roots is not None and not (
        result.path and any(result.path.startswith(r.path) for r in scope.roots)
    ):
        return False
    if filters.institution is not None and not (result.path or "").startswith(
        filters.institution.path
    ):
        return False
    if filters.profession and result.profession != filters.profession:
        return False
    if filters.region and result.region != filters.region:
        return False
    start, end = _month(filters.date_from), _month(filters.date_to)
    return not ((start and result.month < start) or (end and result.month > end))


def _key(grouping: Grouping, result: GainResult):
    """The grouping's key of a result, as `Grouping.expression` computes it in SQL."""
    kind = grouping.kind
    if kind == "total":
        return ""
    if kind in ("profession", "sex", "region"):
        return getattr(result, kind)
    if kind == "institution":
        if result.path is None:
            return None
        if grouping.node is not None:
            return result.path[: len(grouping.node.path) + STEPLEN]
        if grouping.roots:
            return next((r.path for r in grouping.roots if result.path.startswith(r.path)), "")
        return result.path[:STEPLEN]
    raise ValueError(f"Knowledge gain is not grouped by {kind}.")


def _grouped(results, scope, filters, grouping, extra) -> dict[Any, list[GainResult]]:
    groups: dict[Any, list[GainResult]] = defaultdict(list)
    for result in results:
        if _taken(result, scope, filters):
            key = _key(grouping, result)
            groups[key if extra is None else (key, _key(extra, result))].append(result)
    return groups


def gain_source(results: list[GainResult]) -> Source:
    """The disclosure control's view of these results."""

    def raw(*, scope, filters, grouping, extra=None) -> dict:
        return {
            key: _figures(key, members)
            for key, members in _grouped(results, scope, filters, grouping, extra).items()
        }

    def edges(*, scope, filters, grouping, k) -> dict[Any, set[str]]:
        hide: dict[Any, set[str]] = defaultdict(set)
        for key, members in _grouped(results, scope, filters, grouping, None).items():
            # Each result has one month; a person, the months of all their results.
            months: dict[int, set[str]] = defaultdict(set)
            for result in members:
                months[result.user_id].add(result.month)
            by_result = edge_people([(r.user_id, {r.month}) for r in members])
            by_person = edge_people(list(months.items()))
            for edge in (*by_result, *by_person):
                if 0 < len(edge) < k:
                    hide[key] |= set(GAIN_RESTS_ON)
        return hide

    return Source(name="knowledge gain", raw=raw, rests_on=GAIN_RESTS_ON, edges=edges)


def _for_gain(filters: StatsFilters) -> StatsFilters:
    return replace(filters, course=None)


@cached
def gain_summary(*, scope: StatsScope, filters: StatsFilters) -> GainFigures:
    filters = _for_gain(filters)
    rows = protected_figures(
        scope=scope, filters=filters, grouping=TOTAL, source=gain_source(gain_results())
    )
    figures = rows.get("", GainFigures(key=""))
    figures.label = str(_("All"))
    return figures.published()


@cached
def gain_breakdown(*, scope: StatsScope, filters: StatsFilters, by: str) -> list[GainFigures]:
    """Knowledge gain by institution (children of the focus), profession or declared sex."""
    filters = _for_gain(filters)
    source = gain_source(gain_results())
    if by == "institution":
        node, grouping, nodes = institution_breakdown(scope=scope, filters=filters)
        by_key = protected_figures(scope=scope, filters=filters, grouping=grouping, source=source)
        return institution_rows(
            scope=scope, node=node, nodes=nodes, by_key=by_key, empty=GainFigures
        )
    choices = {"profession": Profession.choices, "sex": Sex.choices}[by]
    return _by_choices(scope=scope, filters=filters, field=by, choices=choices, source=source)

"""Compliance with a training plan in statistics: how many of the people a plan holds an
open assignment for are compliant, due, overdue or expired, and the compliance rate, per
institution subtree, profession and declared sex.

What is counted
- One plan at a time (`plan_id`, required): the plans a viewer may pick are those of an
  institution in their scope, and the national plans (`plans_for_stats`); of a national
  plan they see only the people in their scope.
- *As of the end of the period* (the `to` filter; without it, or when it lies ahead, as
  of now): the assignments open then (assigned before it, closed after it), each with its
  status then (`plans.api.status_of`: courses completed before it, the certificate
  current then, the due moment passed or not). The period's start plays no part: a
  snapshot has no start.
- What is today's, not the period's: the plan's items and each assignment's due moment
  (plans keep no history of them), and the institution, profession, region and declared
  sex of each person (as in the training figures): someone who moved since counts where
  they are now.
- A person is one assignment (one open assignment per person and plan), so each figure
  counts people. The rate is compliant / people assigned.

Counted in the database: one grouped query per table (GROUP BY the row's key and the
status), whatever the number of people; the disclosure control adds a bounded number of
the same (one per narrowing filter and wider institution, one for step 4).

Disclosure control: the one control (`disclosure.protected_figures`) with the
`compliance_source` of the plan. Each status and the total rest on their people; a row's
statuses add up to its total, so step 2 also runs along each row (`Source.parts`): a hidden
status is never the total less the others shown. Step 4 (periods) compares the
snapshot with the one at the end of every earlier month (back to the plan's first
assignment, at most 36 months): the people who entered or left each status (or the plan)
between the two must be 0 or K+, otherwise that figure is hidden. A later snapshot is the
one that hides a small difference, so of any two month-end snapshots within 36 months of
each other, what both show differs by 0 or K+ people.

Residual risk, beyond the module docstring of `disclosure`: snapshots more than 36 months
apart are not compared; "now" moves, so two answers as of now on different days are
compared with the month ends, not with each other (the figures change as data arrives);
with K+ people changing, the net change of a count can be smaller than K (five people
became overdue and four stopped being: +1).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import Any

from django.db.models import Case, CharField, Count, F, Min, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.api import Profession, Sex
from plans.api import (
    STATUS_LABELS,
    STATUSES,
    Assignment,
    TrainingPlan,
    open_at,
    plan_items,
    status_of,
)

from .disclosure import Source, protected_figures
from .figures import SUPPRESSED
from .filters import StatsFilters
from .queries import TOTAL, Grouping
from .scope import OutOfScope, StatsScope
from .tables import _by_choices, cached, institution_breakdown, institution_rows

COMPLIANCE_FIELDS = ("total", *STATUSES, "compliance_rate")
COMPLIANCE_LABELS = {
    "total": _("People assigned"),
    **STATUS_LABELS,
    "compliance_rate": _("Compliance rate (%)"),
}
COMPLIANCE_RESTS_ON = {"total": "total", **{status: status for status in STATUSES}}
COMPLIANCE_BREAKDOWNS = ("institution", "profession", "sex")


@dataclass
class ComplianceFigures:
    """One row of compliance figures; exact until `published()` (hidden ones become "x")."""

    key: Any = None
    label: str = ""
    code: str = ""
    institution_id: int | None = None
    has_children: bool = False
    total: int | str = 0
    compliant: int | str = 0
    due: int | str = 0
    overdue: int | str = 0
    expired: int | str = 0
    compliance_rate: float | None = None
    suppressed: bool = False
    people: dict[str, int] = field(default_factory=dict, repr=False, compare=False)
    hidden: set[str] = field(default_factory=set, repr=False, compare=False)

    def published(self) -> ComplianceFigures:
        changes: dict[str, Any] = dict.fromkeys(self.hidden, SUPPRESSED)
        rate = None
        if not {"total", "compliant"} & self.hidden and self.total:
            rate = round(100 * self.compliant / self.total, 1)
        changes["compliance_rate"] = rate
        changes["suppressed"] = bool(self.hidden)
        return replace(self, **changes)

    def public(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in COMPLIANCE_FIELDS}


# --- Which plans ------------------------------------------------------------------------------


def plans_for_stats(*, scope: StatsScope) -> QuerySet[TrainingPlan]:
    """The plans a viewer may read figures of: those of an institution in their scope, and
    the national ones (of which they see their own people only); ended ones too (their
    past periods)."""
    plans = TrainingPlan.objects.select_related("owner_institution").order_by("name", "pk")
    if scope.is_everywhere:
        return plans
    return plans.filter(scope.path_q("owner_institution__path") | Q(owner_institution=None))


def compliance_plan(*, scope: StatsScope, plan_id) -> TrainingPlan | None:
    """The plan with this id if the viewer may read its figures (unknown and out of scope
    look the same)."""
    if isinstance(plan_id, str):
        if not (plan_id.isascii() and plan_id.isdigit()) or len(plan_id) > 18:
            return None
        plan_id = int(plan_id)
    return plans_for_stats(scope=scope).filter(pk=plan_id).first()


# --- The exact figures ------------------------------------------------------------------------


def as_of(filters: StatsFilters) -> datetime.datetime | None:
    """The moment the figures are taken at: the period's end, or now (None) without one or
    when it lies ahead."""
    end = filters.end
    if end is None or end >= timezone.now():
        return None
    return end


# How many earlier month ends step 4 compares a snapshot with.
EARLIER_MONTHS = 36


def _month_start(moment: datetime.datetime) -> datetime.datetime:
    return timezone.make_aware(
        datetime.datetime.combine(
            timezone.localtime(moment).date().replace(day=1), datetime.time.min
        )
    )


def _earlier_month_ends(plan, at: datetime.datetime | None) -> list[datetime.datetime]:
    """The ends of the months before `at` (or now), latest first, back to the month of the
    plan's first assignment and at most `EARLIER_MONTHS` (one query)."""
    first = Assignment.objects.filter(plan_id=plan.pk).aggregate(first=Min("assigned_at"))["first"]
    if first is None:
        return []
    moment = at or timezone.now()
    ends = []
    end = _month_start(moment - datetime.timedelta(microseconds=1))
    while end > first and len(ends) < EARLIER_MONTHS:
        ends.append(end)
        end = _month_start(end - datetime.timedelta(days=1))
    return ends


def _assignments(plan, *, scope: StatsScope, filters: StatsFilters, open_q: Q) -> QuerySet:
    """The plan's assignments (open as `open_q` says) of people in scope and in the filters,
    annotated with `_path` (their institution's)."""
    q = open_q
    if filters.profession:
        q &= Q(user__profession=filters.profession)
    if filters.region:
        q &= Q(user__institution__region=filters.region)
    queryset = (
        Assignment.objects.filter(plan_id=plan.pk)
        .filter(q)
        .annotate(_path=F("user__institution__path"))
    )
    if filters.institution is not None:
        queryset = queryset.filter(_path__startswith=filters.institution.path)
    if scope.roots is not None:
        queryset = queryset.filter(scope.path_q("_path"))
    return queryset


BY_PERSON = {
    "profession": "user__profession",
    "sex": "user__sex",
    "region": "user__institution__region",
}


def _key(grouping: Grouping):
    if grouping.kind in BY_PERSON:
        return F(BY_PERSON[grouping.kind])
    if grouping.kind in ("total", "institution"):
        return grouping.expression("")  # the institution's is over `_path`
    raise ValueError(f"Compliance is not grouped by {grouping.kind}.")


def _keyed(queryset: QuerySet, grouping: Grouping, extra: Grouping | None, *more: str):
    queryset = queryset.annotate(_key=_key(grouping))
    names = ["_key"]
    if extra is not None:
        queryset = queryset.annotate(_key2=_key(extra))
        names.append("_key2")
    return queryset.values(*names, *more)


def _row_key(row: dict, extra: Grouping | None):
    return row["_key"] if extra is None else (row["_key"], row["_key2"])


def compliance_source(plan: TrainingPlan) -> Source:
    """The disclosure control's view of one plan's compliance (its items read once)."""
    items = plan_items(plan)

    def raw(*, scope, filters, grouping, extra=None) -> dict:
        at = as_of(filters)
        rows = (
            _keyed(
                _assignments(plan, scope=scope, filters=filters, open_q=open_at(at)).annotate(
                    _status=status_of(items, at=at)
                ),
                grouping,
                extra,
                "_status",
            )
            .annotate(n=Count("user_id", distinct=True))
            .order_by()
        )
        result: dict[Any, ComplianceFigures] = {}
        for row in rows:
            key = _row_key(row, extra)
            figures = result.setdefault(key, ComplianceFigures(key=key))
            setattr(figures, row["_status"], row["n"])
            figures.total += row["n"]
        for figures in result.values():
            figures.people = {name: getattr(figures, name) for name in COMPLIANCE_RESTS_ON}
        return result

    def edges(*, scope, filters, grouping, k) -> dict[Any, set[str]]:
        """Step 4: against the snapshot at each earlier month's end (since the plan's first
        assignment, at most `EARLIER_MONTHS`), the people who entered or left each status
        (or the plan) must be 0 or K+, otherwise that figure is hidden (two queries)."""
        at = as_of(filters)
        earlier = _earlier_month_ends(plan, at)
        if not earlier:
            return {}
        none = Value("", output_field=CharField())
        window = Q(assigned_at__lt=at or timezone.now()) & (
            Q(closed_at__isnull=True) | Q(closed_at__gte=earlier[-1])
        )
        states = {
            f"_s{i}": _when(open_at(moment), status_of(items, at=moment), none)
            for i, moment in enumerate(earlier)
        }
        queryset = _assignments(plan, scope=scope, filters=filters, open_q=window).annotate(
            _now=_when(open_at(at), status_of(items, at=at), none), **states
        )
        rows = (
            _keyed(queryset, grouping, None, "_now", *states)
            .annotate(n=Count("user_id", distinct=True))
            .order_by()
        )
        changed: dict[Any, dict[tuple, int]] = defaultdict(lambda: defaultdict(int))
        for row in rows:
            now = row["_now"]
            for name in states:
                then = row[name]
                if then == now:
                    continue
                for status in (now, then):
                    if status:
                        changed[row["_key"]][name, status] += row["n"]
                if not (now and then):
                    changed[row["_key"]][name, "total"] += row["n"]
        return {
            key: {figure for (_name, figure), n in counts.items() if 0 < n < k}
            for key, counts in changed.items()
        }

    return Source(
        name="compliance",
        raw=raw,
        rests_on=COMPLIANCE_RESTS_ON,
        edges=edges,
        parts={"total": STATUSES},
    )


def _when(condition: Q, then, default):
    return Case(When(condition, then=then), default=default, output_field=CharField())


# --- The public reads -------------------------------------------------------------------------


def _for_compliance(filters: StatsFilters) -> StatsFilters:
    """A snapshot at the period's end: no course, no start."""
    return replace(filters, course=None, date_from=None)


def _plan_or_out_of_scope(scope: StatsScope, plan_id) -> TrainingPlan:
    plan = compliance_plan(scope=scope, plan_id=plan_id)
    if plan is None:
        raise OutOfScope(f"plan {plan_id}")
    return plan


@cached
def compliance_summary(*, scope: StatsScope, filters: StatsFilters, plan_id: int):
    """The plan's figures for everyone in scope and in the filters."""
    filters = _for_compliance(filters)
    source = compliance_source(_plan_or_out_of_scope(scope, plan_id))
    rows = protected_figures(scope=scope, filters=filters, grouping=TOTAL, source=source)
    figures = rows.get("", ComplianceFigures(key=""))
    figures.label = str(_("All"))
    return figures.published()


@cached
def compliance_breakdown(*, scope: StatsScope, filters: StatsFilters, plan_id: int, by: str):
    """The plan's figures by institution (children of the focus), profession or sex."""
    filters = _for_compliance(filters)
    source = compliance_source(_plan_or_out_of_scope(scope, plan_id))
    if by == "institution":
        node, grouping, nodes = institution_breakdown(scope=scope, filters=filters)
        by_key = protected_figures(scope=scope, filters=filters, grouping=grouping, source=source)
        return institution_rows(
            scope=scope, node=node, nodes=nodes, by_key=by_key, empty=ComplianceFigures
        )
    choices = {"profession": Profession.choices, "sex": Sex.choices}[by]
    return _by_choices(scope=scope, filters=filters, field=by, choices=choices, source=source)

"""Completion statistics: every read takes the viewer's scope, and every published figure
goes through one disclosure control (`_protect`), so no door can forget either.

What is counted
- One row per learner and course: the *current* enrolment (re-certification archives the
  old one), so nobody counts twice.
- An enrolment belongs to one institution: where the learner was when they completed
  (`Enrolment.completion_institution`), otherwise where they are now. People move; their
  completions stay with the institution that trained them.
- A period (from, to) takes the enrolments open during it: enrolled before its end and not
  completed before its start. Started and completed count what happened before its end.
- Figures are aggregated in the database (GROUP BY a prefix of the institution's
  materialised path), a bounded number of queries whatever the number of institutions.

Who sees what (`StatsScope`)
- Administrators (Role.ADMINISTRATOR, superusers): everything, exact.
- Institution managers and ministry analysts: the subtrees of their role assignments, and
  only *protected* figures, whatever institution they belong to or manage. Whether a cell
  is hidden depends on the people in it, never on who asks.
- Per-person lists (`people_not_completed`) are an operational list for managers within
  their subtrees, not statistics; no figure, export or API answer lists persons.

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
   ancestor in scope: a difference of 1..K-1 hides the figure.
4. Differencing across periods: periods snap to whole calendar months. Moving a period's
   start later removes the enrolments completed in the months skipped; moving its end
   earlier removes what was enrolled, started or completed in the months cut. So in each
   cell, the first month (from the start) with completions and the last month (up to the
   end, or now) with enrolments must each have 0 or K+ people, otherwise the whole cell
   is hidden; the last month with starts (completions) likewise, otherwise the count of
   starts (completions) is hidden. Then any two periods differ by 0 or K+ people.
   The monthly table counts events per month, each under steps 1-3.
5. Results are cached per scope and (snapped) filters, so asking again returns the same.

Residual risk (stated honestly)
- Step 3 looks one filter away at a time (for institutions: every ancestor); a
  combination of two filters removed at once, or the union of several published cells,
  can still narrow a group down in rare shapes. The secondary suppression is not
  re-run after step 3 hides a cell in other breakdowns, and cells hidden in one table may
  be visible (with K+ people) in another.
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

import datetime
import functools
import hashlib
import statistics
from collections import defaultdict
from dataclasses import dataclass, field, fields, replace
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import (
    Aggregate,
    Avg,
    Case,
    CharField,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    FloatField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Extract, Substr, TruncMonth
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts.models import Profession, Role
from accounts.selectors import user_is_administrator
from courses.models import CoursePage, Enrolment
from institutions.models import Institution, Region

SUPPRESSED = "x"
STEPLEN = Institution.steplen

BREAKDOWNS = ("institution", "profession", "region", "month")


def min_cell() -> int:
    """K: the fewest people a published figure may rest on (settings.STATS_MIN_CELL)."""
    return max(1, int(getattr(settings, "STATS_MIN_CELL", 5)))


# --- Scope ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StatsScope:
    """What one viewer may see.

    `roots`: the subtrees in scope, or None for everything (administrators, who alone see
    exact figures). `managed_roots`: the subtrees the viewer manages (per-person lists).
    """

    roots: tuple[Institution, ...] | None
    managed_roots: tuple[Institution, ...] = ()

    @property
    def is_everywhere(self) -> bool:
        return self.roots is None

    @property
    def is_protected(self) -> bool:
        """Whether the viewer gets protected figures (everyone but administrators)."""
        return self.roots is not None

    def covers(self, institution: Institution | None) -> bool:
        if self.roots is None:
            return True
        if institution is None:
            return False
        return any(institution.path.startswith(root.path) for root in self.roots)

    def may_list_people_of(self, institution: Institution | None) -> bool:
        if self.roots is None:
            return True
        if institution is None:
            return False
        return any(institution.path.startswith(root.path) for root in self.managed_roots)

    def path_q(self, field_name: str) -> Q:
        if self.roots is None:
            return Q()
        q = Q(pk__in=[])
        for root in self.roots:
            q |= Q(**{f"{field_name}__startswith": root.path})
        return q


def stats_scope_for(*, viewer) -> StatsScope | None:
    """The viewer's scope, or None when they may not see statistics at all."""
    if not (viewer and viewer.is_authenticated and viewer.is_active):
        return None
    if user_is_administrator(viewer):
        return StatsScope(roots=None)
    assignments = [
        a
        for a in viewer.cached_role_assignments
        if a.role in (Role.INSTITUTION_MANAGER, Role.MINISTRY_ANALYST) and a.institution_id
    ]
    if not assignments:
        return None
    roots = _outermost(a.institution for a in assignments)
    managed = _outermost(a.institution for a in assignments if a.role == Role.INSTITUTION_MANAGER)
    return StatsScope(roots=roots, managed_roots=managed)


def _outermost(institutions) -> tuple[Institution, ...]:
    """The given subtrees without those inside another one, in tree order."""
    result: list[Institution] = []
    for node in sorted(institutions, key=lambda i: i.path):
        if not any(node.path.startswith(r.path) for r in result):
            result.append(node)
    return tuple(result)


def institutions_in_scope(*, scope: StatsScope) -> QuerySet[Institution]:
    return Institution.objects.filter(scope.path_q("path")).order_by("path")


def institution_in_scope(*, scope: StatsScope, code: str) -> Institution | None:
    """The institution with this code if the scope covers it (unknown and out of scope
    look the same)."""
    institution = Institution.objects.filter(code=code).first()
    return institution if scope.covers(institution) else None


def courses_for_stats() -> QuerySet[CoursePage]:
    """Courses in the default locale (progress is kept against them)."""
    from courses.selectors import default_locale_id

    return CoursePage.objects.filter(locale_id=default_locale_id()).order_by("title")


# --- Filters ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class StatsFilters:
    institution: Institution | None = None
    course: CoursePage | None = None
    profession: str | None = None
    region: str | None = None
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None

    @property
    def start(self) -> datetime.datetime | None:
        return _day_start(self.date_from) if self.date_from else None

    @property
    def end(self) -> datetime.datetime | None:
        """Exclusive: the start of the day after `date_to`."""
        return _day_start(self.date_to + datetime.timedelta(days=1)) if self.date_to else None

    def as_params(self) -> dict[str, str]:
        """The filters as query parameters (the same names in the dashboard and the API)."""
        params = {
            "institution": self.institution.code if self.institution else "",
            "course": str(self.course.pk) if self.course else "",
            "profession": self.profession or "",
            "region": self.region or "",
            "from": self.date_from.isoformat() if self.date_from else "",
            "to": self.date_to.isoformat() if self.date_to else "",
        }
        return {k: v for k, v in params.items() if v}


def whole_months(filters: StatsFilters) -> StatsFilters:
    """The period widened to whole calendar months (from the 1st of `from`'s month to
    the last day of `to`'s month)."""
    date_from, date_to = filters.date_from, filters.date_to
    if date_from is not None:
        date_from = date_from.replace(day=1)
    if date_to is not None:
        next_month = (date_to.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
        date_to = next_month - datetime.timedelta(days=1)
    return replace(filters, date_from=date_from, date_to=date_to)


def effective_filters(*, scope: StatsScope, filters: StatsFilters) -> StatsFilters:
    """The filters a read really applies: for protected viewers, periods in whole months."""
    return whole_months(filters) if scope.is_protected else filters


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


# --- Figures ----------------------------------------------------------------------------------

COUNT_FIELDS = (
    "enrolled",
    "started",
    "completed",
    "passed_quizzes",
    "certificates_valid",
    "certificates_expired",
    "certificates_revoked",
)


@dataclass
class Figures:
    """One row of statistics. Counts are exact until `published()`, which turns the hidden
    ones (`hidden`, filled by the disclosure control) into "x" and their rates into None.
    `people` holds, per figure, how many distinct people it rests on."""

    key: Any = None
    label: str = ""
    code: str = ""
    institution_id: int | None = None
    has_children: bool = False
    enrolled: int | str = 0
    started: int | str = 0
    completed: int | str = 0
    completion_rate: float | None = None
    passed_quizzes: int | str = 0
    average_final_score: float | None = None
    final_results: int = field(default=0, repr=False)
    median_days_to_complete: float | None = None
    certificates_valid: int | str = 0
    certificates_expired: int | str = 0
    certificates_revoked: int | str = 0
    suppressed: bool = False
    people: dict[str, int] = field(default_factory=dict, repr=False, compare=False)
    hidden: set[str] = field(default_factory=set, repr=False, compare=False)

    def compute_rate(self) -> None:
        if isinstance(self.enrolled, int) and isinstance(self.completed, int) and self.enrolled:
            self.completion_rate = round(100 * self.completed / self.enrolled, 1)
        else:
            self.completion_rate = None

    def published(self) -> Figures:
        """The figures as shown: hidden counts "x", hidden averages and medians None, and
        the completion rate None when its numerator or denominator is hidden."""
        self.compute_rate()
        changes: dict[str, Any] = {
            name: SUPPRESSED if name in COUNT_FIELDS else None for name in self.hidden
        }
        if {"enrolled", "completed"} & self.hidden:
            changes["completion_rate"] = None
        changes["suppressed"] = bool(self.hidden)
        return replace(self, **changes)

    def public(self) -> dict[str, Any]:
        """The figures every door shows: dashboard, exports, API."""
        names = [
            "enrolled",
            "started",
            "completed",
            "completion_rate",
            "passed_quizzes",
            "average_final_score",
            "median_days_to_complete",
            "certificates_valid",
            "certificates_expired",
            "certificates_revoked",
        ]
        return {name: getattr(self, name) for name in names}


# Each figure that may be hidden, and the people it rests on (a key of Figures.people).
RESTS_ON = {
    **{name: name for name in COUNT_FIELDS},
    "average_final_score": "final_results",
    "median_days_to_complete": "completed",
}
HIDEABLE = tuple(RESTS_ON)


FIGURE_FIELDS = tuple(Figures().public())
FIGURE_LABELS = {
    "enrolled": _("Enrolled"),
    "started": _("Started"),
    "completed": _("Completed"),
    "completion_rate": _("Completion rate (%)"),
    "passed_quizzes": _("Passed quizzes"),
    "average_final_score": _("Average final score (%)"),
    "median_days_to_complete": _("Median days to complete"),
    "certificates_valid": _("Certificates valid"),
    "certificates_expired": _("Certificates expired"),
    "certificates_revoked": _("Certificates revoked"),
}
assert set(FIGURE_LABELS) == set(FIGURE_FIELDS)  # noqa: S101


# --- Query building ---------------------------------------------------------------------------


def _attributed(prefix: str, name: str):
    """The enrolment's institution field `name`: where it was completed, else where the
    learner is now."""
    return Case(
        When(
            Q(**{f"{prefix}completed_at__isnull": False})
            & Q(**{f"{prefix}completion_institution__isnull": False}),
            then=F(f"{prefix}completion_institution__{name}"),
        ),
        default=F(f"{prefix}user__institution__{name}"),
    )


def _included(
    queryset: QuerySet,
    *,
    prefix: str,
    scope: StatsScope,
    filters: StatsFilters,
    join: Q | None = None,
    with_path: bool = True,
) -> QuerySet:
    """`queryset` narrowed to the enrolments (reached through `prefix`) that the scope and
    filters take in, annotated with `_path` (the institution the enrolment counts for).

    The conditions on the enrolment go into a single filter() call, with `join` when the
    enrolment is reached through a multi-valued relation: later annotations then reuse
    that one join instead of adding another.
    """
    q = Q(**{f"{prefix}archived_at__isnull": True})
    if join is not None:
        q &= join
    if filters.course is not None:
        q &= Q(**{f"{prefix}course_id": filters.course.pk})
    if filters.profession:
        q &= Q(**{f"{prefix}user__profession": filters.profession})
    if filters.end is not None:
        q &= Q(**{f"{prefix}enrolled_at__lt": filters.end})
    if filters.start is not None:
        q &= Q(**{f"{prefix}completed_at__isnull": True}) | Q(
            **{f"{prefix}completed_at__gte": filters.start}
        )
    queryset = queryset.filter(q)
    # The institution's path costs two joins; only when something reads it.
    if with_path or filters.institution is not None or scope.roots is not None:
        queryset = queryset.annotate(_path=_attributed(prefix, "path"))
    if filters.region:
        queryset = queryset.annotate(_region=_attributed(prefix, "region")).filter(
            _region=filters.region
        )
    if filters.institution is not None:
        queryset = queryset.filter(_path__startswith=filters.institution.path)
    if scope.roots is not None:
        queryset = queryset.filter(scope.path_q("_path"))
    return queryset


@dataclass(frozen=True)
class Grouping:
    """How rows are keyed: an expression over the enrolment (through `prefix`), or none.
    "month" rows are built by `_month_figures` (events in the month), not by expression."""

    kind: str  # "total", "institution", "profession", "region", "course", "month"
    node: Institution | None = None
    roots: tuple[Institution, ...] = ()

    def expression(self, prefix: str):
        if self.kind == "total":
            return Value("", output_field=CharField())
        if self.kind == "profession":
            return F(f"{prefix}user__profession")
        if self.kind == "region":
            return _attributed(prefix, "region")
        if self.kind == "course":
            return F(f"{prefix}course_id")
        # institution
        if self.node is not None:
            return Substr("_path", 1, len(self.node.path) + STEPLEN)
        if self.roots:
            return Case(
                *[When(_path__startswith=r.path, then=Value(r.path)) for r in self.roots],
                default=Value(""),
                output_field=CharField(),
            )
        return Substr("_path", 1, STEPLEN)


TOTAL = Grouping("total")


def _keyed(queryset: QuerySet, prefix: str, grouping: Grouping, extra: Grouping | None):
    """`queryset` grouped by the grouping's key (and `extra`'s, for a cross table)."""
    queryset = queryset.annotate(_key=grouping.expression(prefix))
    if extra is None:
        return queryset.values("_key")
    return queryset.annotate(_key2=extra.expression(prefix)).values("_key", "_key2")


def _row_key(row: dict, extra: Grouping | None):
    return row["_key"] if extra is None else (row["_key"], row["_key2"])


def _needs_path(grouping: Grouping, extra: Grouping | None) -> bool:
    return "institution" in (grouping.kind, extra.kind if extra else None)


class PercentileCont(Aggregate):
    """PostgreSQL's median: percentile_cont(0.5) WITHIN GROUP (ORDER BY …)."""

    function = "PERCENTILE_CONT"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()


def _completed_q(filters: StatsFilters, prefix: str = "") -> Q:
    q = Q(**{f"{prefix}completed_at__isnull": False})
    if filters.end is not None:
        q &= Q(**{f"{prefix}completed_at__lt": filters.end})
    return q


def _started_q(filters: StatsFilters) -> Q:
    q = Q(started_at__isnull=False)
    if filters.end is not None:
        q &= Q(started_at__lt=filters.end)
    return q


def _days_to_complete(filters: StatsFilters):
    duration = ExpressionWrapper(F("completed_at") - F("enrolled_at"), output_field=DurationField())
    return Case(When(_completed_q(filters), then=Extract(duration, "epoch") / 86400.0))


def _raw(
    *, scope: StatsScope, filters: StatsFilters, grouping: Grouping, extra: Grouping | None = None
) -> dict:
    """Exact figures per row key (or per (key, extra key) for a cross table)."""
    if grouping.kind == "month":
        return _month_figures(scope=scope, filters=filters, extra=extra)
    return _figures_by_key(scope=scope, filters=filters, grouping=grouping, extra=extra)


def _figures_by_key(
    *, scope: StatsScope, filters: StatsFilters, grouping: Grouping, extra: Grouping | None = None
) -> dict:
    """Raw figures per key: 2-4 grouped queries, whatever the number of rows."""
    postgres = connection.vendor == "postgresql"
    enrolments = _included(
        Enrolment.objects.all(),
        prefix="",
        scope=scope,
        filters=filters,
        with_path=_needs_path(grouping, extra),
    )
    started, completed = _started_q(filters), _completed_q(filters)
    aggregates = {
        "enrolled": Count("pk"),
        "started": Count("pk", filter=started),
        "completed": Count("pk", filter=completed),
        "enrolled_people": Count("user_id", distinct=True),
        "started_people": Count("user_id", distinct=True, filter=started),
        "completed_people": Count("user_id", distinct=True, filter=completed),
    }
    if postgres:
        aggregates["median"] = PercentileCont(_days_to_complete(filters))
    rows = _keyed(enrolments, "", grouping, extra).annotate(**aggregates).order_by()
    result: dict[Any, Figures] = {}
    for row in rows:
        key = _row_key(row, extra)
        figures = result.setdefault(key, Figures(key=key))
        for name in ("enrolled", "started", "completed"):
            setattr(figures, name, row[name])
            figures.people[name] = row[f"{name}_people"]
        if postgres and row["median"] is not None:
            figures.median_days_to_complete = round(row["median"], 1)
    if not postgres:
        _medians_in_python(enrolments, grouping=grouping, extra=extra, filters=filters, into=result)
    _add_certificates(scope=scope, filters=filters, grouping=grouping, extra=extra, into=result)
    _add_quiz_results(scope=scope, filters=filters, grouping=grouping, extra=extra, into=result)
    return result


def _medians_in_python(enrolments, *, grouping, extra, filters, into) -> None:
    durations: dict[Any, list[float]] = defaultdict(list)
    rows = (
        _keyed(enrolments.filter(_completed_q(filters)), "", grouping, extra)
        .values_list("_key", *(["_key2"] if extra else []), "enrolled_at", "completed_at")
        .order_by()
    )
    for *key, enrolled_at, completed_at in rows:
        durations[key[0] if extra is None else tuple(key)].append(
            (completed_at - enrolled_at).total_seconds() / 86400
        )
    for key, values in durations.items():
        into.setdefault(key, Figures(key=key)).median_days_to_complete = round(
            statistics.median(values), 1
        )


def _add_certificates(*, scope, filters, grouping, extra, into) -> None:
    from certificates.models import Certificate

    now = timezone.now()
    current = Q(superseded_by__isnull=True)
    not_revoked = current & Q(revoked_at__isnull=True)
    kinds = {
        "certificates_valid": not_revoked & (Q(expires_at__isnull=True) | Q(expires_at__gt=now)),
        "certificates_expired": not_revoked & Q(expires_at__lte=now),
        "certificates_revoked": current & Q(revoked_at__isnull=False),
    }
    aggregates = {}
    for name, condition in kinds.items():
        aggregates[name] = Count("pk", filter=condition)
        aggregates[f"{name}_people"] = Count("enrolment__user_id", distinct=True, filter=condition)
    queryset = _included(
        Certificate.objects.all(),
        prefix="enrolment__",
        scope=scope,
        filters=filters,
        with_path=_needs_path(grouping, extra),
    )
    rows = _keyed(queryset, "enrolment__", grouping, extra).annotate(**aggregates).order_by()
    for row in rows:
        key = _row_key(row, extra)
        figures = into.setdefault(key, Figures(key=key))
        for name in kinds:
            setattr(figures, name, row[name])
            figures.people[name] = row[f"{name}_people"]


def quiz_result_model():
    """quizzes.QuizResult, or None while the quizzes app has no such model."""
    try:
        return apps.get_model("quizzes", "QuizResult")
    except LookupError:
        return None


def _add_quiz_results(*, scope, filters, grouping, extra, into) -> None:
    QuizResult = quiz_result_model()
    if QuizResult is None:
        return
    prefix = "user__enrolments__"
    # One filter() call: the enrolment joined is the learner's current one in the
    # result's course (one per learner and course), so nothing is counted twice.
    join = Q(user__enrolments__course=F("course"))
    final = Q(quiz__is_final=True)
    queryset = _included(
        QuizResult.objects.all(),
        prefix=prefix,
        scope=scope,
        filters=filters,
        join=join,
        with_path=_needs_path(grouping, extra),
    )
    rows = (
        _keyed(queryset, prefix, grouping, extra)
        .annotate(
            passed_count=Count("pk", filter=Q(passed=True)),
            passed_people=Count("user_id", distinct=True, filter=Q(passed=True)),
            final_average=Avg("score", filter=final),
            final_count=Count("pk", filter=final),
            final_people=Count("user_id", distinct=True, filter=final),
        )
        .order_by()
    )
    for row in rows:
        key = _row_key(row, extra)
        figures = into.setdefault(key, Figures(key=key))
        figures.passed_quizzes = row["passed_count"]
        figures.people["passed_quizzes"] = row["passed_people"]
        figures.final_results = row["final_count"]
        figures.people["final_results"] = row["final_people"]
        if row["final_average"] is not None:
            figures.average_final_score = round(float(row["final_average"]), 1)


MONTH_EVENTS = (
    ("enrolled", "enrolled_at"),
    ("started", "started_at"),
    ("completed", "completed_at"),
)


def _month_figures(*, scope: StatsScope, filters: StatsFilters, extra: Grouping | None) -> dict:
    """Per calendar month (YYYY-MM): the enrolments, starts and completions that happened
    in it within the period (three grouped queries)."""
    enrolments = _included(
        Enrolment.objects.all(),
        prefix="",
        scope=scope,
        filters=replace(filters, date_from=None, date_to=None),
        with_path=_needs_path(TOTAL, extra),
    )
    result: dict[Any, Figures] = {}
    for name, date_field in MONTH_EVENTS:
        window = Q(**{f"{date_field}__isnull": False})
        if filters.start is not None:
            window &= Q(**{f"{date_field}__gte": filters.start})
        if filters.end is not None:
            window &= Q(**{f"{date_field}__lt": filters.end})
        queryset = enrolments.filter(window).annotate(_month=TruncMonth(date_field))
        if extra is not None:
            queryset = queryset.annotate(_key2=extra.expression(""))
        rows = (
            queryset.values("_month", *(["_key2"] if extra else []))
            .annotate(n=Count("pk"), people=Count("user_id", distinct=True))
            .order_by()
        )
        for row in rows:
            month = row["_month"].strftime("%Y-%m")
            key = month if extra is None else (month, row["_key2"])
            figures = result.setdefault(key, Figures(key=key, label=month))
            setattr(figures, name, row["n"])
            figures.people[name] = row["people"]
    return result


# --- Disclosure control -----------------------------------------------------------------------


def _hide_small(figures: Figures, k: int) -> None:
    """Primary suppression: figures resting on 1..K-1 people."""
    for name, people in RESTS_ON.items():
        if 0 < figures.people.get(people, 0) < k:
            figures.hidden.add(name)


def _hide_siblings(rows, k: int) -> None:
    """Secondary suppression in one breakdown (its total taken as known): where a column
    hides anything, it hides at least two non-zero cells resting on K+ people together,
    adding the smallest visible ones."""
    for name, people_key in RESTS_ON.items():
        if name == "median_days_to_complete":
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


def _hide_small_differences(figures: Figures, wider: Figures, k: int) -> None:
    """A figure whose difference with the same cell in a wider query is 1..K-1."""
    differences = {name: getattr(wider, name) - getattr(figures, name) for name in COUNT_FIELDS}
    differences["average_final_score"] = wider.final_results - figures.final_results
    differences["median_days_to_complete"] = differences["completed"]
    for name, difference in differences.items():
        if 0 < difference < k:
            figures.hidden.add(name)


def _parent_in_scope(scope: StatsScope, institution: Institution) -> Institution | None:
    if institution.depth <= 1:
        return None
    parent = Institution.objects.filter(path=institution.path[:-STEPLEN]).first()
    return parent if scope.covers(parent) else None


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
        parent = _parent_in_scope(scope, node)
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


def _wider_institutions(scope: StatsScope, filters: StatsFilters, grouping: Grouping):
    """The filters with the institution replaced by each ancestor above its parent, in
    scope (the parent is handled as a breakdown by `_narrowings`)."""
    node = filters.institution
    if node is None or grouping.kind == "institution":
        return
    parent = _parent_in_scope(scope, node)
    if parent is None:
        return
    ancestors = Institution.objects.filter(
        path__in=[node.path[:i] for i in range(STEPLEN, len(parent.path), STEPLEN)]
    ).order_by("-path")
    for ancestor in ancestors:
        if scope.covers(ancestor):
            yield replace(filters, institution=ancestor)


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
    enrolments = _included(
        Enrolment.objects.all(),
        prefix="",
        scope=scope,
        filters=filters,
        with_path=_needs_path(grouping, None),
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


def _protect(*, scope: StatsScope, filters: StatsFilters, grouping: Grouping, rows: dict) -> None:
    """The one disclosure control (see the module's docstring): marks in each row's
    `hidden` the figures a protected viewer may not see."""
    k = min_cell()
    for figures in rows.values():
        _hide_small(figures, k)
    # 3. The cell as a row of the breakdown by each of its narrowing filters.
    for wider, by, value in _narrowings(scope, filters, grouping):
        if by.kind == grouping.kind:
            # Filtered and broken down by the same thing: the one table without the filter.
            column = _raw(scope=scope, filters=wider, grouping=grouping)
            columns = dict.fromkeys(rows, column)
            value_of = dict(zip(rows, rows, strict=True))
        else:
            cross = _raw(scope=scope, filters=wider, grouping=grouping, extra=by)
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
                    _hide_small(cell, k)
                _hide_siblings(column.values(), k)
                done.add(id(column))
            cell = column.get(value_of[key])
            if cell is not None:
                figures.hidden |= cell.hidden
    for wider in _wider_institutions(scope, filters, grouping):
        other = _raw(scope=scope, filters=wider, grouping=grouping)
        for key, figures in rows.items():
            if key in other:
                _hide_small_differences(figures, other[key], k)
    # 4. The period's edge months.
    if grouping.kind != "month":
        edges = _edge_months_too_small(scope=scope, filters=filters, grouping=grouping, k=k)
        for key, names in edges.items():
            if key in rows:
                rows[key].hidden |= names
    # 2. Secondary suppression within this breakdown.
    if grouping.kind != "total":
        _hide_siblings(rows.values(), k)


def _figures(*, scope: StatsScope, filters: StatsFilters, grouping: Grouping) -> dict:
    """The figures per row key as published to this viewer: exact for administrators,
    protected for everyone else. Every public read goes through here."""
    rows = _raw(scope=scope, filters=filters, grouping=grouping)
    if scope.is_protected:
        _protect(scope=scope, filters=filters, grouping=grouping, rows=rows)
    return rows


# --- Public reads -----------------------------------------------------------------------------

CACHE_VERSION = 2


def _cache_key(name: str, scope: StatsScope, filters: StatsFilters) -> str:
    """Who sees (the scope's paths), what (the filters), in which language (labels)."""
    parts = [
        name,
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
    def wrapper(*, scope: StatsScope, filters: StatsFilters):
        _check(scope, filters)
        filters = effective_filters(scope=scope, filters=filters)
        seconds = getattr(settings, "STATS_CACHE_SECONDS", 300)
        if not seconds:
            return function(scope=scope, filters=filters)
        key = _cache_key(function.__name__, scope, filters)
        result = cache.get(key)
        if result is None:
            result = function(scope=scope, filters=filters)
            cache.set(key, result, seconds)
        return result

    return wrapper


@cached
def stats_summary(*, scope: StatsScope, filters: StatsFilters) -> Figures:
    """Headline figures for the filtered subtree (or the whole scope)."""
    figures = _figures(scope=scope, filters=filters, grouping=TOTAL).get("", Figures(key=""))
    figures.label = str(_("All"))
    return figures.published()


@cached
def stats_by_institution(*, scope: StatsScope, filters: StatsFilters) -> list[Figures]:
    """One row per child of the focused institution (drill down), plus a row for the
    institution itself when learners belong to it directly. Without a focus: the scope's
    roots (or the tree's roots for administrators)."""
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
    by_key = _figures(scope=scope, filters=filters, grouping=grouping)
    rows = []
    for institution in nodes:
        path = institution.path
        figures = by_key.get(path, Figures(key=path))
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


def _by_choices(*, scope: StatsScope, filters: StatsFilters, field: str, choices) -> list[Figures]:
    """One row per value of `field` that has figures, in the order of its choices."""
    by_key = _figures(scope=scope, filters=filters, grouping=Grouping(field))
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
def stats_by_region(*, scope: StatsScope, filters: StatsFilters) -> list[Figures]:
    return _by_choices(scope=scope, filters=filters, field="region", choices=Region.choices)


@cached
def stats_by_month(*, scope: StatsScope, filters: StatsFilters) -> list[Figures]:
    """Per calendar month: enrolments, starts and completions that happened in it (three
    grouped queries). Rates and certificates are not split by month."""
    months = _figures(scope=scope, filters=filters, grouping=Grouping("month"))
    rows = []
    for key in sorted(months):
        figures = months[key].published()
        figures.completion_rate = None
        rows.append(figures)
    return rows


STATS_VIEWS = {
    "institution": stats_by_institution,
    "profession": stats_by_profession,
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


def _focus_path(scope: StatsScope, filters: StatsFilters) -> str | None:
    node = focus_institution(scope=scope, filters=filters)
    return node.path if node is not None else None


class OutOfScope(Exception):
    """A filter reaches outside the viewer's scope."""


def _check(scope: StatsScope, filters: StatsFilters) -> None:
    if scope is None:
        raise OutOfScope("no scope")
    if filters.institution is not None and not scope.covers(filters.institution):
        raise OutOfScope(filters.institution.code)


# --- Per-person lists (managers) --------------------------------------------------------------


@dataclass
class PersonOutstanding:
    user_id: int
    name: str
    email: str
    institution: str
    profession: str
    status: str
    enrolled_at: datetime.datetime | None


def people_not_completed(
    *, scope: StatsScope, course: CoursePage, institution: Institution | None = None
) -> list[PersonOutstanding]:
    """People (current members of the subtree) for whom `course` is meant (its audience
    professions, or everyone when it names none) and who have not completed it: not
    enrolled, enrolled, or started. Managers within their subtrees only; one query."""
    roots: tuple[Institution, ...] | None
    if scope.roots is None:
        roots = (institution,) if institution is not None else None
    else:
        if institution is not None:
            if not scope.may_list_people_of(institution):
                raise OutOfScope(institution.code)
            roots = (institution,)
        else:
            roots = scope.managed_roots
            if not roots:
                raise OutOfScope("not a manager")
    from accounts.models import User

    people = User.objects.filter(is_active=True, erased_at__isnull=True)
    if roots is not None:
        q = Q(pk__in=[])
        for root in roots:
            q |= Q(institution__path__startswith=root.path)
        people = people.filter(q)
    if course.audience_professions:
        people = people.filter(profession__in=course.audience_professions)
    current = Enrolment.objects.filter(course=course, archived_at__isnull=True)
    people = (
        people.exclude(pk__in=current.filter(completed_at__isnull=False).values("user_id"))
        .select_related("institution")
        .order_by("institution__path", "last_name", "first_name", "pk")
    )
    return [_person_row(p) for p in _with_enrolment(people, current)]


def _with_enrolment(people, current):
    mine = current.filter(user=OuterRef("pk"))
    return people.annotate(
        _enrolled_at=Subquery(mine.values("enrolled_at")[:1]),
        _started_at=Subquery(mine.values("started_at")[:1]),
    )


def _person_row(person) -> PersonOutstanding:
    if person._started_at is not None:
        status = str(_("Started"))
    elif person._enrolled_at is not None:
        status = str(_("Enrolled, not started"))
    else:
        status = str(_("Not enrolled"))
    return PersonOutstanding(
        user_id=person.pk,
        name=person.get_full_name() or person.email,
        email=person.email,
        institution=person.institution.name if person.institution else "",
        profession=person.get_profession_display(),
        status=status,
        enrolled_at=person._enrolled_at,
    )


def figures_field_names() -> list[str]:
    return [f.name for f in fields(Figures)]

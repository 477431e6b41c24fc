"""Completion statistics: every read takes the viewer's scope, so no door can forget it.

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
- Administrators: everything.
- Institution managers and ministry analysts: the subtrees of their role assignments.
- Counts from 1 to 4 show as "<5" to a viewer who is neither an administrator, nor a
  manager of that institution, nor a member of it (the rates built on them are withheld).
- Per-person lists are for administrators and for managers, within their subtrees.
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

SMALL_COUNT = 5
SUPPRESSED = "<5"
STEPLEN = Institution.steplen

BREAKDOWNS = ("institution", "profession", "region", "month")


# --- Scope ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StatsScope:
    """What one viewer may see.

    `roots`: the subtrees in scope, or None for everything (administrators).
    `managed_roots`: the subtrees the viewer manages (per-person lists, no suppression).
    `home_path`: the viewer's own institution (no suppression within it).
    """

    roots: tuple[Institution, ...] | None
    managed_roots: tuple[Institution, ...] = ()
    home_path: str | None = None

    @property
    def is_everywhere(self) -> bool:
        return self.roots is None

    def covers(self, institution: Institution | None) -> bool:
        if self.roots is None:
            return True
        if institution is None:
            return False
        return any(institution.path.startswith(root.path) for root in self.roots)

    def suppresses(self, path: str | None) -> bool:
        """Whether small counts about the institution at `path` (None: the whole scope)
        are hidden from this viewer."""
        if self.roots is None:
            return False
        if path is None:
            return True
        if any(path.startswith(root.path) for root in self.managed_roots):
            return False
        return not (self.home_path and self.home_path.startswith(path))

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
    home = viewer.institution.path if viewer.institution_id else None
    return StatsScope(roots=roots, managed_roots=managed, home_path=home)


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
    """One row of statistics. After `suppress()`, counts may be the string "<5" and the
    rates built on them None."""

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

    def compute_rate(self) -> None:
        if isinstance(self.enrolled, int) and isinstance(self.completed, int) and self.enrolled:
            self.completion_rate = round(100 * self.completed / self.enrolled, 1)
        else:
            self.completion_rate = None

    def suppress(self) -> Figures:
        """Counts of 1-4 become "<5"; rates and averages over them are withheld."""
        small = {
            name
            for name in COUNT_FIELDS
            if isinstance(getattr(self, name), int) and 0 < getattr(self, name) < SMALL_COUNT
        }
        changes: dict[str, Any] = dict.fromkeys(small, SUPPRESSED)
        if {"enrolled", "completed"} & small:
            changes["completion_rate"] = None
        if "completed" in small:
            changes["median_days_to_complete"] = None
        if 0 < self.final_results < SMALL_COUNT:
            changes["average_final_score"] = None
        changes["suppressed"] = bool(changes)
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
    """How rows are keyed: an expression over the enrolment (through `prefix`), or none."""

    kind: str  # "total", "institution", "profession", "region"
    node: Institution | None = None
    roots: tuple[Institution, ...] = ()

    def expression(self, prefix: str):
        if self.kind == "total":
            return Value("", output_field=CharField())
        if self.kind == "profession":
            return F(f"{prefix}user__profession")
        if self.kind == "region":
            return _attributed(prefix, "region")
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


def _figures_by_key(*, scope: StatsScope, filters: StatsFilters, grouping: Grouping) -> dict:
    """Raw figures per key: 2-4 grouped queries, whatever the number of rows."""
    postgres = connection.vendor == "postgresql"
    with_path = grouping.kind == "institution"
    enrolments = _included(
        Enrolment.objects.all(), prefix="", scope=scope, filters=filters, with_path=with_path
    )
    aggregates = {
        "enrolled": Count("pk"),
        "started": Count("pk", filter=_started_q(filters)),
        "completed": Count("pk", filter=_completed_q(filters)),
    }
    if postgres:
        aggregates["median"] = PercentileCont(_days_to_complete(filters))
    rows = (
        enrolments.annotate(_key=grouping.expression(""))
        .values("_key")
        .annotate(**aggregates)
        .order_by()
    )
    result: dict[Any, Figures] = {}
    for row in rows:
        figures = result.setdefault(row["_key"], Figures(key=row["_key"]))
        figures.enrolled = row["enrolled"]
        figures.started = row["started"]
        figures.completed = row["completed"]
        if postgres and row["median"] is not None:
            figures.median_days_to_complete = round(row["median"], 1)
    if not postgres:
        _medians_in_python(enrolments, grouping=grouping, filters=filters, into=result)
    _add_certificates(scope=scope, filters=filters, grouping=grouping, into=result)
    _add_quiz_results(scope=scope, filters=filters, grouping=grouping, into=result)
    return result


def _medians_in_python(enrolments, *, grouping, filters, into) -> None:
    durations: dict[Any, list[float]] = defaultdict(list)
    rows = (
        enrolments.filter(_completed_q(filters))
        .annotate(_key=grouping.expression(""))
        .values_list("_key", "enrolled_at", "completed_at")
        .order_by()
    )
    for key, enrolled_at, completed_at in rows:
        durations[key].append((completed_at - enrolled_at).total_seconds() / 86400)
    for key, values in durations.items():
        into.setdefault(key, Figures(key=key)).median_days_to_complete = round(
            statistics.median(values), 1
        )


def _add_certificates(*, scope, filters, grouping, into) -> None:
    from certificates.models import Certificate

    now = timezone.now()
    current = Q(superseded_by__isnull=True)
    not_revoked = current & Q(revoked_at__isnull=True)
    rows = (
        _included(
            Certificate.objects.all(),
            prefix="enrolment__",
            scope=scope,
            filters=filters,
            with_path=grouping.kind == "institution",
        )
        .annotate(_key=grouping.expression("enrolment__"))
        .values("_key")
        .annotate(
            valid=Count(
                "pk", filter=not_revoked & (Q(expires_at__isnull=True) | Q(expires_at__gt=now))
            ),
            expired=Count("pk", filter=not_revoked & Q(expires_at__lte=now)),
            revoked=Count("pk", filter=current & Q(revoked_at__isnull=False)),
        )
        .order_by()
    )
    for row in rows:
        figures = into.setdefault(row["_key"], Figures(key=row["_key"]))
        figures.certificates_valid = row["valid"]
        figures.certificates_expired = row["expired"]
        figures.certificates_revoked = row["revoked"]


def quiz_result_model():
    """quizzes.QuizResult, or None while the quizzes app has no such model."""
    try:
        return apps.get_model("quizzes", "QuizResult")
    except LookupError:
        return None


def _add_quiz_results(*, scope, filters, grouping, into) -> None:
    QuizResult = quiz_result_model()
    if QuizResult is None:
        return
    prefix = "user__enrolments__"
    # One filter() call: the enrolment joined is the learner's current one in the
    # result's course (one per learner and course), so nothing is counted twice.
    join = Q(user__enrolments__course=F("course"))
    rows = (
        _included(
            QuizResult.objects.all(),
            prefix=prefix,
            scope=scope,
            filters=filters,
            join=join,
            with_path=grouping.kind == "institution",
        )
        .annotate(_key=grouping.expression(prefix))
        .values("_key")
        .annotate(
            passed_count=Count("pk", filter=Q(passed=True)),
            final_average=Avg("score", filter=Q(quiz__is_final=True)),
            final_count=Count("pk", filter=Q(quiz__is_final=True)),
        )
        .order_by()
    )
    for row in rows:
        figures = into.setdefault(row["_key"], Figures(key=row["_key"]))
        figures.passed_quizzes = row["passed_count"]
        figures.final_results = row["final_count"]
        if row["final_average"] is not None:
            figures.average_final_score = round(float(row["final_average"]), 1)


def _finish(figures: Figures, *, scope: StatsScope, path: str | None) -> Figures:
    figures.compute_rate()
    return figures.suppress() if scope.suppresses(path) else figures


# --- Public reads -----------------------------------------------------------------------------

CACHE_VERSION = 1


def _cache_key(name: str, scope: StatsScope, filters: StatsFilters) -> str:
    """Who sees (the scope's paths), what (the filters), in which language (labels)."""
    parts = [
        name,
        "*" if scope.roots is None else ",".join(r.path for r in scope.roots),
        ",".join(r.path for r in scope.managed_roots),
        scope.home_path or "",
        repr(sorted(filters.as_params().items())),
        get_language() or "",
    ]
    digest = hashlib.sha256("|".join(parts).encode()).hexdigest()
    return f"stats:{CACHE_VERSION}:{digest}"


def cached(function):
    """Keeps a read's result for STATS_CACHE_SECONDS (default 300; 0 turns it off): at
    national scale the all-courses figures take seconds, and statistics a few minutes old
    are fine. The scope is checked first, and is part of the key."""

    @functools.wraps(function)
    def wrapper(*, scope: StatsScope, filters: StatsFilters):
        _check(scope, filters)
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
    _check(scope, filters)
    by_key = _figures_by_key(scope=scope, filters=filters, grouping=Grouping("total"))
    figures = by_key.get("", Figures(key=""))
    figures.label = str(_("All"))
    return _finish(figures, scope=scope, path=_focus_path(scope, filters))


@cached
def stats_by_institution(*, scope: StatsScope, filters: StatsFilters) -> list[Figures]:
    """One row per child of the focused institution (drill down), plus a row for the
    institution itself when learners belong to it directly. Without a focus: the scope's
    roots (or the tree's roots for administrators)."""
    _check(scope, filters)
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
    by_key = _figures_by_key(scope=scope, filters=filters, grouping=grouping)
    by_path = {n.path: n for n in nodes}
    rows = []
    for path, institution in by_path.items():
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
        rows.append(_finish(figures, scope=scope, path=path))
    unplaced = by_key.get(None)
    if unplaced is not None and scope.roots is None and node is None:
        unplaced.key = ""
        unplaced.label = str(_("No institution"))
        rows.append(_finish(unplaced, scope=scope, path=None))
    return rows


def _by_choices(*, scope: StatsScope, filters: StatsFilters, field: str, choices) -> list[Figures]:
    """One row per value of `field` that has figures, in the order of its choices."""
    _check(scope, filters)
    by_key = _figures_by_key(scope=scope, filters=filters, grouping=Grouping(field))
    path = _focus_path(scope, filters)
    rows = []
    for value, label in choices:
        if value in by_key:
            figures = by_key[value]
            figures.key = value
            figures.label = str(label)
            rows.append(_finish(figures, scope=scope, path=path))
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
    _check(scope, filters)
    enrolments = _included(
        Enrolment.objects.all(),
        prefix="",
        scope=scope,
        filters=replace(filters, date_from=None, date_to=None),
        with_path=False,
    )
    months: dict[str, Figures] = {}
    for name, date_field in (
        ("enrolled", "enrolled_at"),
        ("started", "started_at"),
        ("completed", "completed_at"),
    ):
        window = Q(**{f"{date_field}__isnull": False})
        if filters.start is not None:
            window &= Q(**{f"{date_field}__gte": filters.start})
        if filters.end is not None:
            window &= Q(**{f"{date_field}__lt": filters.end})
        rows = (
            enrolments.filter(window)
            .annotate(_month=TruncMonth(date_field))
            .values("_month")
            .annotate(n=Count("pk"))
            .order_by()
        )
        for row in rows:
            key = row["_month"].strftime("%Y-%m")
            setattr(months.setdefault(key, Figures(key=key, label=key)), name, row["n"])
    path = _focus_path(scope, filters)
    rows = []
    for key in sorted(months):
        figures = _finish(months[key], scope=scope, path=path)
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

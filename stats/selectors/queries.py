"""The exact figures, aggregated in the database: a bounded number of grouped queries per
table, whatever the number of institutions. Nothing here is published as it is: the
tables go through `disclosure.protected_figures`."""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass, replace
from typing import Any

from django.apps import apps
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
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Extract, Substr, TruncMonth
from django.utils import timezone

from certificates.api import Certificate, CertificateKind
from courses.api import Enrolment
from institutions.api import Institution

from .figures import Figures
from .filters import StatsFilters
from .scope import STEPLEN, StatsScope


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


def included(
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

    kind: str  # "total", "institution", "profession", "sex", "region", "course", "month"
    node: Institution | None = None
    roots: tuple[Institution, ...] = ()

    def expression(self, prefix: str):
        if self.kind == "total":
            return Value("", output_field=CharField())
        if self.kind == "profession":
            return F(f"{prefix}user__profession")
        if self.kind == "sex":
            return F(f"{prefix}user__sex")
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


def needs_path(grouping: Grouping, extra: Grouping | None) -> bool:
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


def raw_figures(
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
    enrolments = included(
        Enrolment.objects.all(),
        prefix="",
        scope=scope,
        filters=filters,
        with_path=needs_path(grouping, extra),
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
    queryset = included(
        # Course certificates: attendance certificates have no enrolment (trainings are
        # counted on their own).
        Certificate.objects.filter(kind=CertificateKind.COURSE),
        prefix="enrolment__",
        scope=scope,
        filters=filters,
        with_path=needs_path(grouping, extra),
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
    queryset = included(
        QuizResult.objects.all(),
        prefix=prefix,
        scope=scope,
        filters=filters,
        join=join,
        with_path=needs_path(grouping, extra),
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
    enrolments = included(
        Enrolment.objects.all(),
        prefix="",
        scope=scope,
        filters=replace(filters, date_from=None, date_to=None),
        with_path=needs_path(TOTAL, extra),
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

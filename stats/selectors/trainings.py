"""Training figures: trainings held, participations, people trained and completions, per
period, by kind, declared sex, profession and institution subtree.

What is counted
- A training is *held* in a period when one of its sessions that was not cancelled starts
  in it.
- A *participation* is a confirmed registration whose participant attended (present or
  partly present) at least one session, not cancelled, that starts in the period. One per
  person and training, whatever the number of sessions; a person on three trainings is
  three participations and one person trained.
- A *completion* is a participation completed (the training's share of sessions, and
  its course for a blended one) before the period's end.
- A participation counts for the institution, profession, region and declared sex the
  participant has now (registrations keep no snapshot of them).
- Trainings held, for anyone but an administrator looking at the whole programme without a
  filter on people, are the trainings someone counted here took part in: a manager's
  "trainings held" are those their people attended.

Every figure goes through the one disclosure control (`disclosure.protected_figures`, with
the `TRAININGS` source): each rests on the people it counts (the trainings held on the
people who took part), and step 4 (periods) looks at the participations that moving a
period's start or end by a month would remove, and at the last month with completions.
The course filter does not apply to trainings (it is ignored).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import Any

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext_lazy as _

from accounts.api import Profession, Sex
from courses.api import default_locale_id
from trainings.api import (
    Attendance,
    AttendanceMark,
    Registration,
    RegistrationState,
    TrainingKind,
    TrainingPage,
    TrainingSession,
)

from .disclosure import Source, edge_people, protected_figures
from .figures import SUPPRESSED
from .filters import StatsFilters
from .queries import TOTAL, Grouping
from .scope import StatsScope
from .tables import _by_choices, cached, institution_breakdown, institution_rows

ATTENDED = (AttendanceMark.PRESENT, AttendanceMark.PARTLY)

TRAINING_FIELDS = ("trainings", "participations", "people_trained", "completions")
TRAINING_LABELS = {
    "trainings": _("Trainings held"),
    "participations": _("Participations"),
    "people_trained": _("People trained"),
    "completions": _("Completions"),
}
# Each figure and the people it rests on (keys of TrainingFigures.people).
TRAINING_RESTS_ON = {
    "trainings": "participants",
    "participations": "participants",
    "people_trained": "participants",
    "completions": "completers",
}
TRAINING_BREAKDOWNS = ("kind", "sex", "profession", "institution")


@dataclass
class TrainingFigures:
    """One row of training figures; exact until `published()` (hidden ones become "x")."""

    key: Any = None
    label: str = ""
    code: str = ""
    institution_id: int | None = None
    has_children: bool = False
    trainings: int | str = 0
    participations: int | str = 0
    people_trained: int | str = 0
    completions: int | str = 0
    suppressed: bool = False
    people: dict[str, int] = field(default_factory=dict, repr=False, compare=False)
    hidden: set[str] = field(default_factory=set, repr=False, compare=False)

    def published(self) -> TrainingFigures:
        changes: dict[str, Any] = dict.fromkeys(self.hidden, SUPPRESSED)
        changes["suppressed"] = bool(self.hidden)
        return replace(self, **changes)

    def public(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in TRAINING_FIELDS}


# --- The exact figures ------------------------------------------------------------------------


def _sessions_q(filters: StatsFilters, prefix: str = "") -> Q:
    """Sessions not cancelled that start in the period."""
    q = Q(**{f"{prefix}cancelled_at__isnull": True})
    if filters.start is not None:
        q &= Q(**{f"{prefix}starts_at__gte": filters.start})
    if filters.end is not None:
        q &= Q(**{f"{prefix}starts_at__lt": filters.end})
    return q


def _of_people(queryset: QuerySet, *, prefix: str, scope: StatsScope, filters: StatsFilters):
    """`queryset` narrowed to the participants (reached through `prefix`) in scope and in
    the filters, annotated with `_path` (their institution's)."""
    q = Q()
    if filters.profession:
        q &= Q(**{f"{prefix}user__profession": filters.profession})
    if filters.region:
        q &= Q(**{f"{prefix}user__institution__region": filters.region})
    queryset = queryset.filter(q).annotate(_path=F(f"{prefix}user__institution__path"))
    if filters.institution is not None:
        queryset = queryset.filter(_path__startswith=filters.institution.path)
    if scope.roots is not None:
        queryset = queryset.filter(scope.path_q("_path"))
    return queryset


def _key(grouping: Grouping, prefix: str):
    """A grouping's key over a registration (reached through `prefix`)."""
    by_participant = {
        "kind": f"{prefix}training__kind",
        "profession": f"{prefix}user__profession",
        "sex": f"{prefix}user__sex",
        "region": f"{prefix}user__institution__region",
    }
    if grouping.kind in by_participant:
        return F(by_participant[grouping.kind])
    if grouping.kind in ("total", "institution"):
        return grouping.expression(prefix)  # the institution's is over `_path`
    raise ValueError(f"Training figures are not grouped by {grouping.kind}.")


def participations(*, scope: StatsScope, filters: StatsFilters) -> QuerySet:
    """The participations of the period, of people in scope and in the filters."""
    attended = Attendance.objects.filter(registration=OuterRef("pk"), mark__in=ATTENDED).filter(
        _sessions_q(filters, "session__")
    )
    registrations = Registration.objects.filter(state=RegistrationState.CONFIRMED).filter(
        Exists(attended)
    )
    return _of_people(registrations, prefix="", scope=scope, filters=filters)


def _completed_q(filters: StatsFilters) -> Q:
    q = Q(completed_at__isnull=False)
    if filters.end is not None:
        q &= Q(completed_at__lt=filters.end)
    return q


def _grouped(queryset: QuerySet, grouping: Grouping, extra: Grouping | None, prefix: str = ""):
    queryset = queryset.annotate(_key=_key(grouping, prefix))
    if extra is None:
        return queryset.values("_key")
    return queryset.annotate(_key2=_key(extra, prefix)).values("_key", "_key2")


def _row_key(row: dict, extra: Grouping | None):
    return row["_key"] if extra is None else (row["_key"], row["_key2"])


def training_raw_figures(
    *, scope: StatsScope, filters: StatsFilters, grouping: Grouping, extra: Grouping | None = None
) -> dict:
    """Exact figures per key (one grouped query; a second for the trainings held when
    nothing narrows them to people)."""
    completed = _completed_q(filters)
    rows = (
        _grouped(participations(scope=scope, filters=filters), grouping, extra)
        .annotate(
            trainings=Count("training_id", distinct=True),
            participations=Count("pk"),
            participants=Count("user_id", distinct=True),
            completions=Count("pk", filter=completed),
            completers=Count("user_id", distinct=True, filter=completed),
        )
        .order_by()
    )
    result: dict[Any, TrainingFigures] = {}
    for row in rows:
        key = _row_key(row, extra)
        result[key] = TrainingFigures(
            key=key,
            trainings=row["trainings"],
            participations=row["participations"],
            people_trained=row["participants"],
            completions=row["completions"],
            people={"participants": row["participants"], "completers": row["completers"]},
        )
    if _whole_programme(scope, filters, grouping, extra):
        _add_all_trainings_held(filters=filters, grouping=grouping, into=result)
    return result


def _whole_programme(scope, filters, grouping, extra) -> bool:
    """Whether the trainings held are every training of the period (an administrator, no
    filter or breakdown on people) rather than those of the people counted."""
    return (
        scope.is_everywhere
        and extra is None
        and grouping.kind in ("total", "kind")
        and not (filters.institution or filters.profession or filters.region)
    )


def _add_all_trainings_held(*, filters: StatsFilters, grouping: Grouping, into: dict) -> None:
    # Trainings in the default locale (sessions are kept there) that were ever published.
    held = TrainingPage.objects.filter(
        Q(live=True) | Q(first_published_at__isnull=False), locale_id=default_locale_id()
    ).filter(
        Exists(TrainingSession.objects.filter(training=OuterRef("pk")).filter(_sessions_q(filters)))
    )
    if grouping.kind == "kind":
        counts = dict(held.values_list("kind").annotate(n=Count("pk")).order_by())
    else:
        counts = {"": held.count()}
    for key, number in counts.items():
        if number:
            into.setdefault(key, TrainingFigures(key=key)).trainings = number


def training_edges(
    *, scope: StatsScope, filters: StatsFilters, grouping: Grouping, k: int
) -> dict[Any, set[str]]:
    """Step 4 (periods), per key. Moving the period's start later by a month or more
    removes the participations whose attended sessions in the period all lie before the new
    start: the smallest such set is those whose last attended month is the earliest; moving
    its end earlier, those whose first attended month is the latest. The same holds for
    people (all their participations taken together), whom `people_trained` counts. Each
    of these sets must rest on 0 or K+ people, otherwise the whole row is hidden; the last
    month with completions likewise, otherwise the completions are (two queries)."""
    attendances = _of_people(
        Attendance.objects.filter(
            mark__in=ATTENDED, registration__state=RegistrationState.CONFIRMED
        ).filter(_sessions_q(filters, "session__")),
        prefix="registration__",
        scope=scope,
        filters=filters,
    )
    rows = (
        _grouped(attendances, grouping, None, prefix="registration__")
        .annotate(_month=TruncMonth("session__starts_at"))
        .values_list("_key", "registration_id", "registration__user_id", "_month")
        .order_by()
    )
    # Per key: the months attended, per participation and per person.
    by_registration: dict[Any, dict[int, tuple[int, set]]] = defaultdict(dict)
    by_person: dict[Any, dict[int, tuple[int, set]]] = defaultdict(dict)
    for key, registration, user, month in rows:
        by_registration[key].setdefault(registration, (user, set()))[1].add(month)
        by_person[key].setdefault(user, (user, set()))[1].add(month)
    hide: dict[Any, set[str]] = defaultdict(set)
    for months in (by_registration, by_person):
        for key, units in months.items():
            if any(0 < len(edge) < k for edge in edge_people(units.values())):
                hide[key] |= set(TRAINING_RESTS_ON)
    completions = (
        _grouped(
            participations(scope=scope, filters=filters).filter(_completed_q(filters)),
            grouping,
            None,
        )
        .annotate(_month=TruncMonth("completed_at"))
        .values("_key", "_month")
        .annotate(people=Count("user_id", distinct=True))
        .order_by()
    )
    last: dict[Any, tuple] = {}
    for row in completions:
        if row["_key"] not in last or row["_month"] > last[row["_key"]][0]:
            last[row["_key"]] = (row["_month"], row["people"])
    for key, (_month, people) in last.items():
        if 0 < people < k:
            hide[key].add("completions")
    return hide


TRAININGS = Source(
    name="trainings",
    raw=training_raw_figures,
    rests_on=TRAINING_RESTS_ON,
    edges=training_edges,
)


# --- The public reads -------------------------------------------------------------------------


def _for_trainings(filters: StatsFilters) -> StatsFilters:
    return replace(filters, course=None)


@cached
def training_summary(*, scope: StatsScope, filters: StatsFilters) -> TrainingFigures:
    """The period's trainings held, participations, people trained and completions."""
    filters = _for_trainings(filters)
    rows = protected_figures(scope=scope, filters=filters, grouping=TOTAL, source=TRAININGS)
    figures = rows.get("", TrainingFigures(key=""))
    figures.label = str(_("All"))
    return figures.published()


@cached
def training_breakdown(*, scope: StatsScope, filters: StatsFilters, by: str) -> list:
    """One breakdown of the training figures: by kind, declared sex ("not declared"
    included), profession, or institution (children of the focus, as drill-down)."""
    filters = _for_trainings(filters)
    if by == "institution":
        node, grouping, nodes = institution_breakdown(scope=scope, filters=filters)
        by_key = protected_figures(
            scope=scope, filters=filters, grouping=grouping, source=TRAININGS
        )
        return institution_rows(
            scope=scope, node=node, nodes=nodes, by_key=by_key, empty=TrainingFigures
        )
    choices = {
        "kind": TrainingKind.choices,
        "sex": Sex.choices,
        "profession": Profession.choices,
    }[by]
    return _by_choices(scope=scope, filters=filters, field=by, choices=choices, source=TRAININGS)

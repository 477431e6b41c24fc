"""Where people stand with their plans: compliant, due, overdue or expired, decided in the
database for any number of people (one query for the assignments with their status, whatever
their number; a plan's items are read once).

- A course item is done when the person completed the course (any enrolment, a
  re-certification's archived one too) and, for a course whose certificates expire, holds a
  valid certificate of it; or did the same with the item's refresher course. A training is
  done when they completed it.
- A course item not done, whose course (or refresher) they completed but whose certificate
  is no longer valid (expired or revoked), is expired.
- An assignment is compliant when every item is done; else expired when an item expired;
  else overdue past its due moment; else due.

Every condition can also be read *as of a past moment* (`at`): what was completed before
it, the certificate that was current then (issued before it, not yet expired, revoked or
replaced by a reissue), the due moment passed before it. The plan's items and each
assignment's due moment are today's (plans keep no history of them)."""

from __future__ import annotations

import datetime

from django.db.models import Case, CharField, Exists, OuterRef, Q, QuerySet, Value, When
from django.db.models.functions import Now
from django.utils.translation import pgettext_lazy

from certificates.api import Certificate, CertificateKind
from courses.api import Enrolment
from trainings.api import Registration

from .models import Assignment, PlanItem

COMPLIANT, DUE, OVERDUE, EXPIRED = "compliant", "due", "overdue", "expired"
STATUS_LABELS = {
    COMPLIANT: pgettext_lazy("standing in a training plan", "Compliant"),
    DUE: pgettext_lazy("standing in a training plan", "Due"),
    OVERDUE: pgettext_lazy("standing in a training plan", "Overdue"),
    EXPIRED: pgettext_lazy("standing in a training plan", "Expired"),
}
STATUSES = tuple(STATUS_LABELS)


def _before(at: datetime.datetime | None, field: str) -> Q:
    """`field` set (and before `at`, when given)."""
    q = Q(**{f"{field}__isnull": False})
    return q & Q(**{f"{field}__lt": at}) if at is not None else q


def _completed(course_id: int, at: datetime.datetime | None = None):
    return Exists(
        Enrolment.objects.filter(
            _before(at, "completed_at"), user_id=OuterRef("user_id"), course_id=course_id
        )
    )


def _valid_certificate(course_id: int, at: datetime.datetime | None = None):
    certificates = Certificate.objects.filter(
        kind=CertificateKind.COURSE, user_id=OuterRef("user_id"), course_id=course_id
    )
    if at is None:
        return Exists(
            certificates.filter(
                Q(expires_at__isnull=True) | Q(expires_at__gt=Now()),
                superseded_by__isnull=True,
                revoked_at__isnull=True,
            )
        )
    # The certificate current at `at`: issued before it, not expired, revoked or replaced
    # (a reissue) by then.
    return Exists(
        certificates.filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=at),
            Q(revoked_at__isnull=True) | Q(revoked_at__gt=at),
            Q(superseded_by__isnull=True) | Q(superseded_by__issued_at__gt=at),
            issued_at__lte=at,
        )
    )


def _training_completed(training_id: int, at: datetime.datetime | None = None):
    return Exists(
        Registration.objects.filter(
            _before(at, "completed_at"), user_id=OuterRef("user_id"), training_id=training_id
        )
    )


def item_courses(item: PlanItem) -> list:
    """The courses that satisfy a course item: its course, and its refresher if any."""
    return [c for c in (item.course, item.refresher) if c is not None]


def _item_conditions(item: PlanItem, at: datetime.datetime | None = None) -> tuple[Q, Q]:
    """(done, expired) of one item, as conditions on an assignment (as of `at`, or now)."""
    if item.training_id is not None:
        return Q(_training_completed(item.training_id, at)), Q(pk__in=[])
    done, lapsed = Q(pk__in=[]), Q(pk__in=[])
    for course in item_courses(item):
        completed = Q(_completed(course.pk, at))
        if not course.validity_months:
            done |= completed
            continue
        valid = Q(_valid_certificate(course.pk, at))
        done |= completed & valid
        lapsed |= completed & ~valid
    return done, lapsed & ~done


def plan_items(plan) -> list[PlanItem]:
    """A plan's items as `status_of` reads them (one query)."""
    return list(plan.items.select_related("course", "refresher"))


def status_of(items: list[PlanItem], *, at: datetime.datetime | None = None):
    """The status of an assignment of the plan with these items, as an expression: now, or
    as of the moment `at` (see the module's docstring)."""
    if not items:
        return Value(COMPLIANT, output_field=CharField())
    done, expired = Q(), Q(pk__in=[])
    for item in items:
        item_done, item_expired = _item_conditions(item, at)
        done &= item_done
        expired |= item_expired
    return Case(
        When(done, then=Value(COMPLIANT)),
        When(expired, then=Value(EXPIRED)),
        When(due_at__lt=Now() if at is None else at, then=Value(OVERDUE)),
        default=Value(DUE),
        output_field=CharField(),
    )


def open_at(at: datetime.datetime | None = None) -> Q:
    """Assignments open now, or at the moment `at` (assigned before it, closed after)."""
    if at is None:
        return Q(closed_at__isnull=True)
    return Q(assigned_at__lt=at) & (Q(closed_at__isnull=True) | Q(closed_at__gte=at))


def with_status(assignments: QuerySet[Assignment], *, plan) -> QuerySet[Assignment]:
    """`assignments` (of one plan) annotated with `status`. One query when evaluated."""
    return assignments.annotate(status=status_of(plan_items(plan)))


def item_states_for(*, assignment: Assignment) -> list[dict]:
    """Each item of the assignment's plan with whether this person has done it (or it
    expired): what My learning shows. A query per item; plans have a few."""
    rows = []
    for item in assignment.plan.items.select_related("course", "refresher", "training"):
        done, expired = _item_conditions(item)
        base = Assignment.objects.filter(pk=assignment.pk)
        rows.append(
            {
                "item": item,
                "page": item.course or item.training,
                "done": base.filter(done).exists(),
                "expired": base.filter(expired).exists(),
            }
        )
    return rows

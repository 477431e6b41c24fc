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
  else overdue past its due moment; else due."""

from __future__ import annotations

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


def _completed(course_id: int):
    return Exists(
        Enrolment.objects.filter(
            user_id=OuterRef("user_id"), course_id=course_id, completed_at__isnull=False
        )
    )


def _valid_certificate(course_id: int):
    return Exists(
        Certificate.objects.filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=Now()),
            kind=CertificateKind.COURSE,
            user_id=OuterRef("user_id"),
            course_id=course_id,
            superseded_by__isnull=True,
            revoked_at__isnull=True,
        )
    )


def _training_completed(training_id: int):
    return Exists(
        Registration.objects.filter(
            user_id=OuterRef("user_id"), training_id=training_id, completed_at__isnull=False
        )
    )


def item_courses(item: PlanItem) -> list:
    """The courses that satisfy a course item: its course, and its refresher if any."""
    return [c for c in (item.course, item.refresher) if c is not None]


def _item_conditions(item: PlanItem) -> tuple[Q, Q]:
    """(done, expired) of one item, as conditions on an assignment."""
    if item.training_id is not None:
        return Q(_training_completed(item.training_id)), Q(pk__in=[])
    done, lapsed = Q(pk__in=[]), Q(pk__in=[])
    for course in item_courses(item):
        completed = Q(_completed(course.pk))
        if not course.validity_months:
            done |= completed
            continue
        valid = Q(_valid_certificate(course.pk))
        done |= completed & valid
        lapsed |= completed & ~valid
    return done, lapsed & ~done


def with_status(assignments: QuerySet[Assignment], *, plan) -> QuerySet[Assignment]:
    """`assignments` (of one plan) annotated with `status`. One query when evaluated."""
    items = list(plan.items.select_related("course", "refresher"))
    if not items:
        return assignments.annotate(status=Value(COMPLIANT, output_field=CharField()))
    done, expired = Q(), Q(pk__in=[])
    for item in items:
        item_done, item_expired = _item_conditions(item)
        done &= item_done
        expired |= item_expired
    return assignments.annotate(
        status=Case(
            When(done, then=Value(COMPLIANT)),
            When(expired, then=Value(EXPIRED)),
            When(due_at__lt=Now(), then=Value(OVERDUE)),
            default=Value(DUE),
            output_field=CharField(),
        )
    )


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

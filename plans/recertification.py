"""Re-certification: a set number of days before a certificate under a plan expires, the
person is enrolled afresh in the course (or the plan's refresher course), so that they can
earn a new certificate before the old one lapses. The old enrolment and certificate stay in
the history; the plan's standing reads the newest valid certificate (`plans.status`).

Run daily (`manage.py recertify_plans`, or the task). Idempotent: someone already enrolled
afresh (not yet completed) is left alone, and someone who holds a certificate that stays
valid past the horizon is not due."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.db.models import Min, Q
from django.utils import timezone
from django_tasks import task

from certificates.api import Certificate, CertificateKind
from courses.api import Enrolment, enrolments_restart_for_plan

from .models import Assignment, AssignmentClosed, TrainingPlan
from .my_learning import assignments_changed


@dataclass
class Recertified:
    plans: int = 0
    people: int = 0


def _valid_certificates(course_ids):
    return Certificate.objects.filter(
        kind=CertificateKind.COURSE,
        course_id__in=course_ids,
        superseded_by__isnull=True,
        revoked_at__isnull=True,
    )


def people_due_for_recertification(*, plan: TrainingPlan, item, now=None) -> list[int]:
    """The people of the plan's open assignments whose certificate of the item's course (or
    refresher) expires within the plan's days, who hold none valid beyond that horizon, and
    who are not already taking the course again. A few queries, whatever their number."""
    now = now or timezone.now()
    horizon = now + timedelta(days=plan.recertify_days_before)
    course_ids = [c for c in (item.course_id, item.refresher_id) if c]
    again = item.refresher_id or item.course_id
    holders = Assignment.objects.filter(plan=plan, closed_at__isnull=True).values("user_id")
    expiring = _valid_certificates(course_ids).filter(
        expires_at__isnull=False, expires_at__lte=horizon, user_id__in=holders
    )
    lasting = _valid_certificates(course_ids).filter(
        Q(expires_at__isnull=True) | Q(expires_at__gt=horizon)
    )
    taking_again = Enrolment.objects.filter(
        course_id=again, archived_at__isnull=True, completed_at__isnull=True
    )
    return sorted(
        set(
            expiring.exclude(user_id__in=lasting.values("user_id"))
            .exclude(user_id__in=taking_again.values("user_id"))
            .values_list("user_id", flat=True)
        )
    )


def plans_recertify(*, now=None) -> Recertified:
    result = Recertified()
    for plan in TrainingPlan.objects.filter(is_active=True, recertify_days_before__isnull=False):
        result.plans += 1
        for item in plan.items.filter(course__isnull=False).select_related("course", "refresher"):
            user_ids = people_due_for_recertification(plan=plan, item=item, now=now)
            if not user_ids:
                continue
            result.people += enrolments_restart_for_plan(
                user_ids=user_ids, course=item.refresher or item.course
            )
            assignments_renew(plan=plan, item=item, user_ids=user_ids, now=now)
            assignments_changed(user_ids)
    return result


@transaction.atomic
def assignments_renew(*, plan: TrainingPlan, item, user_ids: list[int], now=None) -> int:
    """Re-certification opens a new cycle: each person's open assignment is closed (it
    stays in the history) and a new one is due when their certificate expires, so that the
    reminders before and after the due date run again for it. Returns how many."""
    now = now or timezone.now()
    course_ids = [c for c in (item.course_id, item.refresher_id) if c]
    expiry = dict(
        _valid_certificates(course_ids)
        .filter(user_id__in=user_ids, expires_at__isnull=False)
        .values("user_id")
        .annotate(first=Min("expires_at"))
        .values_list("user_id", "first")
    )
    old = list(
        Assignment.objects.select_for_update().filter(
            plan=plan, user_id__in=user_ids, closed_at__isnull=True
        )
    )
    Assignment.objects.filter(pk__in=[a.pk for a in old]).update(
        closed_at=now, closed_reason=AssignmentClosed.RECERTIFICATION
    )
    Assignment.objects.bulk_create(
        [
            Assignment(
                plan=plan,
                user_id=a.user_id,
                assigned_at=now,
                assigned_by=None,
                reason=a.reason,
                due_at=expiry.get(a.user_id, a.due_at),
            )
            for a in old
        ]
    )
    return len(old)


@task()
def plans_recertify_task() -> str:
    result = plans_recertify()
    return f"{result.people} people enrolled again under {result.plans} plans"

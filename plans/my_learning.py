"""Training plans on My learning: what is required of the learner, by when, and why (the
section plans add to courses' page), in a bounded number of queries whatever the number of
plans and items; and the learner's cached page follows their assignments."""

from __future__ import annotations

from django.db.models import Q
from django.db.models.functions import Now
from django.utils import timezone

from certificates.api import Certificate, CertificateKind
from courses.api import (
    Enrolment,
    LearningSection,
    reading_locale_id,
    translations_for_reader,
)
from pagecache.api import learners_changed
from trainings.api import Registration

from .models import Assignment, PlanItem
from .status import COMPLIANT, DUE, EXPIRED, OVERDUE, STATUS_LABELS, item_courses

TEMPLATE = "plans/_my_learning.html"


def _learner_item_states(*, user, items: list[PlanItem]) -> dict[int, str]:
    """Item id → "done", "expired" or "open" for this learner, by the rules of
    `plans.status` (three queries, whatever the number of items)."""
    course_ids = {c.pk for i in items for c in item_courses(i)}
    training_ids = {i.training_id for i in items if i.training_id}
    completed = set(
        Enrolment.objects.filter(
            user=user, course_id__in=course_ids, completed_at__isnull=False
        ).values_list("course_id", flat=True)
    )
    valid = set(
        Certificate.objects.filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=Now()),
            kind=CertificateKind.COURSE,
            user=user,
            course_id__in=course_ids,
            superseded_by__isnull=True,
            revoked_at__isnull=True,
        ).values_list("course_id", flat=True)
    )
    trained = set(
        Registration.objects.filter(
            user=user, training_id__in=training_ids, completed_at__isnull=False
        ).values_list("training_id", flat=True)
    )
    states = {}
    for item in items:
        if item.training_id:
            states[item.pk] = "done" if item.training_id in trained else "open"
            continue
        done = [
            c.pk in completed and (not c.validity_months or c.pk in valid)
            for c in item_courses(item)
        ]
        if any(done):
            states[item.pk] = "done"
        elif any(c.pk in completed for c in item_courses(item)):
            states[item.pk] = "expired"
        else:
            states[item.pk] = "open"
    return states


def _assignment_status(assignment, item_states: list[str], now) -> str:
    if all(s == "done" for s in item_states):
        return COMPLIANT
    if "expired" in item_states:
        return EXPIRED
    return OVERDUE if assignment.due_at < now else DUE


def my_plans_section(user) -> LearningSection | None:
    assignments = list(
        Assignment.objects.filter(
            user=user, closed_at__isnull=True, plan__is_active=True
        ).select_related("plan")
    )
    if not assignments:
        return None
    items = list(
        PlanItem.objects.filter(plan_id__in=[a.plan_id for a in assignments]).select_related(
            "course", "refresher", "training"
        )
    )
    states = _learner_item_states(user=user, items=items)
    pages = [i.course or i.training for i in items]
    shown = translations_for_reader(pages=pages, locale_id=reading_locale_id())
    now = timezone.now()
    plans = []
    for assignment in sorted(assignments, key=lambda a: a.due_at):
        mine = [i for i in items if i.plan_id == assignment.plan_id]
        rows = [
            {
                "page": shown.get((i.course or i.training).pk, i.course or i.training),
                "state": states[i.pk],
                "is_training": bool(i.training_id),
            }
            for i in mine
        ]
        status = _assignment_status(assignment, [r["state"] for r in rows], now)
        plans.append(
            {
                "assignment": assignment,
                "plan": assignment.plan,
                "items": rows,
                "status": status,
                "status_label": STATUS_LABELS[status],
            }
        )
    return LearningSection(TEMPLATE, {"plans": plans})


def assignments_changed(user_ids) -> None:
    """The learners whose assignments were opened or closed: their cached pages move on."""
    learners_changed(user_ids)

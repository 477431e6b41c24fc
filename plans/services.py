"""Writes of training plans: bringing a plan's assignments in line with its target (when it
is saved, when people change, when it ends), enrolling the people it requires, in the
background when many people are concerned."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from accounts.api import User
from courses.api import enrolments_create_for_plan

from .models import (
    Assignment,
    AssignmentClosed,
    AssignmentReason,
    PlanRun,
    PlanRunStatus,
    TrainingPlan,
)
from .my_learning import assignments_changed
from .progress import run_progress_forget, run_progress_record
from .targets import Target

BATCH = 1000
# People changed at once above which plans follow in the background (a bulk import).
INLINE_PEOPLE = 200


@dataclass
class PlanChange:
    assigned: int = 0
    closed: int = 0
    enrolled: int = 0

    def __iadd__(self, other: PlanChange) -> PlanChange:
        self.assigned += other.assigned
        self.closed += other.closed
        self.enrolled += other.enrolled
        return self


def due_for(plan: TrainingPlan, *, joined_at: datetime) -> datetime:
    """A person's due moment: the end of the plan's due date, or `due_within_days` after
    they joined its target (whichever the plan gives; the date when both)."""
    if plan.due_date is not None:
        return timezone.make_aware(datetime.combine(plan.due_date, time(23, 59, 59)))
    return joined_at + timedelta(days=plan.due_within_days)


def _open_assignments(plan: TrainingPlan):
    return Assignment.objects.filter(plan=plan, closed_at__isnull=True)


@transaction.atomic
def plan_apply(*, plan: TrainingPlan, by=None, user_ids=None, progress=None) -> PlanChange:
    """Bring the plan's open assignments in line with its target, for everyone or only for
    `user_ids`: people in the target without one are assigned (and enrolled in its courses);
    people with one who left the target have it closed. Who is in and who holds one are two
    indexed reads compared in Python (no join whose speed hangs on the planner's estimate of
    a table that just grew), then writes in batches: a bounded number of queries per thousand
    people, whatever the size of the target. `progress(done, total)` hears of each batch."""
    change = PlanChange()
    now = timezone.now()
    target = Target.of(plan)
    people = target.people() if plan.is_active else User.objects.none()
    mine = _open_assignments(plan)
    if user_ids is not None:
        user_ids = list(user_ids)
        people = people.filter(pk__in=user_ids)
        mine = mine.filter(user_id__in=user_ids)
    inside = set(people.values_list("pk", flat=True))
    held = set(mine.values_list("user_id", flat=True))
    joining, left = sorted(inside - held), sorted(held - inside)
    total = len(joining) + len(left)

    # Left the target (or the plan ended): closed, never deleted.
    closed_reason = AssignmentClosed.LEFT_TARGET if plan.is_active else AssignmentClosed.PLAN_ENDED
    for start in range(0, len(left), BATCH):
        change.closed += (
            _open_assignments(plan)
            .filter(user_id__in=left[start : start + BATCH])
            .update(closed_at=now, closed_reason=closed_reason)
        )
        if progress:
            progress(min(start + BATCH, len(left)), total)

    # Joined it.
    named = set(target.named_ids)
    due = due_for(plan, joined_at=now)
    courses = [i.course for i in plan.items.select_related("course") if i.course_id]
    for start in range(0, len(joining), BATCH):
        batch = joining[start : start + BATCH]
        Assignment.objects.bulk_create(
            [
                Assignment(
                    plan=plan,
                    user_id=pk,
                    assigned_at=now,
                    assigned_by=by,
                    reason=AssignmentReason.NAMED if pk in named else AssignmentReason.RULE,
                    due_at=due,
                )
                for pk in batch
            ],
            ignore_conflicts=True,  # a concurrent run assigned them first
        )
        for course in courses:
            change.enrolled += enrolments_create_for_plan(
                users=User.objects.filter(pk__in=batch), course=course, enrolled_by=by
            )
        if progress:
            progress(len(left) + start + len(batch), total)
    change.assigned = len(joining)
    # Their My learning pages show what is required of them (plan enrolments are written in
    # bulk, without the signals that move the cache otherwise).
    assignments_changed([*joining, *left])
    return change


def plans_apply_for_people(*, user_ids, progress=None) -> PlanChange:
    """Every active plan (and every plan these people hold an open assignment of) follows
    these people's change: a few queries per plan, whatever the number of people.
    `progress(done, total)` hears of each plan done."""
    user_ids = list(user_ids)
    change = PlanChange()
    plans = TrainingPlan.objects.filter(is_active=True) | TrainingPlan.objects.filter(
        pk__in=Assignment.objects.filter(user_id__in=user_ids, closed_at__isnull=True).values(
            "plan_id"
        )
    )
    plans = list(plans.distinct().select_related("owner_institution"))
    for number, plan in enumerate(plans, start=1):
        for start in range(0, len(user_ids), BATCH * 5):
            change += plan_apply(plan=plan, user_ids=user_ids[start : start + BATCH * 5])
        if progress:
            progress(number, len(plans))
    return change


def plan_end(*, plan: TrainingPlan, by) -> PlanChange:
    """End a plan: its open assignments are closed (what people completed stays)."""
    TrainingPlan.objects.filter(pk=plan.pk).update(is_active=False)
    plan.is_active = False
    return plan_apply(plan=plan, by=by)


# --- In the background --------------------------------------------------------------------


def run_start(*, plan: TrainingPlan | None, by=None, user_ids=None) -> PlanRun:
    """A background run of one plan (all its target) or of every plan for some people."""
    run = PlanRun.objects.create(plan=plan, requested_by=by, people=len(user_ids or ()))
    transaction.on_commit(
        lambda: plan_run_task.enqueue(run_id=run.pk, user_ids=list(user_ids or []))
    )
    return run


@task()
def plan_run_task(*, run_id: int, user_ids: list[int]) -> str:
    run = PlanRun.objects.select_related("plan__owner_institution", "requested_by").get(pk=run_id)
    PlanRun.objects.filter(pk=run.pk).update(status=PlanRunStatus.RUNNING)

    def progress(done: int, total: int) -> None:
        run_progress_record(run.pk, done=done, total=total)

    try:
        if run.plan is not None:
            change = plan_apply(plan=run.plan, by=run.requested_by, progress=progress)
        else:
            change = plans_apply_for_people(user_ids=user_ids, progress=progress)
    except Exception as error:
        PlanRun.objects.filter(pk=run.pk).update(
            status=PlanRunStatus.FAILED, error=str(error)[:2000], finished_at=timezone.now()
        )
        run_progress_forget(run.pk)
        raise
    PlanRun.objects.filter(pk=run.pk).update(
        status=PlanRunStatus.DONE,
        assigned=change.assigned,
        closed=change.closed,
        finished_at=timezone.now(),
    )
    run_progress_forget(run.pk)
    return f"{change.assigned} assigned, {change.closed} closed"


def people_changed_follow(*, user_ids, **kwargs) -> None:
    """Receiver of accounts' `people_changed` (after the commit): a few people are followed
    at once; a bulk change in the background."""
    if not user_ids:
        return
    if len(user_ids) > INLINE_PEOPLE:
        with transaction.atomic():
            run_start(plan=None, user_ids=sorted(user_ids))
        return
    plans_apply_for_people(user_ids=user_ids)

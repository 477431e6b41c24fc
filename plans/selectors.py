"""Reads of plans, and who may do what with one."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from accounts.api import people_scope_for

from .models import Assignment, PlanRun, TrainingPlan
from .progress import run_progress
from .status import STATUSES, with_status


def viewer_may_plan(*, viewer) -> bool:
    """Administrators and institution managers write plans."""
    return people_scope_for(viewer=viewer) is not None


def plans_visible_to(*, viewer) -> QuerySet[TrainingPlan]:
    """Administrators see every plan; managers the plans of their institutions and the
    national plans (of which they see only their own people)."""
    scope = people_scope_for(viewer=viewer)
    if scope is None:
        return TrainingPlan.objects.none()
    plans = TrainingPlan.objects.select_related("owner_institution")
    if scope.is_everywhere:
        return plans
    return plans.filter(scope.path_q("owner_institution__path") | Q(owner_institution=None))


def viewer_may_change(*, viewer, plan: TrainingPlan) -> bool:
    """Administrators, and managers whose subtree holds the plan's institution."""
    scope = people_scope_for(viewer=viewer)
    if scope is None:
        return False
    if scope.is_everywhere:
        return True
    return plan.owner_institution_id is not None and scope.covers(plan.owner_institution)


def assignments_seen_by(*, viewer, plan: TrainingPlan) -> QuerySet[Assignment]:
    """The plan's open assignments of the people `viewer` may see, with their status."""
    scope = people_scope_for(viewer=viewer)
    if scope is None:
        return Assignment.objects.none()
    assignments = Assignment.objects.filter(plan=plan, closed_at__isnull=True).filter(
        scope.path_q("user__institution__path")
    )
    return with_status(assignments, plan=plan).select_related("user__institution")


def status_counts(assignments: QuerySet[Assignment]) -> dict[str, int]:
    """How many of `assignments` (annotated with status) stand where: one query."""
    counts = dict.fromkeys(STATUSES, 0)
    for row in assignments.order_by().values("status").annotate(n=Count("pk")):
        counts[row["status"]] = row["n"]
    return counts


def plan_summary(plan: TrainingPlan) -> dict:
    """What a plan requires of whom, by when: the audit log's record of a saved plan."""
    return {
        "name": plan.name,
        "institution": plan.owner_institution.code if plan.owner_institution_id else None,
        "courses": [i.course_id for i in plan.items.all() if i.course_id],
        "trainings": [i.training_id for i in plan.items.all() if i.training_id],
        "target_institutions": list(plan.target_institutions.values_list("code", flat=True)),
        "target_professions": plan.target_professions,
        "named_people": plan.target_people.count(),
        "due_date": plan.due_date.isoformat() if plan.due_date else None,
        "due_within_days": plan.due_within_days,
        "recertify_days_before": plan.recertify_days_before,
        "reminder_days_before": plan.reminder_days_before,
        "reminder_days_after": plan.reminder_days_after,
        "reminders_mandatory": plan.reminders_mandatory,
    }


def runs_of(plan: TrainingPlan) -> list[PlanRun]:
    """The plan's latest background runs, each with its progress while under way."""
    runs = list(plan.runs.all()[:5])
    for run in runs:
        run.progress = run_progress(run.pk) if run.status == "running" else None
    return runs

from __future__ import annotations

from .models import PlanItem, TrainingPlan


def plan_with(
    *,
    name: str = "Identification of victims for the police",
    owner=None,
    institutions=(),
    professions=(),
    people=(),
    courses=(),
    trainings=(),
    due_date=None,
    due_within_days: int | None = 30,
    recertify_days_before: int | None = None,
    created_by=None,
) -> TrainingPlan:
    """A saved plan with its target and items (its rule not yet applied)."""
    plan = TrainingPlan.objects.create(
        name=name,
        owner_institution=owner,
        target_professions=list(professions),
        due_date=due_date,
        due_within_days=None if due_date and due_within_days == 30 else due_within_days,
        recertify_days_before=recertify_days_before,
        created_by=created_by,
    )
    plan.target_institutions.set(institutions)
    plan.target_people.set(people)
    for order, course in enumerate(courses):
        PlanItem.objects.create(plan=plan, course=course, sort_order=order)
    for order, training in enumerate(trainings, start=len(courses)):
        PlanItem.objects.create(plan=plan, training=training, sort_order=order)
    return plan

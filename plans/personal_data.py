"""A person's part of training plans, for their personal-data export."""

from __future__ import annotations

from .models import Assignment, DigestSent, ReminderSent, TrainingPlan


def personal_data_plans(user) -> dict:
    """The plans that name the person, and every assignment they held."""
    return {
        "named_in": list(
            TrainingPlan.objects.filter(target_people=user).values_list("name", flat=True)
        ),
        "assignments": _assignments(user),
        "reminders": [
            {
                "plan": r.assignment.plan.name,
                "days_from_due_date": r.step,
                "sent_at": r.sent_at.isoformat(),
                "by_email": r.emailed,
            }
            for r in ReminderSent.objects.filter(assignment__user=user)
            .select_related("assignment__plan")
            .order_by("pk")
        ],
        "overdue_digests_received": [
            {"week": d.week.isoformat(), "sent_at": d.sent_at.isoformat(), "people": d.people}
            for d in DigestSent.objects.filter(manager=user).order_by("pk")
        ],
    }


def _assignments(user) -> list[dict]:
    return [
        {
            "plan": a.plan.name,
            "assigned_at": a.assigned_at.isoformat(),
            "why": a.get_reason_display(),
            "due_at": a.due_at.isoformat(),
            "closed_at": a.closed_at.isoformat() if a.closed_at else None,
            "why_closed": a.get_closed_reason_display() if a.closed_reason else "",
        }
        for a in Assignment.objects.filter(user=user).select_related("plan").order_by("pk")
    ]

"""What other apps may use of training plans. Import this module, not plans' internals.

- `TrainingPlan`, `PlanItem`, `Assignment` and their choices (`AssignmentReason`,
  `AssignmentClosed`): a plan, what it requires, and who holds an assignment of it.
- `Target`: whom a plan reaches, as one filter on people.
- Where people stand (`plans.status`): `STATUSES` and `STATUS_LABELS` (compliant, due,
  overdue, expired), `plan_items(plan)`, `status_of(items, at=None)` (an assignment's
  status as an expression, now or as of a moment) and `open_at(at=None)` (the assignments
  open then), for counting in the database.
"""

from .models import Assignment, AssignmentClosed, AssignmentReason, PlanItem, TrainingPlan
from .status import STATUS_LABELS, STATUSES, open_at, plan_items, status_of
from .targets import Target

__all__ = [
    "STATUSES",
    "STATUS_LABELS",
    "Assignment",
    "AssignmentClosed",
    "AssignmentReason",
    "PlanItem",
    "Target",
    "TrainingPlan",
    "open_at",
    "plan_items",
    "status_of",
]

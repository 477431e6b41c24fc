"""What other apps may use of training plans. Import this module, not plans' internals.

- `TrainingPlan`, `PlanItem`, `Assignment` and their choices (`AssignmentReason`,
  `AssignmentClosed`): a plan, what it requires, and who holds an assignment of it.
- `Target`: whom a plan reaches, as one filter on people.
"""

from .models import Assignment, AssignmentClosed, AssignmentReason, PlanItem, TrainingPlan
from .targets import Target

__all__ = [
    "Assignment",
    "AssignmentClosed",
    "AssignmentReason",
    "PlanItem",
    "Target",
    "TrainingPlan",
]

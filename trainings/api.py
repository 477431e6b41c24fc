"""What other apps may use of trainings (seminars, workshops, trainings of trainers, study
visits, webinars). Import this module, not trainings' internals.

- `TrainingIndexPage`, `TrainingPage`, `TrainingSession`, `Registration`, `Attendance` and
  their choices (`TrainingKind`, `PlacesBy`, `RegistrationState`, `AttendanceMark`).
- `user_may_organise(*, user, training)`: whether someone organises a training.
"""

from .models import (
    Attendance,
    AttendanceMark,
    PlacesBy,
    Registration,
    RegistrationState,
    TrainingIndexPage,
    TrainingKind,
    TrainingPage,
    TrainingSession,
)
from .services import user_may_organise

__all__ = [
    "Attendance",
    "AttendanceMark",
    "PlacesBy",
    "Registration",
    "RegistrationState",
    "TrainingIndexPage",
    "TrainingKind",
    "TrainingPage",
    "TrainingSession",
    "user_may_organise",
]

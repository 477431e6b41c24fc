"""What other apps may use of trainings (seminars, workshops, trainings of trainers, study
visits, webinars). Import this module, not trainings' internals.

- `TrainingIndexPage`, `TrainingPage`, `TrainingSession`, `Registration`, `Attendance` and
  their choices (`TrainingKind`, `PlacesBy`, `RegistrationState`, `AttendanceMark`).
- `user_may_organise(*, user, training)`: whether someone organises a training.
- `training_completed`: a signal sent once, after the commit, when a training completes
  for a participant (kwargs: `registration`). Surveys listen to it.
- `attendance_recorded`: a signal sent inside the transaction that records attendance
  (kwargs: `session_id`, `registration_ids`). xAPI listens to it.
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
from .signals import attendance_recorded, training_completed

__all__ = [
    "Attendance",
    "attendance_recorded",
    "AttendanceMark",
    "PlacesBy",
    "Registration",
    "RegistrationState",
    "TrainingIndexPage",
    "TrainingKind",
    "TrainingPage",
    "TrainingSession",
    "training_completed",
    "user_may_organise",
]

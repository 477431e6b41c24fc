from .choices import (
    ACTIVE_STATES,
    AttendanceMark,
    MarkedBy,
    PlacesBy,
    RegistrationState,
    TrainingKind,
)
from .pages import TrainingIndexPage, TrainingPage
from .registrations import Attendance, Registration
from .sessions import TrainingSession

__all__ = [
    "ACTIVE_STATES",
    "Attendance",
    "AttendanceMark",
    "MarkedBy",
    "PlacesBy",
    "Registration",
    "RegistrationState",
    "TrainingIndexPage",
    "TrainingKind",
    "TrainingPage",
    "TrainingSession",
]

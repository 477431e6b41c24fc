"""The choices of trainings, defined once so that services and selectors need not import
the page types."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TrainingKind(models.TextChoices):
    SEMINAR = "seminar", _("Seminar")
    WORKSHOP = "workshop", _("Workshop")
    TRAINING_OF_TRAINERS = "tot", _("Training of trainers")
    STUDY_VISIT = "study_visit", _("Study visit")
    WEBINAR = "webinar", _("Webinar")


class PlacesBy(models.TextChoices):
    """How places are filled."""

    NOMINATION = "nomination", _("Nomination by institution managers")
    SELF = "self", _("Self-registration")
    BOTH = "both", _("Nomination or self-registration")


class RegistrationState(models.TextChoices):
    REQUESTED = "requested", _("Waiting for the organiser")
    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("On the waiting list")
    DECLINED = "declined", _("Declined")
    CANCELLED = "cancelled", _("Cancelled")


# A registration in one of these states holds or waits for a place.
ACTIVE_STATES = (
    RegistrationState.REQUESTED,
    RegistrationState.CONFIRMED,
    RegistrationState.WAITLISTED,
)


class AttendanceMark(models.TextChoices):
    PRESENT = "present", _("Present")
    PARTLY = "partly", _("Partly present")
    ABSENT = "absent", _("Absent")


class MarkedBy(models.TextChoices):
    TRAINER = "trainer", _("Trainer")
    CHECK_IN = "check_in", _("Self check-in")

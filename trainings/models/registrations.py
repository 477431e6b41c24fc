"""Who holds or waits for a place on a training, and who attended which session.

Both point at the training and sessions of the page in the default locale (see
`trainings.models.pages`). A registration is one row per person and training, whatever
happens to it: its state moves (requested → confirmed / waitlisted / declined; cancelled),
so the history of a place is the row plus its audit entries."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .choices import ACTIVE_STATES, AttendanceMark, MarkedBy, RegistrationState


class Registration(models.Model):
    training = models.ForeignKey(
        "trainings.TrainingPage",
        verbose_name=_("training"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="training_registrations",
    )
    state = models.CharField(
        _("state"), max_length=20, choices=RegistrationState.choices, db_index=True
    )
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("nominated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    # The waiting list is served in the order people joined it.
    waitlisted_at = models.DateTimeField(_("on the waiting list since"), null=True, blank=True)
    changed_at = models.DateTimeField(_("changed at"), auto_now=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["training_id", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["training", "user"], name="trainings_one_registration_per_person"
            ),
            models.CheckConstraint(
                condition=~Q(state=RegistrationState.WAITLISTED) | Q(waitlisted_at__isnull=False),
                name="trainings_waitlisted_has_a_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.training_id} · {self.state}"

    @property
    def is_active(self) -> bool:
        return self.state in ACTIVE_STATES


class Attendance(models.Model):
    session = models.ForeignKey(
        "trainings.TrainingSession",
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="attendance",
    )
    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="attendance"
    )
    mark = models.CharField(_("attendance"), max_length=10, choices=AttendanceMark.choices)
    marked_by = models.CharField(_("marked by"), max_length=10, choices=MarkedBy.choices)
    marked_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    marked_at = models.DateTimeField(_("marked at"), auto_now=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "registration"], name="trainings_one_mark_per_session"
            )
        ]

    def __str__(self) -> str:
        return f"{self.registration_id} · {self.session_id} · {self.mark}"

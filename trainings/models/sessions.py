"""A training's sessions: when and where it meets, and the key of its self check-in.

Apart from the page types so that the reads (`trainings.selectors`), which the pages serve
with, can query sessions without importing the pages."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable

# Self check-in opens this long before a session starts.
CHECK_IN_EARLY = timedelta(minutes=30)


def _check_in_key() -> str:
    return secrets.token_urlsafe(16)


class TrainingSession(Orderable):
    training = ParentalKey(
        "trainings.TrainingPage", on_delete=models.CASCADE, related_name="sessions"
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    online_url = models.URLField(_("online meeting link"), blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    check_in_key = models.CharField(max_length=40, default=_check_in_key, editable=False)

    panels = [
        FieldPanel("title"),
        FieldPanel("starts_at"),
        FieldPanel("ends_at"),
        FieldPanel("venue"),
        FieldPanel("address"),
        FieldPanel("online_url"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="trainings_session_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title or timezone.localtime(self.starts_at).strftime("%Y-%m-%d %H:%M")

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("A session ends after it starts.")})
        if not (self.venue or self.online_url):
            raise ValidationError({"venue": _("Give a venue, an online meeting link, or both.")})

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    def check_in_is_open(self, *, now=None) -> bool:
        now = now or timezone.now()
        return not self.is_cancelled and self.starts_at - CHECK_IN_EARLY <= now <= self.ends_at

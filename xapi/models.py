"""The xAPI outbox: one row per statement, written in the transaction of the learning
event it records and sent to the learning record store by a background task."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class LearnerAccount(models.Model):
    """The name a person goes by in statements: a random id, neither their email nor their
    database id, so that the LRS's records are linked to a person only through us. Erasure
    deletes it (and the link with it)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="xapi_account"
    )
    name = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        verbose_name = _("xAPI account")

    def __str__(self) -> str:
        return str(self.name)


class StatementStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENT = "sent", _("Sent")


class Statement(models.Model):
    """One xAPI statement waiting for the LRS, or sent to it. `statement_id` is derived
    from the event (a UUID5), so that the same event never makes two statements."""

    statement_id = models.UUIDField(unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="xapi_statements"
    )
    verb = models.CharField(max_length=40)
    payload = models.JSONField()
    status = models.CharField(
        max_length=10, choices=StatementStatus.choices, default=StatementStatus.PENDING
    )
    attempts = models.PositiveIntegerField(default=0)
    next_try_at = models.DateTimeField(default=timezone.now)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("xAPI statement")
        indexes = [
            models.Index(
                fields=["next_try_at"],
                name="xapi_statement_due",
                condition=models.Q(status="pending"),
            )
        ]

    def __str__(self) -> str:
        return f"{self.verb} {self.statement_id}"

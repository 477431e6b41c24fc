"""What was done offline and sent to us: one row per record a learner's device sent, so
that each is applied once, however often the device sends it again."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class OfflineCompletionStatus(models.TextChoices):
    ACCEPTED = "accepted", _("accepted")
    REFUSED = "refused", _("refused")


class OfflineCompletion(models.Model):
    """A "Mark as done" recorded on a learner's device while offline. `record_id` is the
    id the device gave it: unique per learner (two learners' devices may pick the same)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="offline_completions"
    )
    record_id = models.UUIDField(_("record id"))
    # The page as the device sent it (a lesson in any language); not a foreign key: a
    # record about a page since deleted is kept with its answer.
    page_id = models.PositiveIntegerField(_("page id"))
    done_at = models.DateTimeField(_("done at"))
    received_at = models.DateTimeField(_("received at"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=10, choices=OfflineCompletionStatus.choices)
    reason = models.CharField(_("reason refused"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("offline completion")
        verbose_name_plural = _("offline completions")
        constraints = [
            models.UniqueConstraint(fields=["user", "record_id"], name="offline_one_record")
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.record_id} ({self.status})"

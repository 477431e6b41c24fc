"""Personal API tokens, scheduled e-mail reports of statistics, and programme reports."""

import datetime
import uuid

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def token_expiry() -> datetime.datetime:
    """When a token made now expires (settings.STATS_API_TOKEN_DAYS, default a year)."""
    return timezone.now() + datetime.timedelta(days=getattr(settings, "STATS_API_TOKEN_DAYS", 365))


class ApiToken(models.Model):
    """A personal token for /api/v1/stats/. Only a SHA-256 digest is stored: the token is
    shown once, when it is made. It reaches what its owner's roles reach, now, until it
    expires (a year by default) or is revoked."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="stats_api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("starts with"), max_length=12, editable=False)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"), default=token_expiry)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and not self.is_expired


class Frequency(models.TextChoices):
    WEEKLY = "weekly", _("Weekly (Mondays, the week before)")
    MONTHLY = "monthly", _("Monthly (the 1st, the month before)")


class ReportView(models.TextChoices):
    INSTITUTION = "institution", _("By institution")
    PROFESSION = "profession", _("By profession")
    SEX = "sex", _("By sex")
    REGION = "region", _("By region")
    MONTH = "month", _("By month")


class ReportSubscription(models.Model):
    """An XLSX of one statistics view, e-mailed every week or month for the period just
    ended. `params` are the dashboard's filters (institution code, course, profession,
    region); the period is set when the report is sent."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="stats_subscriptions"
    )
    frequency = models.CharField(_("frequency"), max_length=10, choices=Frequency.choices)
    view = models.CharField(
        _("table"), max_length=20, choices=ReportView.choices, default=ReportView.INSTITUTION
    )
    params = models.JSONField(_("filters"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_period = models.CharField(_("last period sent"), max_length=10, blank=True)
    last_sent_at = models.DateTimeField(_("last sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("report subscription")
        verbose_name_plural = _("report subscriptions")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_frequency_display()} · {self.get_view_display()}"


# --- Programme reports ------------------------------------------------------------------------


def private_storage():
    """Storage no URL serves (see STORAGES["private"])."""
    return storages["private"]


def programme_report_path(instance, filename: str) -> str:
    return f"stats/programme-reports/{uuid.uuid4().hex}.xlsx"


class ProgrammeReportStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    RUNNING = "running", _("In progress")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")


EVERYWHERE = "everywhere"


class ProgrammeReport(models.Model):
    """One XLSX of a period (whole months) in the layout programme reports use, built in
    the background (`stats.programme`) over the requester's scope *as it was when they
    asked*: `scope` is "everywhere" or the ids of the scope's institutions."""

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.CASCADE,
        related_name="programme_reports",
    )
    period_start = models.DateField(_("first day"))
    period_end = models.DateField(_("last day"))
    scope = models.JSONField(_("scope"), default=list)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ProgrammeReportStatus.choices,
        default=ProgrammeReportStatus.PENDING,
    )
    error = models.TextField(_("error"), blank=True)
    file = models.FileField(
        _("file"),
        upload_to=programme_report_path,
        storage=private_storage,
        blank=True,
        max_length=255,
    )
    created_at = models.DateTimeField(_("requested at"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("programme report")
        verbose_name_plural = _("programme reports")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")),
                name="stats_programme_report_period_in_order",
            )
        ]

    def __str__(self) -> str:
        return f"{self.requested_by} · {self.period_label}"

    @property
    def period_label(self) -> str:
        first, last = f"{self.period_start:%Y-%m}", f"{self.period_end:%Y-%m}"
        return first if first == last else f"{first} – {last}"

    @property
    def is_everywhere(self) -> bool:
        return self.scope == EVERYWHERE

    @property
    def is_finished(self) -> bool:
        return self.status in {ProgrammeReportStatus.READY, ProgrammeReportStatus.FAILED}

"""The audit log: who did what security-relevant thing, to whom, from where, and when."""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    LOGIN = "login", _("Signed in")
    LOGIN_FAILED = "login_failed", _("Failed sign-in")
    LOGOUT = "logout", _("Signed out")
    MFA_ACTIVATED = "mfa_activated", _("Two-factor authentication activated")
    MFA_DEACTIVATED = "mfa_deactivated", _("Two-factor authentication deactivated")
    ROLE_GRANTED = "role_granted", _("Role granted")
    ROLE_REVOKED = "role_revoked", _("Role revoked")
    CERTIFICATE_REVOKED = "certificate_revoked", _("Certificate revoked")
    PERSONAL_DATA_EXPORTED = "personal_data_exported", _("Personal data exported")
    PERSONAL_DATA_ERASED = "personal_data_erased", _("Personal data erased")
    STATS_EXPORTED = "stats_exported", _("Statistics exported")
    QUIZ_REGRADED = "quiz_regraded", _("Quiz regraded")
    QUESTIONS_EXPORTED = "questions_exported", _("Questions exported with answers")
    API_TOKEN_CREATED = "api_token_created", _("API token created")
    API_TOKEN_REVOKED = "api_token_revoked", _("API token revoked")
    PLAN_SAVED = "plan_saved", _("Training plan saved")
    PLAN_ENDED = "plan_ended", _("Training plan ended")


class AuditEvent(models.Model):
    """One security-relevant action. Written once, never edited (erasure only blanks names).

    The actor and target are kept both as a reference and as text, so that the entry still
    says who and what after the account or object is gone.
    """

    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_repr = models.CharField(_("actor"), max_length=255, blank=True)
    action = models.CharField(_("action"), max_length=40, choices=AuditAction.choices)
    target_type = models.CharField(_("target type"), max_length=100, blank=True)
    target_id = models.CharField(_("target id"), max_length=64, blank=True)
    target_repr = models.CharField(_("target"), max_length=255, blank=True)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True, encoder=DjangoJSONEncoder)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["action", "-at"], name="audit_action_at"),
            models.Index(fields=["target_type", "target_id"], name="audit_target"),
            models.Index(fields=["actor", "-at"], name="audit_actor_at"),
        ]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.get_action_display()} {self.target_repr}"


class CSPReportFormat(models.TextChoices):
    LEGACY = "csp-report", _("report-uri (application/csp-report)")
    REPORTING_API = "reports+json", _("Reporting API (application/reports+json)")


class CSPReport(models.Model):
    """A Content-Security-Policy violation a browser reported (audit.csp_reports).

    Addresses are kept without their query string or fragment, which may carry tokens; the
    reporting client's address is not kept. Old reports are pruned as new ones arrive.
    """

    received_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    report_format = models.CharField(_("format"), max_length=20, choices=CSPReportFormat.choices)
    document_uri = models.CharField(_("page"), max_length=2000, blank=True)
    referrer = models.CharField(_("referrer"), max_length=2000, blank=True)
    blocked_uri = models.CharField(_("blocked"), max_length=2000, blank=True)
    effective_directive = models.CharField(_("directive"), max_length=100, blank=True)
    violated_directive = models.CharField(_("violated directive"), max_length=200, blank=True)
    disposition = models.CharField(_("disposition"), max_length=20, blank=True)
    source_file = models.CharField(_("source file"), max_length=2000, blank=True)
    line_number = models.PositiveIntegerField(_("line"), null=True, blank=True)
    column_number = models.PositiveIntegerField(_("column"), null=True, blank=True)
    status_code = models.PositiveIntegerField(_("status code"), null=True, blank=True)
    sample = models.CharField(_("sample"), max_length=200, blank=True)
    user_agent = models.CharField(_("browser"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("CSP violation report")
        verbose_name_plural = _("CSP violation reports")
        ordering = ["-received_at", "-pk"]

    def __str__(self):
        return f"{self.effective_directive or self.violated_directive}: {self.blocked_uri}"

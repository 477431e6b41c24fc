"""Certificates of completion, their audit trail, signatories and bulk downloads."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from accounts.api import FormOfAddress
from serbian.api import name_folded

from .data import CertificateAction, CertificateKind, CertificateStatus, RevocationReason


def private_storage():
    """Storage no URL serves (see STORAGES["private"])."""
    return storages["private"]


def certificate_pdf_path(instance: Certificate, filename: str) -> str:
    # Unguessable, and never derived from the person's name or the code.
    return f"certificates/{instance.issued_at:%Y}/{uuid.uuid4().hex}.pdf"


def export_zip_path(instance: CertificateExport, filename: str) -> str:
    return f"certificates/exports/{uuid.uuid4().hex}.zip"


class CertificateQuerySet(models.QuerySet):
    def current(self):
        """Not superseded by a reissue."""
        return self.filter(superseded_by__isnull=True)

    def revoked(self):
        return self.filter(revoked_at__isnull=False)

    def valid(self, now=None):
        now = now or timezone.now()
        return self.filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=now),
            revoked_at__isnull=True,
            superseded_by__isnull=True,
        )

    def expired(self, now=None):
        now = now or timezone.now()
        return self.filter(revoked_at__isnull=True, superseded_by__isnull=True, expires_at__lte=now)


class Certificate(models.Model):
    """A certificate of completion of one enrolment (`kind` course), or of attendance at one
    training (`kind` attendance: the training's page, one per person and training).

    The holder's name, the course or training title and the institution are copied at issue,
    in the certificate's language: the PDF and the public verification page say what was
    certified, even if the profile, the course or the training changes later (a name
    correction is a reissue, with a new serial).
    """

    kind = models.CharField(
        _("kind"), max_length=12, choices=CertificateKind.choices, default=CertificateKind.COURSE
    )
    enrolment = models.ForeignKey(
        "courses.Enrolment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="certificates",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="certificates"
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="certificates",
    )
    # An attendance certificate's training (a trainings.TrainingPage, in the default locale;
    # certificates know it only as a page, and its editors as the issuers).
    training = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("training"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # The learner's institution at completion.
    institution = models.ForeignKey(
        "institutions.Institution",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="certificates",
    )
    serial = models.CharField(_("serial number"), max_length=20, unique=True)
    code = models.CharField(_("verification code"), max_length=40, unique=True)
    issued_at = models.DateTimeField(_("issued at"))
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revocation_category = models.CharField(
        _("kind of reason for revocation"),
        max_length=20,
        choices=RevocationReason.choices,
        blank=True,
    )
    revoked_reason = models.TextField(_("reason for revocation"), blank=True)
    superseded_by = models.ForeignKey(
        "self",
        verbose_name=_("superseded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="supersedes",
    )

    # Added to the shared contract.
    is_reissue = models.BooleanField(_("reissue"), default=False)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    holder_name = models.CharField(_("holder's name"), max_length=310)
    # Grammar only ("završio", "završila" or a wording without gender): it follows the
    # holder's profile, and the PDF is drawn again when they change it.
    holder_form_of_address = models.CharField(
        _("holder's form of address"),
        max_length=10,
        choices=FormOfAddress.choices,
        blank=True,
        default=FormOfAddress.NEUTRAL,
    )
    # The holder's name in Latin, lower case, without diacritics: what managers search.
    holder_name_folded = models.CharField(max_length=310, blank=True, editable=False)
    course_title = models.CharField(_("course or training title"), max_length=255)
    # An attendance certificate: the kind of training, its dates and place, as the holder's
    # language says them ("Seminar, Niš, 12–13 October 2026").
    held = models.CharField(_("held"), max_length=255, blank=True)
    institution_name = models.CharField(_("institution"), max_length=255, blank=True)
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1)
    completed_at = models.DateTimeField(_("completed at"))
    pdf = models.FileField(
        _("PDF"), upload_to=certificate_pdf_path, storage=private_storage, blank=True
    )
    pdf_rendered_at = models.DateTimeField(_("PDF rendered at"), null=True, blank=True)
    # The SHA-256 fingerprint of the certificate whose key signed the stored PDF (empty:
    # unsigned, e.g. drawn before signing began): certificates.signing.
    pdf_signed_by = models.CharField(_("PDF signed by"), max_length=95, blank=True)
    expiry_reminder_sent_at = models.DateTimeField(
        _("expiry reminder sent at"), null=True, blank=True
    )
    # Open Badges 3.0 (certificates.openbadges), both given once, on the holder's first
    # download of the credential: the bit of the revocation status list that stands for
    # this certificate (drawn at random, as the Bitstring Status List spec advises, so that
    # neighbouring bits say nothing about neighbouring people), and the random salt of the
    # hash of the holder's email that identifies them in the credential (they need it to
    # prove the address is theirs).
    status_index = models.PositiveIntegerField(
        _("status list index"), null=True, blank=True, unique=True, editable=False
    )
    badge_salt = models.CharField(_("badge salt"), max_length=64, blank=True, editable=False)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_at", "-pk"]
        constraints = [
            # Issuing twice for one completion gives the same certificate; reissues (a
            # name correction) are the only other certificates of an enrolment.
            models.UniqueConstraint(
                fields=["enrolment"],
                condition=Q(is_reissue=False),
                name="one_original_certificate_per_enrolment",
            ),
            # Attendance: one original per person and training.
            models.UniqueConstraint(
                fields=["training", "user"],
                condition=Q(is_reissue=False, kind=CertificateKind.ATTENDANCE),
                name="one_original_attendance_certificate",
            ),
            models.CheckConstraint(
                condition=(
                    Q(
                        kind=CertificateKind.COURSE,
                        enrolment__isnull=False,
                        course__isnull=False,
                        training__isnull=True,
                    )
                    | Q(
                        kind=CertificateKind.ATTENDANCE,
                        enrolment__isnull=True,
                        course__isnull=True,
                        training__isnull=False,
                    )
                ),
                name="certificate_certifies_a_course_or_a_training",
            ),
        ]
        indexes = [
            models.Index(fields=["course", "issued_at"]),
            models.Index(fields=["expires_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.serial} · {self.holder_name}"

    def save(self, *args, **kwargs):
        self.holder_name_folded = name_folded(self.holder_name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "holder_name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "holder_name_folded"}
        super().save(*args, **kwargs)

    @property
    def is_attendance(self) -> bool:
        return self.kind == CertificateKind.ATTENDANCE

    def status(self, now=None) -> CertificateStatus:
        now = now or timezone.now()
        if self.revoked_at:
            return CertificateStatus.REVOKED
        if self.superseded_by_id:
            return CertificateStatus.SUPERSEDED
        if self.expires_at and self.expires_at <= now:
            return CertificateStatus.EXPIRED
        return CertificateStatus.VALID

    @property
    def is_ready(self) -> bool:
        return bool(self.pdf)

    @property
    def pdf_is_current(self) -> bool:
        """The stored PDF says what the certificate is now: a revoked certificate's PDF
        must have been drawn (marked) after the revocation."""
        if not self.pdf:
            return False
        if self.revoked_at is None:
            return True
        return self.pdf_rendered_at is not None and self.pdf_rendered_at >= self.revoked_at

    @property
    def revocation_summary(self) -> str:
        """The kind of reason and the details, as the verification page and the PDF say it."""
        label = self.get_revocation_category_display() if self.revocation_category else ""
        details = self.revoked_reason.strip()
        if label and details and self.revocation_category != RevocationReason.OTHER:
            return f"{label}: {details}"
        return details or label


class CertificateEvent(models.Model):
    """The audit trail: who did what to a certificate, when and why."""

    certificate = models.ForeignKey(Certificate, on_delete=models.PROTECT, related_name="events")
    action = models.CharField(_("action"), max_length=20, choices=CertificateAction.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("certificate event")
        verbose_name_plural = _("certificate events")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.certificate.serial}: {self.get_action_display()}"


class SerialCounter(models.Model):
    """The last serial number given in a year. Locked while a serial is taken."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("serial counter")

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


class Signatory(models.Model):
    """A person whose name and signature appear on every certificate."""

    name = models.CharField(_("name"), max_length=150)
    title = models.CharField(_("title (Serbian)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    signature = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("signature image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("shown on certificates"), default=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("title"),
        FieldPanel("title_en"),
        FieldPanel("signature"),
        FieldPanel("sort_order"),
        FieldPanel("is_active"),
    ]

    class Meta:
        verbose_name = _("signatory")
        verbose_name_plural = _("signatories")
        ordering = ["sort_order", "pk"]

    def __str__(self) -> str:
        return f"{self.name}, {self.title}"


class ExportStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    RUNNING = "running", _("In progress")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


class CertificateExport(models.Model):
    """A ZIP of the certificates a manager may see, built in the background."""

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.CASCADE,
        related_name="certificate_exports",
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    issued_from = models.DateField(_("issued from"), null=True, blank=True)
    issued_to = models.DateField(_("issued until"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ExportStatus.choices, default=ExportStatus.PENDING
    )
    total = models.PositiveIntegerField(_("certificates"), default=0)
    processed = models.PositiveIntegerField(_("certificates processed"), default=0)
    file = models.FileField(
        _("file"), upload_to=export_zip_path, storage=private_storage, blank=True, max_length=255
    )
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("requested at"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("certificate download")
        verbose_name_plural = _("certificate downloads")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.requested_by} · {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def percent(self) -> int:
        if not self.total:
            return 100 if self.status == ExportStatus.DONE else 0
        return round(100 * self.processed / self.total)

    @property
    def is_finished(self) -> bool:
        return self.status in {ExportStatus.DONE, ExportStatus.FAILED}

"""Values other apps may rely on: a certificate's status at a moment."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CertificateStatus(models.TextChoices):
    VALID = "valid", _("Valid")
    EXPIRED = "expired", _("Expired")
    REVOKED = "revoked", _("Revoked")
    SUPERSEDED = "superseded", _("Superseded")


class CertificateKind(models.TextChoices):
    """What a certificate certifies: a completed course, or attendance at a training (a
    seminar, workshop, training of trainers, study visit or webinar)."""

    COURSE = "course", _("Course completion")
    ATTENDANCE = "attendance", _("Training attendance")


class CertificateAction(models.TextChoices):
    """What the audit trail records."""

    ISSUED = "issued", _("Issued")
    RENDERED = "rendered", _("PDF rendered")
    REVOKED = "revoked", _("Revoked")
    REISSUED = "reissued", _("Reissued")
    SUPERSEDED = "superseded", _("Superseded")
    REMINDED = "reminded", _("Expiry reminder sent")


class RevocationReason(models.TextChoices):
    """Why a certificate was revoked (with the details written by whoever revoked it)."""

    ISSUED_IN_ERROR = "error", _("Issued in error")
    WRONG_PERSON = "wrong_person", _("Issued to the wrong person")
    MISCONDUCT = "misconduct", _("The course was not completed honestly")
    COURSE_WITHDRAWN = "course_withdrawn", _("The course was withdrawn")
    OTHER = "other", _("Another reason")

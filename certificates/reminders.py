"""Reminders to holders whose certificates are about to expire
(`send_certificate_expiry_reminders`, daily)."""

from __future__ import annotations

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext

from notifications.api import email_allowed, notification_create

from . import selectors
from .data import CertificateAction
from .models import Certificate
from .rendering import (
    verification_url,
)
from .services import event_record

# --- Expiry reminders -------------------------------------------------------------------

# The kind of email people may turn off in their profile (a message on My learning then).
KIND_EXPIRY = "certificate_expiry"


def certificates_expiry_remind(*, days: int, now=None) -> int:
    """Email the holders of current, valid certificates expiring within `days` days, once
    per certificate. Returns how many were sent."""
    now = now or timezone.now()
    sent = 0
    for certificate in selectors.certificates_expiring(days=days, now=now):
        # Claim the reminder first, so that two runs never send it twice.
        claimed = Certificate.objects.filter(
            pk=certificate.pk, expiry_reminder_sent_at__isnull=True
        ).update(expiry_reminder_sent_at=now)
        if not claimed:
            continue
        user = certificate.user
        if not email_allowed(user, KIND_EXPIRY):
            with translation.override(user.preferred_language):
                notification_create(
                    user=user,
                    kind=KIND_EXPIRY,
                    text=gettext("Your certificate “%(title)s” expires on %(date)s.")
                    % {
                        "title": certificate.course_title,
                        "date": formats.date_format(
                            timezone.localtime(certificate.expires_at).date(), "DATE_FORMAT"
                        ),
                    },
                    link=reverse("certificates:mine"),
                )
            event_record(certificate, CertificateAction.REMINDED)
            sent += 1
            continue
        with translation.override(user.preferred_language):
            context = {
                "certificate": certificate,
                "user": user,
                "verify_url": verification_url(certificate.code),
            }
            subject = render_to_string(
                "certificates/email/expiry_reminder_subject.txt", context
            ).strip()
            body = render_to_string("certificates/email/expiry_reminder.txt", context)
        send_mail(subject, body, None, [user.email])
        event_record(certificate, CertificateAction.REMINDED)
        sent += 1
    return sent

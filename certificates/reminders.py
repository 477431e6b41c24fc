"""Reminders to holders whose certificates are about to expire
(`send_certificate_expiry_reminders`, daily)."""

from __future__ import annotations

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone, translation

from . import selectors
from .data import CertificateAction
from .models import Certificate
from .rendering import (
    verification_url,
)
from .services import event_record

# --- Expiry reminders -------------------------------------------------------------------


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

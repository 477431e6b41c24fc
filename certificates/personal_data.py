"""A holder's certificates in their personal data export, and what erasure leaves of them."""

from __future__ import annotations

from .models import Certificate

# --- Personal data ----------------------------------------------------------------------


def personal_data_certificates(user) -> list[dict]:
    """Exporter (accounts.personal_data): every certificate the person was issued."""
    return [
        {
            "serial": c.serial,
            "code": c.code,
            "holder_name": c.holder_name,
            "holder_form_of_address": c.holder_form_of_address,
            "course": c.course_title,
            "institution": c.institution_name,
            "issued_at": c.issued_at.isoformat(),
            "expires_at": c.expires_at.isoformat() if c.expires_at else None,
            "revoked_at": c.revoked_at.isoformat() if c.revoked_at else None,
            "revocation_category": c.revocation_category,
            "revoked_reason": c.revoked_reason,
            "status": c.status().value,
            # Open Badges: the salt of the hash of their email in the credential (with it
            # they prove the address is theirs); empty before their first download.
            "open_badge_email_salt": c.badge_salt,
        }
        for c in Certificate.objects.filter(user=user).order_by("issued_at", "pk")
    ]


def personal_data_erase_certificates(user) -> None:
    """Eraser: the PDFs go and the copied name is blanked, and so does the Open Badges salt
    (no credential can be downloaded again; the status bit stays, so credentials already
    handed out still show a revocation). The records stay (serials are never reused,
    statistics still add up) and their verification pages name nobody."""
    for certificate in Certificate.objects.filter(user=user):
        if certificate.pdf:
            certificate.pdf.storage.delete(certificate.pdf.name)
        certificate.pdf = ""
        certificate.holder_name = ""
        certificate.holder_form_of_address = ""
        certificate.badge_salt = ""
        certificate.save(
            update_fields=["pdf", "holder_name", "holder_form_of_address", "badge_salt"]
        )

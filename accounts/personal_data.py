"""What the platform holds about a person, gathered from every app.

Apps register an exporter (and, where they hold personal data, an eraser) in
their AppConfig.ready(), so that a new app cannot be forgotten by the export.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator

Exporter = Callable[[Any], Any]
Eraser = Callable[[Any], None]

_exporters: dict[str, Exporter] = {}
_erasers: dict[str, Eraser] = {}


def register_exporter(section: str, exporter: Exporter) -> None:
    _exporters[section] = exporter


def register_eraser(section: str, eraser: Eraser) -> None:
    _erasers[section] = eraser


def run_erasers(user) -> None:
    for eraser in _erasers.values():
        eraser(user)


def personal_data_export(*, user) -> dict[str, Any]:
    """Everything about `user`, as JSON-serialisable data, one section per app."""
    return {section: exporter(user) for section, exporter in sorted(_exporters.items())}


def export_account(user) -> dict[str, Any]:
    return {
        "email": user.email,
        "given_name": user.first_name,
        "family_name": user.last_name,
        "form_of_address": user.form_of_address,
        "profession": user.profession,
        "sex": user.sex,
        "service_entry_year": user.service_entry_year,
        "preferred_language": user.preferred_language,
        "date_joined": user.date_joined.isoformat(),
        "last_login": user.last_login.isoformat() if user.last_login else None,
        "email_addresses": [
            {"email": e.email, "verified": e.verified, "primary": e.primary}
            for e in EmailAddress.objects.filter(user=user)
        ],
        "mfa_methods": sorted(
            Authenticator.objects.filter(user=user).values_list("type", flat=True)
        ),
        "roles": [
            {
                "role": a.role,
                "institution": a.institution.code if a.institution_id else None,
                "granted_at": a.granted_at.isoformat(),
            }
            for a in user.role_assignments.select_related("institution")
        ],
    }


def export_memberships(user) -> list[dict[str, Any]]:
    return [
        {
            "institution": m.institution.code,
            "institution_name": m.institution.name_sr,
            "started_at": m.started_at.isoformat(),
            "ended_at": m.ended_at.isoformat() if m.ended_at else None,
        }
        for m in user.memberships.select_related("institution")
    ]

"""A person's own entries in the audit log: shown in their export, de-named on erasure.

The entries themselves stay (they are the record that the erasure, among other things,
happened), but no longer carry the person's name or address.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from .models import AuditEvent


def _about(user) -> Q:
    return Q(actor=user) | Q(target_type=user._meta.label_lower, target_id=str(user.pk))


def export_audit_events(user) -> list[dict[str, Any]]:
    return [
        {
            "at": e.at.isoformat(),
            "action": e.action,
            "ip": e.ip,
            "details": e.details,
        }
        for e in AuditEvent.objects.filter(_about(user)).order_by("at", "pk")
    ]


def erase_audit_names(user) -> None:
    placeholder = f"erased-{user.pk}"
    AuditEvent.objects.filter(actor=user).update(actor_repr=placeholder)
    AuditEvent.objects.filter(target_type=user._meta.label_lower, target_id=str(user.pk)).update(
        target_repr=placeholder
    )
    # A failed sign-in keeps the address typed; the person's own address goes.
    for event in AuditEvent.objects.filter(
        action="login_failed", details__login__iexact=user.email
    ).only("pk", "details"):
        event.details = {**event.details, "login": placeholder}
        event.save(update_fields=["details"])

"""The audit app's public face: other apps record security-relevant actions through here.
Import this module, not audit's internals.

- `audit_record(*, action, actor=None, target=None, request=None, details=None)`: write one
  event, inside the transaction of the change it records. `AuditAction`: the actions.
- `client_ip(request)`: the client's address as allauth's rate limits see it.
- `AuditEvent`, `CSPReport`: the models (read by the admin screens in accounts).
- `export_audit_events(user)`, `erase_audit_names(user)`: a person's entries, for the
  personal-data export and erasure (registered by accounts, which sits above audit).
"""

from __future__ import annotations

import ipaddress
from typing import Any

from allauth.account.adapter import get_adapter
from django.core.exceptions import PermissionDenied

from .context import current_request
from .models import AuditAction, AuditEvent, CSPReport
from .personal_data import erase_audit_names, export_audit_events

__all__ = [
    "AuditAction",
    "AuditEvent",
    "CSPReport",
    "audit_record",
    "client_ip",
    "erase_audit_names",
    "export_audit_events",
]


def client_ip(request) -> str | None:
    """The client's address, as allauth's rate limits see it (so one trusted-proxy setting,
    ALLAUTH_TRUSTED_PROXY_COUNT / ALLAUTH_TRUSTED_CLIENT_IP_HEADER, governs both)."""
    if request is None or not hasattr(request, "META"):
        return None
    try:
        value = get_adapter(request).get_client_ip(request)
    except PermissionDenied:
        return None
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def _describe(obj: Any) -> tuple[str, str, str]:
    if obj is None:
        return "", "", ""
    meta = getattr(obj, "_meta", None)
    target_type = meta.label_lower if meta else type(obj).__name__
    target_id = str(getattr(obj, "pk", "") or "")
    return target_type, target_id, str(obj)[:255]


def audit_record(
    *,
    action: str,
    actor=None,
    target=None,
    request=None,
    details: dict | None = None,
) -> AuditEvent:
    """Write one audit event.

    `request` defaults to the request being served (see audit.context); `actor` defaults to
    that request's signed-in user. Call it inside the transaction of the change it records,
    so that a rolled-back change leaves no entry.
    """
    action = AuditAction(action)
    request = request if request is not None else current_request()
    if actor is None and request is not None:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            actor = user
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    target_type, target_id, target_repr = _describe(target)
    return AuditEvent.objects.create(
        action=action,
        actor=actor,
        actor_repr=(getattr(actor, "email", "") or str(actor))[:255] if actor else "",
        target_type=target_type,
        target_id=target_id,
        target_repr=target_repr,
        ip=client_ip(request),
        details=details or {},
    )

"""The audit app's public face: other apps record security-relevant actions through here."""

from __future__ import annotations

import ipaddress
from typing import Any

from django.core.exceptions import PermissionDenied

from .context import current_request
from .models import AuditAction, AuditEvent

__all__ = ["AuditAction", "audit_record"]


def client_ip(request) -> str | None:
    """The client's address, as allauth's rate limits see it (so one trusted-proxy setting,
    ALLAUTH_TRUSTED_PROXY_COUNT / ALLAUTH_TRUSTED_CLIENT_IP_HEADER, governs both)."""
    if request is None or not hasattr(request, "META"):
        return None
    from allauth.account.adapter import get_adapter

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

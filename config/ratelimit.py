"""A per-client limit on anonymous requests, counted in the shared cache (Redis in production).

A fixed window per client address and scope: at most `limit` requests per `window` seconds.
The client's address comes from allauth's adapter, so the same trusted-proxy setting governs
sign-in limits and these. Used by certificate verification and CSP violation reports.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache


def client_key(request, *, scope: str) -> str:
    from allauth.account.adapter import get_adapter

    address = get_adapter(request).get_client_ip(request) or "unknown"
    digest = hashlib.sha256(address.encode()).hexdigest()[:32]
    return f"{scope}:{digest}"


def client_request_allowed(request, *, scope: str, limit: int, window: int) -> bool:
    """Count this request; False once the client is over `limit` for this window."""
    key = client_key(request, scope=scope)
    if cache.add(key, 1, timeout=window):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window)
        return True
    return count <= limit

"""A per-client limit on public look-ups, counted in the shared cache (Redis in production).

A fixed window per client address: at most CERTIFICATE_VERIFY_RATE_LIMIT look-ups per
CERTIFICATE_VERIFY_RATE_WINDOW seconds. The client's address comes from allauth's adapter,
so the same trusted-proxy setting governs sign-in limits and these.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache


def _client_key(request) -> str:
    from allauth.account.adapter import get_adapter

    address = get_adapter(request).get_client_ip(request) or "unknown"
    digest = hashlib.sha256(address.encode()).hexdigest()[:32]
    return f"certificates:verify:{digest}"


def verify_lookup_allowed(request) -> bool:
    """Count this look-up; False once the client is over the limit for this window."""
    key = _client_key(request)
    window = settings.CERTIFICATE_VERIFY_RATE_WINDOW
    if cache.add(key, 1, timeout=window):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window)
        return True
    return count <= settings.CERTIFICATE_VERIFY_RATE_LIMIT

"""A per-client limit on public look-ups (config.ratelimit): at most
CERTIFICATE_VERIFY_RATE_LIMIT look-ups per CERTIFICATE_VERIFY_RATE_WINDOW seconds."""

from __future__ import annotations

from django.conf import settings

from config.ratelimit import client_request_allowed


def verify_lookup_allowed(request) -> bool:
    """Count this look-up; False once the client is over the limit for this window."""
    return client_request_allowed(
        request,
        scope="certificates:verify",
        limit=settings.CERTIFICATE_VERIFY_RATE_LIMIT,
        window=settings.CERTIFICATE_VERIFY_RATE_WINDOW,
    )

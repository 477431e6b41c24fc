"""Per-client limits on public requests, counted by django-ratelimit in the default cache
(Redis in production, so every app server sees the same counts).

The client is its address as allauth's own rate limits see it, so one trusted-proxy setting
(ALLAUTH_TRUSTED_PROXY_COUNT) governs sign-in limits and these. Each group counts in fixed
windows: at most `limit` requests per `window` seconds. Used by certificate verification, the
case-law CSV export and CSP violation reports.
"""

from __future__ import annotations

from allauth.account.adapter import get_adapter
from django_ratelimit.core import get_usage


def client_address(group: str, request) -> str:
    """django-ratelimit's key for a request: the client's address."""
    return get_adapter(request).get_client_ip(request)


def retry_after(request, *, group: str, limit: int, window: int, count: bool = True) -> int | None:
    """Count this request (only look when `count` is False). None while the client is within
    `limit` requests per `window` seconds; past it, the seconds until it may try again."""
    usage = get_usage(
        request, group=group, key=client_address, rate=(limit, window), increment=count
    )
    if usage is None or not usage["should_limit"]:
        return None
    return max(usage["time_left"], 1)

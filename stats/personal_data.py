"""A person's API tokens and report subscriptions: exported on request, ended on erasure
(an erased account must neither reach the API nor receive reports)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from .models import ApiToken, ReportSubscription


def _iso(value):
    return value.isoformat() if value else None


def personal_data_statistics(user) -> dict[str, Any]:
    return {
        "api_tokens": [
            {
                "name": t.name,
                "starts_with": t.prefix,
                "created_at": _iso(t.created_at),
                "last_used_at": _iso(t.last_used_at),
                "revoked_at": _iso(t.revoked_at),
                "expires_at": _iso(t.expires_at),
            }
            for t in ApiToken.objects.filter(user=user).order_by("created_at")
        ],
        "report_subscriptions": [
            {
                "frequency": s.frequency,
                "view": s.view,
                "filters": s.params,
                "created_at": _iso(s.created_at),
                "last_sent_at": _iso(s.last_sent_at),
            }
            for s in ReportSubscription.objects.filter(user=user).order_by("created_at")
        ],
    }


def personal_data_erase_statistics(user) -> None:
    ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())
    ReportSubscription.objects.filter(user=user).delete()

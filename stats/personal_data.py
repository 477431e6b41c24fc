"""A person's API tokens, report subscriptions and programme reports: exported on request,
ended on erasure (an erased account must neither reach the API nor receive reports; its
programme reports and their files are deleted)."""

from __future__ import annotations

import functools
from typing import Any

from django.db import transaction
from django.utils import timezone

from .models import ApiToken, ProgrammeReport, ReportSubscription


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
        "programme_reports": [
            {
                "period_start": _iso(r.period_start),
                "period_end": _iso(r.period_end),
                "scope": r.scope,
                "status": r.status,
                "requested_at": _iso(r.created_at),
                "finished_at": _iso(r.finished_at),
            }
            for r in ProgrammeReport.objects.filter(requested_by=user).order_by("created_at")
        ],
    }


def personal_data_erase_statistics(user) -> None:
    ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())
    ReportSubscription.objects.filter(user=user).delete()
    for report in ProgrammeReport.objects.filter(requested_by=user):
        if report.file:
            # The file goes once the erasure is committed (a rollback keeps both).
            storage, name = report.file.storage, report.file.name
            transaction.on_commit(functools.partial(storage.delete, name))
        report.delete()

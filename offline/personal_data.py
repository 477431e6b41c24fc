"""A person's offline records, for the personal-data export and erasure (accounts): the
"Mark as done" records their devices sent, with what became of each."""

from __future__ import annotations

from typing import Any

from .models import OfflineCompletion


def export_offline_completions(user) -> dict[str, Any]:
    return {
        "completions": [
            {
                "record_id": str(row.record_id),
                "page_id": row.page_id,
                "done_at": row.done_at.isoformat(),
                "received_at": row.received_at.isoformat(),
                "status": row.status,
                "reason": row.reason,
            }
            for row in OfflineCompletion.objects.filter(user=user).order_by("received_at", "pk")
        ]
    }


def erase_offline_completions(user) -> None:
    OfflineCompletion.objects.filter(user=user).delete()

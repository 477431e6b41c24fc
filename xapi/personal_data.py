"""A person's xAPI statements, for the personal-data export and erasure (accounts).

The export lists the name the person goes by in the LRS and every statement kept here, sent
or not, so that the person (or the ministry, at their request) can find them in the LRS.
Erasure deletes the statements not yet sent, the copies of those sent, and the link between
the person and their xAPI name: what the LRS holds is then about a name nobody can trace back
through us. Statements already in the LRS are erased there by whoever runs it (docs/xapi.md)."""

from __future__ import annotations

from typing import Any

from .models import LearnerAccount, Statement


def _iso(value):
    return value.isoformat() if value else None


def export_statements(user) -> dict[str, Any]:
    account = LearnerAccount.objects.filter(user=user).first()
    return {
        "account_name": str(account.name) if account else None,
        "statements": [
            {
                "id": str(s.statement_id),
                "status": s.status,
                "created_at": _iso(s.created_at),
                "sent_at": _iso(s.sent_at),
                "attempts": s.attempts,
                "statement": s.payload,
            }
            for s in Statement.objects.filter(user=user).order_by("created_at", "pk")
        ],
    }


def erase_statements(user) -> None:
    Statement.objects.filter(user=user).delete()
    LearnerAccount.objects.filter(user=user).delete()

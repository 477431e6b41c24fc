"""A person's registrations and attendance, for the personal-data export
(accounts.personal_data).

Erasure keeps them: they are training records, anonymous once the account's identity is
erased, and the programme's figures (people trained) rest on them. Emails are no longer
sent to an erased account (`trainings.mail`)."""

from __future__ import annotations

from typing import Any

from .models import Attendance, Registration


def _iso(value):
    return value.isoformat() if value else None


def personal_data_trainings(user) -> dict[str, Any]:
    registrations = Registration.objects.filter(user=user).select_related("training")
    attendance = Attendance.objects.filter(registration__user=user).select_related(
        "session", "registration__training"
    )
    return {
        "registrations": [
            {
                "training": r.training.title,
                "state": r.state,
                "nominated": r.nominated_by_id is not None,
                "registered_at": _iso(r.created_at),
                "completed_at": _iso(r.completed_at),
            }
            for r in registrations.order_by("created_at", "pk")
        ],
        "attendance": [
            {
                "training": a.registration.training.title,
                "session_starts_at": _iso(a.session.starts_at),
                "attendance": a.mark,
                "marked_by": a.marked_by,
            }
            for a in attendance.order_by("session__starts_at", "pk")
        ],
    }

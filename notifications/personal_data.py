"""A person's notifications and email choices, for their personal-data export and erasure."""

from __future__ import annotations

from .models import Notification, NotificationPreference


def personal_data_notifications(user) -> dict:
    return {
        "email_choices": [
            {"kind": p.kind, "by_email": p.email, "changed_at": p.changed_at.isoformat()}
            for p in NotificationPreference.objects.filter(user=user).order_by("kind")
        ],
        "messages": [
            {
                "kind": n.kind,
                "text": n.text,
                "link": n.link,
                "created_at": n.created_at.isoformat(),
                "read_at": n.read_at.isoformat() if n.read_at else None,
            }
            for n in Notification.objects.filter(user=user).order_by("pk")
        ],
    }


def erase_notifications(user) -> None:
    """The messages (which may name what the person was required to do) and choices go."""
    Notification.objects.filter(user=user).delete()
    NotificationPreference.objects.filter(user=user).delete()

"""Reads of notifications: whether a person takes a kind of email, and their unread
messages."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet

from .models import Notification, NotificationPreference

# How many unread messages My learning shows (the newest).
SHOWN_UNREAD = 20


def email_allowed(user, kind: str, mandatory: bool = False) -> bool:
    """Whether `user` receives `kind` by email: always when the message is mandatory (a
    plan that makes its reminders so), otherwise unless they turned it off."""
    if mandatory:
        return True
    return not NotificationPreference.objects.filter(user=user, kind=kind, email=False).exists()


def users_refusing_email(*, kind: str, user_ids: Iterable[int]) -> set[int]:
    """Those of `user_ids` who turned `kind` off (one query, for sending in bulk)."""
    return set(
        NotificationPreference.objects.filter(
            kind=kind, email=False, user_id__in=list(user_ids)
        ).values_list("user_id", flat=True)
    )


def email_choices_of(user) -> dict[str, bool]:
    """Kind → whether `user` takes it by email, for the kinds they chose."""
    return dict(NotificationPreference.objects.filter(user=user).values_list("kind", "email"))


def unread_of(user) -> QuerySet[Notification]:
    return Notification.objects.filter(user=user, read_at__isnull=True)

"""Writes of notifications: people's email choices, messages on the site, and marking them
read. Every change of a person's messages moves their cached My learning page."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from pagecache.api import learner_changed

from .models import Notification, NotificationPreference

TEXT_MAX = Notification._meta.get_field("text").max_length
LINK_MAX = Notification._meta.get_field("link").max_length


def _fit(text: str, limit: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def notification_create(*, user, kind: str, text: str, link: str = "") -> Notification:
    """A message on `user`'s My learning (write `text` in their language)."""
    notification = Notification.objects.create(
        user=user, kind=kind, text=_fit(text, TEXT_MAX), link=link[:LINK_MAX]
    )
    learner_changed(user.pk)
    return notification


def notification_mark_read(*, notification: Notification) -> None:
    if notification.read_at is None:
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=timezone.now()
        )
        learner_changed(notification.user_id)


def notifications_mark_all_read(*, user) -> int:
    marked = Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    if marked:
        learner_changed(user.pk)
    return marked


@transaction.atomic
def email_choices_save(*, user, choices: dict[str, bool]) -> None:
    """Record `user`'s choice for each kind in `choices` (kind → takes it by email)."""
    for kind, email in choices.items():
        NotificationPreference.objects.update_or_create(
            user=user, kind=kind, defaults={"email": bool(email)}
        )

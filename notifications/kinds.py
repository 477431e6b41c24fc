"""The kinds of email people may turn off in their profile. Each app that sends one
registers it from its AppConfig.ready() and asks `email_allowed` before sending, so that the
profile offers only choices that are honoured:

    register_email_kind("plan_reminder", _("Reminders of required training"))
"""

from __future__ import annotations

from django.utils.functional import Promise

_KINDS: dict[str, str | Promise] = {}


def register_email_kind(kind: str, label: str | Promise) -> None:
    if len(kind) > 40:
        raise ValueError(f"a notification kind has at most 40 characters: {kind}")
    _KINDS[kind] = label


def email_kinds() -> dict[str, str | Promise]:
    """Kind → its label, in the order they were registered."""
    return dict(_KINDS)

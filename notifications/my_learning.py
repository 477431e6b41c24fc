"""The learner's unread messages, as a part of My learning. Notifications sit below courses
(every app may use them), so they do not register the section themselves: an app above
courses wraps this in `courses.api.LearningSection` (plans do, in their AppConfig.ready())."""

from __future__ import annotations

from .selectors import SHOWN_UNREAD, unread_of

TEMPLATE = "notifications/_my_learning.html"


def my_notifications(user) -> tuple[str, dict] | None:
    """(template, context) of `user`'s unread messages, or None when there are none. Two
    queries: the newest unread, and their number when more are waiting."""
    shown = list(unread_of(user)[: SHOWN_UNREAD + 1])
    if not shown:
        return None
    more = unread_of(user).count() - SHOWN_UNREAD if len(shown) > SHOWN_UNREAD else 0
    return TEMPLATE, {"notifications": shown[:SHOWN_UNREAD], "more": more}

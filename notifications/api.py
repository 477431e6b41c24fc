"""What other apps may use of notifications. Import this module, not notifications'
internals. Notifications sit just above accounts, so that every app may use them.

Email choices (people turn kinds of email off in their profile)
- `register_email_kind(kind, label)`: a kind of email an app sends, offered in the profile
  (call it from the app's AppConfig.ready(); kinds have at most 40 characters).
- `email_allowed(user, kind, mandatory=False)`: whether to email `user` this kind (always
  when `mandatory`); `users_refusing_email(*, kind, user_ids)`: those who turned it off
  (one query, for sending in bulk).

Messages on the site
- `notification_create(*, user, kind, text, link="")`: a message on the person's My learning,
  written in their language; `Notification`, `NotificationPreference`: the models.
- `my_notifications(user)`: (template, context) of the unread messages for My learning, or
  None; an app above courses registers it as a section (plans do).
"""

from .kinds import email_kinds, register_email_kind
from .models import Notification, NotificationPreference
from .my_learning import my_notifications
from .selectors import email_allowed, users_refusing_email
from .services import notification_create

__all__ = [
    "Notification",
    "NotificationPreference",
    "email_allowed",
    "email_kinds",
    "my_notifications",
    "notification_create",
    "register_email_kind",
    "users_refusing_email",
]

"""What plans connect when the app is ready: people's changes reach the plans' rules, a
person's assignments are part of their personal-data export, plans' sections of My learning
(with the notifications' one: notifications sit below courses and cannot register it), and
the kinds of email plans send, which people may turn off in their profile."""

from django.utils.translation import gettext_lazy as _

from accounts.api import people_changed, register_exporter
from courses.api import LearningSection, register_learning_section
from notifications.api import my_notifications, register_email_kind

from .my_learning import my_plans_section
from .personal_data import personal_data_plans
from .reminders import KIND_DIGEST, KIND_REMINDER
from .services import people_changed_follow


def notifications_section(user) -> LearningSection | None:
    found = my_notifications(user)
    return None if found is None else LearningSection(*found)


def connect() -> None:
    people_changed.connect(people_changed_follow, dispatch_uid="plans.people_changed_follow")
    register_exporter("plans", personal_data_plans)
    register_learning_section("notifications", notifications_section)
    register_learning_section("plans", my_plans_section)
    register_email_kind(KIND_REMINDER, _("Reminders of training required of me"))
    register_email_kind(
        KIND_DIGEST, _("Weekly list of my institutions' people late with required training")
    )

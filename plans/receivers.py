"""What plans connect when the app is ready: people's changes reach the plans' rules, and a
person's assignments are part of their personal-data export."""

from accounts.api import people_changed, register_exporter
from courses.api import register_learning_section

from .my_learning import my_plans_section
from .personal_data import personal_data_plans
from .services import people_changed_follow


def connect() -> None:
    people_changed.connect(people_changed_follow, dispatch_uid="plans.people_changed_follow")
    register_exporter("plans", personal_data_plans)
    register_learning_section("plans", my_plans_section)

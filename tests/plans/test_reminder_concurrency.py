"""Two schedulers running at once never send a reminder or a digest twice.

PostgreSQL only: SQLite serialises every writer, so it cannot show a race.
"""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from accounts.factories import UserFactory
from accounts.models import Role
from courses.factories import course_with_lessons
from notifications.models import Notification
from plans.factories import plan_with
from plans.models import DigestSent, ReminderSent
from plans.reminders import digests_send, plans_remind
from plans.services import plan_apply
from tests.concurrency import run_at_once

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="concurrency needs PostgreSQL (DATABASE_URL=postgres://…); SQLite has one writer",
    ),
]


def test_concurrent_schedulers_send_each_reminder_and_digest_once(tree):
    course = course_with_lessons(modules=1, lessons=1)
    people = [UserFactory(institution=tree["station_bg"]) for _ in range(20)]
    manager = UserFactory(
        institution=tree["belgrade"], roles=[(Role.INSTITUTION_MANAGER, tree["belgrade"])]
    )
    plan = plan_with(
        institutions=[tree["station_bg"]],
        courses=[course],
        due_date=timezone.localdate() - timedelta(days=3),
    )
    plan_apply(plan=plan)
    mail.outbox.clear()

    results = run_at_once([plans_remind] * 4)
    assert sum(r.reminders for r in results) == 20
    assert ReminderSent.objects.count() == 20
    reminded = sorted(m.to[0] for m in mail.outbox)
    assert reminded == sorted(p.email for p in people)  # each person once

    mail.outbox.clear()
    digests = run_at_once([lambda: digests_send(force=True)] * 4)
    assert sum(digests) == 1
    assert DigestSent.objects.filter(manager=manager).count() == 1
    assert [m.to for m in mail.outbox] == [[manager.email]]
    assert Notification.objects.filter(user=manager).count() == 1

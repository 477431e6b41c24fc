"""Reminders of training plans: each step of the schedule once and only once, only to people
with an open assignment who are not compliant, by email unless they turned it off (and the
plan does not make it mandatory), in their language and script; and the managers' weekly
digest of their own subtree's overdue people."""

from datetime import datetime, timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from accounts.factories import UserFactory
from accounts.models import Role
from courses.factories import course_with_lessons
from notifications.models import Notification
from notifications.services import email_choices_save
from plans.factories import plan_with
from plans.models import Assignment, DigestSent, ReminderSent
from plans.reminders import (
    KIND_DIGEST,
    KIND_REMINDER,
    digests_send,
    plan_reminders_send,
    plan_steps,
    plans_remind,
)
from plans.services import plan_apply, plan_end
from tests.certificates.conftest import complete_course
from tests.conftest import in_serbian

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

DAY = timedelta(days=1)


@pytest.fixture
def course(db):
    return course_with_lessons(modules=1, lessons=1, title="Identifikacija žrtava")


def _plan(tree, course, *, mandatory=True, **kwargs):
    plan = plan_with(
        name="Granična policija: identifikacija",
        institutions=[tree["belgrade"]],
        courses=[course],
        **kwargs,
    )
    plan.reminders_mandatory = mandatory
    plan.save()
    plan_apply(plan=plan)
    return plan


def _due(user, plan):
    return Assignment.objects.get(user=user, plan=plan).due_at


def _steps_sent(user):
    return sorted(ReminderSent.objects.filter(assignment__user=user).values_list("step", flat=True))


def test_the_default_schedule_is_30_and_7_days_before_and_1_and_14_after(tree, course):
    assert plan_steps(_plan(tree, course)) == [-30, -7, 1, 14]


def test_each_step_is_sent_once_and_only_once(tree, course, learner):
    plan = _plan(tree, course, due_within_days=40)
    due = _due(learner, plan)
    moments = [
        (due - 31 * DAY, 0),  # before the first step
        (due - 30 * DAY, 1),  # 30 days before
        (due - 29 * DAY, 0),
        (due - 7 * DAY, 1),  # 7 days before
        (due - 6 * DAY, 0),
        (due + 1 * DAY, 1),  # a day late
        (due + 2 * DAY, 0),
        (due + 14 * DAY, 1),  # two weeks late
        (due + 60 * DAY, 0),  # nothing after the last step
    ]
    for now, expected in moments:
        for run in range(2):  # a rerun sends nothing
            sent = plans_remind(now=now)
            assert sent.reminders == (expected if run == 0 else 0), now - due
    assert _steps_sent(learner) == [-30, -7, 1, 14]
    assert len(mail.outbox) == 4
    assert [m.to for m in mail.outbox] == [[learner.email]] * 4
    assert Notification.objects.filter(user=learner, kind=KIND_REMINDER).count() == 4


def test_a_step_already_past_when_assigned_is_not_sent_late(tree, course, learner):
    plan = _plan(tree, course, due_within_days=5)
    plans_remind()
    # The 30-day step had passed before the person was assigned: only the 7-day one.
    assert _steps_sent(learner) == [-7]
    # In the learner's language (Serbian Latin here).
    assert "za 5 dana" in mail.outbox[0].body or "za 4 dana" in mail.outbox[0].body
    plans_remind(now=_due(learner, plan) + 30 * DAY)
    assert _steps_sent(learner) == [-7, 14]  # the day-late step is skipped, not sent late


def test_not_sent_to_compliant_people_or_closed_assignments(tree, course, committed):
    done, moved, holder = (UserFactory(institution=tree["station_bg"]) for _ in "abc")
    plan = _plan(tree, course, due_within_days=10)
    with committed():
        complete_course(user=done, course=course)
    Assignment.objects.filter(plan=plan, user=moved).update(closed_at=timezone.now())
    Assignment.objects.filter(plan=plan, user=holder).delete()
    ended = _plan(tree, course, due_within_days=10)
    Assignment.objects.filter(plan=ended).exclude(user=holder).delete()
    plan_end(plan=ended, by=None)
    assert Assignment.objects.filter(user=holder, closed_at__isnull=False).exists()
    plans_remind(now=timezone.now() + 11 * DAY)
    assert ReminderSent.objects.count() == 0
    assert mail.outbox == []


def test_a_person_who_turned_reminders_off_gets_only_the_message_on_the_site(tree, course, learner):
    email_choices_save(user=learner, choices={KIND_REMINDER: False})
    _plan(tree, course, due_within_days=5, mandatory=False)
    assert plans_remind().reminders == 1
    assert mail.outbox == []
    assert ReminderSent.objects.get().emailed is False
    notification = Notification.objects.get(user=learner)
    assert "Granična policija: identifikacija" in notification.text
    assert notification.link == "/sr-latn/learning/"  # their language, not the runner's


def test_a_mandatory_plan_emails_those_who_turned_reminders_off(tree, course, learner):
    email_choices_save(user=learner, choices={KIND_REMINDER: False})
    _plan(tree, course, due_within_days=5)  # mandatory by default
    plans_remind()
    assert [m.to for m in mail.outbox] == [[learner.email]]
    assert in_serbian("Your institution makes these reminders mandatory.") in mail.outbox[0].body
    assert in_serbian("Your institution makes these reminders mandatory.") != (
        "Your institution makes these reminders mandatory."
    )


def test_the_email_is_in_the_recipients_language_and_script(tree, course):
    cyrillic, latin, english = (
        UserFactory(institution=tree["station_bg"], preferred_language=language)
        for language in ("sr", "sr-latn", "en")
    )
    _plan(tree, course, due_within_days=5)
    plans_remind()
    by_person = {m.to[0]: m for m in mail.outbox}
    cyr, lat, eng = (by_person[u.email] for u in (cyrillic, latin, english))
    assert "Поштовани/а" in cyr.body
    assert "Гранична полиција: идентификација" in cyr.subject + cyr.body
    assert "Идентификација жртава" in cyr.body
    assert "/sr/learning/" in cyr.body
    assert "Poštovani/a" in lat.body
    assert "Granična policija: identifikacija" in lat.subject
    assert "Идентификација" not in lat.body
    assert "/sr-latn/learning/" in lat.body
    assert eng.body.startswith("Dear ")
    assert "/en/learning/" in eng.body
    # The message on the site is written in their script too.
    assert "Гранична полиција" in Notification.objects.get(user=cyrillic).text


def test_names_of_people_are_never_transliterated(tree, course):
    person = UserFactory(
        institution=tree["station_bg"], preferred_language="sr", first_name="Jovan"
    )
    _plan(tree, course, due_within_days=5)
    plans_remind()
    assert mail.outbox[0].to == [person.email]
    assert "Jovan" in mail.outbox[0].body


# --- The managers' digest ------------------------------------------------------------------


@pytest.fixture
def overdue(tree, course):
    """A national plan due yesterday; one late person in Belgrade, one in Niš, one in time."""
    plan = plan_with(
        name="Identifikacija za policiju",
        institutions=[tree["ministry"]],
        courses=[course],
        due_date=timezone.localdate() - DAY,
    )
    late_bg = UserFactory(
        institution=tree["station_bg"], first_name="Milica", last_name="Beogradska"
    )
    late_ni = UserFactory(institution=tree["station_ni"], first_name="Nikola", last_name="Niški")
    plan_apply(plan=plan)
    return {"plan": plan, "late_bg": late_bg, "late_ni": late_ni}


def _manager(institution, **kwargs):
    return UserFactory(
        institution=institution, roles=[(Role.INSTITUTION_MANAGER, institution)], **kwargs
    )


def test_the_digest_lists_only_the_managers_subtree(tree, overdue):
    manager_bg = _manager(tree["belgrade"])
    manager_ni = _manager(tree["nis"])
    mail.outbox.clear()
    assert digests_send(force=True) == 2
    digest = {m.to[0]: m.body for m in mail.outbox}
    assert "Milica Beogradska" in digest[manager_bg.email]
    assert "Niški" not in digest[manager_bg.email]
    assert "Nikola Niški" in digest[manager_ni.email]
    assert "Beogradska" not in digest[manager_ni.email]
    assert "Identifikacija za policiju" in digest[manager_bg.email]
    assert Notification.objects.filter(user=manager_bg, kind=KIND_DIGEST).count() == 1


def test_the_digest_is_sent_once_a_week_from_the_configured_weekday(settings, tree, overdue):
    settings.PLAN_DIGEST_WEEKDAY = 3  # Thursday
    manager = _manager(tree["belgrade"])
    mail.outbox.clear()
    monday = timezone.make_aware(datetime(2031, 3, 3, 8, 0))
    assert monday.weekday() == 0
    assert digests_send(now=monday) == 0
    assert digests_send(now=monday + 3 * DAY) == 1  # Thursday
    assert digests_send(now=monday + 3 * DAY) == 0  # again
    assert digests_send(now=monday + 4 * DAY) == 0  # Friday, same week
    assert digests_send(now=monday + 7 * DAY) == 0  # next Monday: before Thursday
    assert digests_send(now=monday + 8 * DAY) == 0  # next Tuesday
    assert digests_send(now=monday + 10 * DAY) == 1  # next Thursday
    assert list(DigestSent.objects.filter(manager=manager).values_list("week", flat=True)) == [
        monday.date(),
        monday.date() + 7 * DAY,
    ]


def test_a_manager_with_nobody_late_gets_no_digest(tree, course):
    _manager(tree["belgrade"])
    _plan(tree, course, due_within_days=30)
    assert digests_send(force=True) == 0
    assert mail.outbox == []


def test_the_digest_is_in_the_managers_language_and_script(tree, overdue):
    manager = _manager(tree["belgrade"], preferred_language="sr")
    mail.outbox.clear()
    digests_send(force=True)
    body = mail.outbox[0].body
    assert "Идентификација за полицију" in body
    assert "Milica Beogradska" in body  # a name as its owner wrote it
    assert manager.email == mail.outbox[0].to[0]


def test_the_command_sends_reminders_and_the_digest(tree, overdue):
    _manager(tree["belgrade"])
    out = StringIO()
    call_command("send_plan_reminders", "--digest=now", stdout=out)
    assert "2 reminder(s) (2 by email), 1 digest(s)." in out.getvalue()
    out = StringIO()
    call_command("send_plan_reminders", "--digest=now", stdout=out)
    assert "0 reminder(s) (0 by email), 0 digest(s)." in out.getvalue()


def test_the_task_runs_the_same(tree, overdue):
    from plans.reminders import plan_reminders_task

    result = plan_reminders_task.enqueue(digest="skip")
    assert result.return_value == "2 reminders (2 by email), 0 digests"
    assert plan_reminders_send(digest="skip").reminders == 0


def test_reminders_and_digests_are_in_the_personal_data_export(tree, overdue):
    from accounts.personal_data import personal_data_export

    manager = _manager(tree["belgrade"])
    plan_reminders_send(digest="now")
    mine = personal_data_export(user=overdue["late_bg"])["plans"]
    assert [r["plan"] for r in mine["reminders"]] == ["Identifikacija za policiju"]
    assert mine["reminders"][0]["by_email"] is True
    digests = personal_data_export(user=manager)["plans"]["overdue_digests_received"]
    assert digests[0]["people"] == 1

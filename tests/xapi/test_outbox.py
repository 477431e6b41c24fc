"""The outbox: which events write statements, in their own transaction, never sending from
a learner's request; off without an LRS; personal data. (Sending to a real LRS:
test_ralph.py.)"""

import uuid
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.factories import UserFactory
from accounts.personal_data import personal_data_export
from accounts.services import personal_data_erase
from courses.factories import course_with_lessons
from courses.models import LessonPage
from courses.services import enrolment_create, enrolments_create_for_people, step_complete
from trainings.attendance import check_in
from trainings.factories import training_with_sessions
from trainings.models import Registration, RegistrationState
from xapi import receivers
from xapi.models import LearnerAccount, Statement, StatementStatus
from xapi.services import BACKOFF_MAX, backoff, statements_send_task
from xapi.statements import statement_uuid

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def test_without_an_lrs_no_statement_is_written(settings, learner):
    settings.XAPI_LRS_ENDPOINT = ""
    enrolment, _ = enrolment_create(user=learner, course=course_with_lessons())
    step_complete(enrolment=enrolment, page=LessonPage.objects.first())
    assert not Statement.objects.exists()
    assert not LearnerAccount.objects.exists()
    out = StringIO()
    call_command("xapi_send", stdout=out)
    assert "xAPI is off" in out.getvalue()


def test_the_same_event_is_one_statement_with_a_stable_id(dead_lrs, learner):
    course = course_with_lessons()
    enrolment, created = enrolment_create(user=learner, course=course)
    again, created_again = enrolment_create(user=learner, course=course)
    assert (created, created_again, again.pk) == (True, False, enrolment.pk)
    row = Statement.objects.get()
    assert row.statement_id == statement_uuid(f"registered:enrolment:{enrolment.pk}")
    # Built again (as a retried receiver would), the event gives the same id: still one row.
    _, statement = receivers.registered(enrolment)
    assert statement["id"] == str(row.statement_id)
    receivers.on_enrolment_saved(instance=enrolment, created=True)
    assert Statement.objects.count() == 1
    assert uuid.UUID(statement["id"]).version == 5


def test_a_learners_request_writes_rows_and_leaves_sending_to_the_worker(
    dead_lrs, learner, django_capture_on_commit_callbacks
):
    course = course_with_lessons(modules=1, lessons=2)
    with django_capture_on_commit_callbacks() as callbacks:
        enrolment, _ = enrolment_create(user=learner, course=course)
        for lesson in LessonPage.objects.descendant_of(course):
            step_complete(enrolment=enrolment, page=lesson)
    # registered, experienced twice, completed: written, not one of them tried yet.
    assert sorted(Statement.objects.values_list("verb", flat=True)) == [
        "completed",
        "experienced",
        "experienced",
        "registered",
    ]
    assert set(Statement.objects.values_list("attempts", "last_error")) == {(0, "")}
    # One sending task for the transaction, however many statements it wrote.
    ours = [c for c in callbacks if getattr(c, "xapi_send", False)]
    assert len(ours) == 1
    # After the commit the task runs (here at once): the dead LRS only delays the rows.
    ours[0]()
    assert set(Statement.objects.values_list("status", "attempts")) == {
        (StatementStatus.PENDING, 1)
    }


def test_people_enrolled_in_bulk_are_registered(dead_lrs, learner, other_learner, administrator):
    course = course_with_lessons()
    enrolments_create_for_people(
        users=[learner, other_learner], course=course, enrolled_by=administrator
    )
    rows = Statement.objects.filter(verb="registered")
    assert sorted(rows.values_list("user_id", flat=True)) == sorted([learner.pk, other_learner.pk])


def test_bulk_enrolment_writes_its_statements_in_a_few_queries(dead_lrs, settings, tree):
    """Not a query or two per person: a CSV of hundreds stays one quick request."""
    people = [UserFactory(institution=tree["station_bg"]) for _ in range(12)]
    course = course_with_lessons()

    def queries(users) -> int:
        with CaptureQueriesContext(connection) as captured:
            enrolments_create_for_people(users=users, course=course, enrolled_by=None)
        return len(captured)

    settings.XAPI_LRS_ENDPOINT = ""
    off = queries(people[:6])
    settings.XAPI_LRS_ENDPOINT = dead_lrs
    on = queries(people[6:])
    assert Statement.objects.count() == 6
    assert on - off <= 12


def test_a_participant_checking_in_attended(dead_lrs, learner):
    training = training_with_sessions(sessions=1)
    Registration.objects.create(training=training, user=learner, state=RegistrationState.CONFIRMED)
    session = training.sessions.get()
    session.starts_at = timezone.now() - timedelta(minutes=5)
    session.ends_at = timezone.now() + timedelta(hours=1)
    session.save()
    check_in(session_id=session.pk, key=session.check_in_key, user=learner)
    row = Statement.objects.get()
    assert row.verb == "attended"
    assert row.payload["object"]["id"].endswith(f"#session-{session.pk}")


def test_a_statement_that_cannot_be_built_does_not_stop_the_learner(dead_lrs, learner, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("no URL for this page")

    monkeypatch.setattr(receivers.st, "page_activity", broken)
    enrolment, created = enrolment_create(user=learner, course=course_with_lessons())
    assert created and enrolment.pk
    assert not Statement.objects.exists()


def test_backoff_doubles_and_stops_at_six_hours():
    delays = [backoff(n) for n in range(1, 15)]
    assert delays[:4] == [timedelta(minutes=m) for m in (1, 2, 4, 8)]
    assert delays == sorted(delays)
    assert max(delays) == BACKOFF_MAX == timedelta(hours=6)


def test_the_command_reports_what_a_dead_lrs_kept(dead_lrs, learner):
    enrolment_create(user=learner, course=course_with_lessons())
    out, err = StringIO(), StringIO()
    call_command("xapi_send", stdout=out, stderr=err)
    assert "0 sent, 1 kept for a later try (the LRS did not answer); 1 pending" in out.getvalue()
    assert "last_error" in err.getvalue()


def test_the_task_sends_nothing_without_an_lrs(settings):
    settings.XAPI_LRS_ENDPOINT = ""
    assert statements_send_task.call() == "0 sent, 0 kept for a later try"


def test_statements_are_in_the_export_and_go_with_erasure(dead_lrs, learner, other_learner):
    course = course_with_lessons()
    enrolment_create(user=learner, course=course)
    enrolment_create(user=other_learner, course=course)
    data = personal_data_export(user=learner)["xapi"]
    assert data["account_name"] == str(learner.xapi_account.name)
    assert [s["statement"]["verb"]["id"] for s in data["statements"]] == [
        "http://adlnet.gov/expapi/verbs/registered"
    ]
    assert data["statements"][0]["statement"]["actor"]["account"]["name"] == data["account_name"]

    personal_data_erase(user=learner)
    assert not Statement.objects.filter(user=learner).exists()
    assert not LearnerAccount.objects.filter(user=learner).exists()
    assert Statement.objects.filter(user=other_learner).count() == 1
    assert personal_data_export(user=learner)["xapi"] == {"account_name": None, "statements": []}

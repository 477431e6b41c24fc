"""Attendance by the organiser and by self check-in, and completion from it."""

import shutil
import subprocess
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from courses.factories import course_with_lessons
from courses.models import LessonPage
from courses.services import enrolment_create, step_complete
from trainings.attendance import attendance_mark, check_in, check_in_path
from trainings.factories import training_with_sessions
from trainings.models import Attendance, AttendanceMark, MarkedBy, Registration, RegistrationState
from trainings.services import RegistrationRefused

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def _confirmed(training, user):
    return Registration.objects.create(
        training=training, user=user, state=RegistrationState.CONFIRMED
    )


def _running(training):
    """Move the training's first session to now."""
    session = training.sessions.order_by("starts_at").first()
    session.starts_at = timezone.now() - timedelta(minutes=10)
    session.ends_at = timezone.now() + timedelta(hours=2)
    session.save()
    return session


def test_marks_complete_the_training_at_its_share(administrator, learner):
    training = training_with_sessions(sessions=4, completion_share=75)
    registration = _confirmed(training, learner)
    sessions = list(training.sessions.order_by("starts_at"))
    attendance_mark(
        session=sessions[0], marks={registration.pk: AttendanceMark.PRESENT}, by=administrator
    )
    attendance_mark(
        session=sessions[1], marks={registration.pk: AttendanceMark.PRESENT}, by=administrator
    )
    attendance_mark(
        session=sessions[2], marks={registration.pk: AttendanceMark.PARTLY}, by=administrator
    )
    registration.refresh_from_db()
    assert registration.completed_at is None  # 2.5 of 4: 62.5 %
    attendance_mark(
        session=sessions[3], marks={registration.pk: AttendanceMark.PARTLY}, by=administrator
    )
    registration.refresh_from_db()
    assert registration.completed_at is not None  # 3 of 4


def test_a_cancelled_session_does_not_count(administrator, learner):
    training = training_with_sessions(sessions=2, completion_share=100)
    registration = _confirmed(training, learner)
    first, second = training.sessions.order_by("starts_at")
    second.cancelled_at = timezone.now()
    second.save()
    attendance_mark(
        session=first, marks={registration.pk: AttendanceMark.PRESENT}, by=administrator
    )
    registration.refresh_from_db()
    assert registration.completed_at is not None


def test_only_organisers_mark_and_only_confirmed_participants(
    administrator, trainer, learner, other_learner
):
    training = training_with_sessions()
    registration = _confirmed(training, learner)
    waiting = Registration.objects.create(
        training=training, user=other_learner, state=RegistrationState.REQUESTED
    )
    session = training.sessions.first()
    with pytest.raises(PermissionDenied):
        attendance_mark(session=session, marks={registration.pk: "present"}, by=trainer)
    with pytest.raises(RegistrationRefused):
        attendance_mark(
            session=session,
            marks={registration.pk: "present", waiting.pk: "present"},
            by=administrator,
        )
    with pytest.raises(RegistrationRefused):
        attendance_mark(session=session, marks={registration.pk: "here"}, by=administrator)
    # Another training's participant cannot be marked on this session.
    other = _confirmed(training_with_sessions(), other_learner)
    with pytest.raises(RegistrationRefused):
        attendance_mark(session=session, marks={other.pk: "present"}, by=administrator)
    assert not Attendance.objects.exists()


def test_check_in_needs_the_key_the_time_and_a_confirmed_place(learner, other_learner):
    training = training_with_sessions()
    _confirmed(training, learner)
    later = training.sessions.order_by("starts_at").last()
    with pytest.raises(RegistrationRefused, match="only while"):
        check_in(session_id=later.pk, key=later.check_in_key, user=learner)
    session = _running(training)
    with pytest.raises(RegistrationRefused, match="not valid"):
        check_in(session_id=session.pk, key="guessed", user=learner)
    with pytest.raises(RegistrationRefused, match="no confirmed place"):
        check_in(session_id=session.pk, key=session.check_in_key, user=other_learner)
    attendance = check_in(session_id=session.pk, key=session.check_in_key, user=learner)
    assert attendance.mark == AttendanceMark.PRESENT and attendance.marked_by == MarkedBy.CHECK_IN
    # Once the session is over, the code no longer works.
    with pytest.raises(RegistrationRefused, match="only while"):
        check_in(
            session_id=session.pk,
            key=session.check_in_key,
            user=learner,
            now=session.ends_at + timedelta(minutes=1),
        )


def test_checking_in_does_not_overrule_the_trainers_mark(administrator, learner):
    training = training_with_sessions()
    registration = _confirmed(training, learner)
    session = _running(training)
    attendance_mark(
        session=session, marks={registration.pk: AttendanceMark.PARTLY}, by=administrator
    )
    attendance = check_in(session_id=session.pk, key=session.check_in_key, user=learner)
    assert attendance.mark == AttendanceMark.PARTLY


def test_check_in_page_takes_a_post_not_a_link(client, learner):
    training = training_with_sessions()
    _confirmed(training, learner)
    session = _running(training)
    client.force_login(learner)
    url = check_in_path(session)
    assert client.get(url).status_code == 200
    assert not Attendance.objects.exists()
    client.post(url)
    assert Attendance.objects.get().registration.user == learner


def test_the_attendance_sheet_is_for_organisers(client, administrator, trainer, learner):
    training = training_with_sessions()
    registration = _confirmed(training, learner)
    session = training.sessions.first()
    url = reverse("trainings:attendance", args=[session.pk])
    client.force_login(trainer)
    assert client.get(url).status_code == 403
    assert client.post(url, {f"mark-{registration.pk}": "present"}).status_code == 403
    client.force_login(administrator)
    html = client.get(url).content.decode()
    assert learner.get_full_name() in html and "data:image/svg+xml" in html
    client.post(url, {f"mark-{registration.pk}": "present"})
    assert Attendance.objects.get().mark == AttendanceMark.PRESENT


def test_a_blended_training_waits_for_its_course(administrator, learner, committed):
    course = course_with_lessons(modules=1, lessons=1)
    training = training_with_sessions(sessions=1, course=course)
    registration = _confirmed(training, learner)
    attendance_mark(
        session=training.sessions.first(), marks={registration.pk: "present"}, by=administrator
    )
    registration.refresh_from_db()
    assert registration.completed_at is None
    enrolment, _created = enrolment_create(user=learner, course=course)
    lesson = course.get_descendants().type(LessonPage).first()
    with committed():
        step_complete(enrolment=enrolment, page=lesson.specific)
    registration.refresh_from_db()
    assert registration.completed_at is not None


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs pdftotext (poppler-utils)")
def test_the_sign_in_sheet_lists_names_as_written(
    client, administrator, trainer, learner, other_learner
):
    training = training_with_sessions()
    _confirmed(training, learner)
    _confirmed(training, other_learner)  # Đorđe Ђорђевић: Latin and Cyrillic, as written
    session = training.sessions.first()
    url = reverse("trainings:sign_in_sheet", args=[session.pk])
    client.force_login(trainer)
    assert client.get(url).status_code == 403
    client.force_login(administrator)
    response = client.get(url)
    assert response["Content-Type"] == "application/pdf"
    text = subprocess.run(  # noqa: S603 - a fixed local tool on our own PDF
        [shutil.which("pdftotext") or "pdftotext", "-", "-"],
        input=response.content,
        capture_output=True,
        check=True,
    ).stdout.decode()
    assert "Ђорђевић" in text and "Đorđe" in text and learner.last_name in text


def test_marking_a_session_costs_the_same_queries_for_2_and_8_participants(administrator):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from accounts.factories import UserFactory

    def queries_for(count):
        training = training_with_sessions(sessions=2, capacity=10)
        registrations = [_confirmed(training, UserFactory()) for _ in range(count)]
        session = training.sessions.order_by("starts_at").first()
        marks = {r.pk: AttendanceMark.PRESENT for r in registrations}
        with CaptureQueriesContext(connection) as captured:
            attendance_mark(session=session, marks=marks, by=administrator)
        # Marking again (changed marks) costs no more either.
        with CaptureQueriesContext(connection) as again:
            attendance_mark(
                session=session,
                marks=dict.fromkeys(marks, AttendanceMark.PARTLY),
                by=administrator,
            )
        assert Attendance.objects.filter(session=session, mark=AttendanceMark.PARTLY).count() == (
            count
        )
        return len(captured), len(again)

    assert queries_for(2) == queries_for(8)

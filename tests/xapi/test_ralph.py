"""xAPI statements sent to a real LRS (Ralph) and read back from it."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.conf import settings
from django.utils import timezone, translation

from certificates.api import certificate_issue
from courses.factories import CoursePageFactory
from courses.models import LessonPage
from courses.selectors import course_of
from courses.services import enrolment_create, step_complete
from quizzes import factories as qf
from quizzes.services import attempt_save_responses, attempt_start, attempt_submit
from trainings.attendance import attendance_mark
from trainings.factories import training_with_sessions
from trainings.models import AttendanceMark, Registration, RegistrationState
from xapi.models import LearnerAccount, Statement, StatementStatus
from xapi.services import backoff, statements_send

from .xapi_rules import problems

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

ADL = "http://adlnet.gov/expapi/verbs/"


def _iri(page) -> str:
    """A page's activity id: its URL in the default language (the same for everyone)."""
    with translation.override(settings.LANGUAGE_CODE):
        return f"http://testserver{page.url}"


def _answer(attempt, value: bool) -> None:
    responses = {aq.pk: value for aq in attempt.questions.all()}
    attempt_save_responses(attempt=attempt, responses=responses)
    attempt_submit(attempt=attempt)


def _journey(user, course=None):
    """Enrol, read every lesson, fail the quiz, pass it, complete, get the certificate."""
    quiz = qf.quiz_in_course(
        questions=[qf.true_false(answer=True), qf.true_false(answer=True)],
        pass_mark=Decimal("50"),
        lessons=2,
        course=course,
    )
    course = course_of(quiz)
    enrolment, _ = enrolment_create(user=user, course=course)
    for lesson in LessonPage.objects.descendant_of(course).live():
        step_complete(enrolment=enrolment, page=lesson)
    _answer(attempt_start(user=user, quiz=quiz), False)
    _answer(attempt_start(user=user, quiz=quiz), True)
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None
    certificate_issue(enrolment=enrolment)
    return course, quiz, enrolment


def test_a_learners_journey_reaches_the_lrs_as_valid_statements(lrs, learner):
    learner.preferred_language = "en"
    learner.save()
    course, quiz, enrolment = _journey(learner)
    assert Statement.objects.filter(status=StatementStatus.PENDING).count() == 9
    report = statements_send()
    assert (report.sent, report.failed) == (9, 0)
    assert not Statement.objects.filter(status=StatementStatus.PENDING).exists()

    name = str(LearnerAccount.objects.get(user=learner).name)
    stored = lrs.statements(account_name=name)
    verbs = sorted(s["verb"]["id"].removeprefix(ADL) for s in stored)
    assert verbs == sorted(
        ["registered", "experienced", "experienced", "attempted", "failed", "attempted"]
        + ["passed", "completed", "https://w3id.org/xapi/dod-isd/verbs/earned"]
    )
    for statement in stored:
        assert problems(statement, home_page=settings.XAPI_BASE_URL) == [], statement
        assert learner.email not in str(statement)
        assert statement["actor"]["account"]["name"] == name
    by_verb = {s["verb"]["id"].removeprefix(ADL): s for s in stored}
    course_iri = _iri(course)
    assert by_verb["registered"]["object"]["id"] == course_iri
    assert by_verb["completed"]["object"]["id"] == course_iri
    assert by_verb["passed"]["object"]["id"] == _iri(quiz)
    assert by_verb["passed"]["context"]["contextActivities"]["parent"][0]["id"] == course_iri
    assert by_verb["passed"]["result"] == {
        "score": {"scaled": 1.0, "raw": 2.0, "min": 0.0, "max": 2.0},
        "success": True,
        "completion": True,
    }
    assert by_verb["failed"]["result"]["score"]["scaled"] == 0.0
    assert by_verb["failed"]["result"]["success"] is False
    # Every statement about the enrolment shares its registration.
    registrations = {s["context"].get("registration") for s in stored}
    assert len(registrations) == 1 and None not in registrations
    # The learner's language: English here, for the verbs and the context.
    assert by_verb["completed"]["verb"]["display"]["en"] == "completed"
    assert by_verb["completed"]["context"]["language"] == "en"
    earned = by_verb["https://w3id.org/xapi/dod-isd/verbs/earned"]
    assert earned["object"]["id"].startswith("http://testserver/certificates/verify/")


def test_serbian_learners_statements_speak_serbian(lrs, learner):
    learner.preferred_language = "sr-latn"
    learner.save()
    course, _, _ = _journey(learner, course=CoursePageFactory(title="Курс о трговини људима"))
    statements_send()
    stored = lrs.statements(account_name=str(learner.xapi_account.name))
    completed = next(s for s in stored if s["verb"]["id"] == ADL + "completed")
    assert completed["context"]["language"] == "sr-Latn"
    assert set(completed["verb"]["display"]) == {"sr-Latn", "en"}
    assert completed["object"]["definition"]["name"] == {"sr-Latn": "Kurs o trgovini ljudima"}


def test_training_attendance_reaches_the_lrs(lrs, learner, administrator):
    training = training_with_sessions(sessions=2)
    registration = Registration.objects.create(
        training=training, user=learner, state=RegistrationState.CONFIRMED
    )
    first, second = training.sessions.order_by("starts_at")
    for session, mark in ((first, AttendanceMark.PRESENT), (second, AttendanceMark.ABSENT)):
        attendance_mark(session=session, marks={registration.pk: mark}, by=administrator)
    assert statements_send().sent == 1
    (stored,) = lrs.statements(account_name=str(learner.xapi_account.name))
    assert problems(stored, home_page=settings.XAPI_BASE_URL) == []
    assert stored["verb"]["id"] == ADL + "attended"
    assert stored["object"]["id"] == f"{_iri(training)}#session-{first.pk}"
    assert stored["result"] == {"completion": True}


def test_a_dead_lrs_keeps_statements_pending_and_a_later_run_sends_them_once(
    lrs, learner, settings
):
    live = settings.XAPI_LRS_ENDPOINT
    settings.XAPI_LRS_ENDPOINT = "http://127.0.0.1:9/xAPI"  # discard port: nobody answers
    enrolment_create(user=learner, course=course_of(qf.quiz_in_course(lessons=1)))
    now = timezone.now()
    report = statements_send(now=now)
    assert (report.sent, report.failed, report.unreachable) == (0, 1, True)
    row = Statement.objects.get()
    assert row.status == StatementStatus.PENDING
    assert row.attempts == 1
    assert row.next_try_at == now + backoff(1)
    assert "unreachable" in row.last_error
    # Not due yet: nothing is tried before the back-off has passed.
    assert statements_send(now=now + timedelta(seconds=30)).failed == 0

    settings.XAPI_LRS_ENDPOINT = live
    assert statements_send(now=now + backoff(1)).sent == 1
    assert statements_send(now=now + backoff(1) * 10).sent == 0  # nothing left to send
    row.refresh_from_db()
    assert row.status == StatementStatus.SENT and row.sent_at is not None

    # Sent again (as after a crash before its row was marked): still one statement.
    Statement.objects.update(status=StatementStatus.PENDING, next_try_at=now)
    assert statements_send(now=now + backoff(1)).sent == 1
    assert len(lrs.statements(account_name=str(learner.xapi_account.name))) == 1


def test_a_statement_the_lrs_refuses_is_kept_and_sent_once_accepted(lrs, learner, settings):
    settings.XAPI_LRS_SECRET = "not the secret"  # noqa: S105
    enrolment_create(user=learner, course=course_of(qf.quiz_in_course(lessons=1)))
    now = timezone.now()
    report = statements_send(now=now)
    assert (report.sent, report.failed, report.unreachable) == (0, 1, False)
    row = Statement.objects.get()
    assert row.status == StatementStatus.PENDING
    assert row.last_error.startswith("HTTP 401")
    assert lrs.statements(account_name=str(learner.xapi_account.name)) == []

    settings.XAPI_LRS_SECRET = "a long test secret"  # noqa: S105
    assert statements_send(now=now + backoff(1)).sent == 1
    assert len(lrs.statements(account_name=str(learner.xapi_account.name))) == 1


def test_a_batch_with_one_statement_the_lrs_holds_differently_sends_the_others(lrs, learner):
    """Ralph answers 409 to a batch holding an id it has with other content: the batch is
    then sent statement by statement, the others are stored, and that one counts as
    delivered (its id is ours alone: the LRS has it)."""
    enrolment, _ = enrolment_create(user=learner, course=course_of(qf.quiz_in_course(lessons=2)))
    for lesson in LessonPage.objects.descendant_of(enrolment.course).live():
        step_complete(enrolment=enrolment, page=lesson)
    first = Statement.objects.order_by("pk").first()
    altered = {**first.payload, "timestamp": "2020-01-01T00:00:00+00:00"}
    lrs.request("PUT", f"{lrs.endpoint}/statements/?statementId={first.statement_id}", altered)

    assert statements_send().sent == 3
    first.refresh_from_db()
    assert first.last_error.startswith("409")
    stored = lrs.statements(account_name=str(learner.xapi_account.name))
    assert len(stored) == 3
    assert len({s["id"] for s in stored}) == 3

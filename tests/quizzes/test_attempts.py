"""Attempts through the learner's views: start, pages, save, submit, limits, time, refusals."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from courses.models import Enrolment, StepCompletion
from quizzes.models import Attempt, AttemptState, QuizResult
from quizzes.services import AttemptRefused, attempt_start, attempt_submit

from .conftest import field, finish, option_id, right_answers, token

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def start(client, quiz):
    response = client.post(reverse("quizzes:start", args=[quiz.pk]))
    assert response.status_code == 302, response.content
    return Attempt.objects.filter(quiz=quiz).order_by("-number").first(), response


def test_start_redirects_to_first_page_and_pages_questions(client, quiz_setup):
    client.force_login(quiz_setup["learner"])
    attempt, response = start(client, quiz_setup["quiz"])
    assert response["Location"] == reverse("quizzes:attempt", args=[attempt.pk]) + "?page=1"
    assert sorted(attempt.questions.values_list("page", flat=True)) == [1, 1, 2]
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert b"Exploitation" in page.content and b"Threat" in page.content


def test_answers_saved_on_page_change_and_shown_again(client, quiz_setup):
    learner, quiz = quiz_setup["learner"], quiz_setup["quiz"]
    client.force_login(learner)
    attempt, _ = start(client, quiz)
    aq = attempt.questions.get(slot=1)
    chosen = option_id(aq.question, "Recruitment")
    url = reverse("quizzes:attempt", args=[attempt.pk]) + "?page=1"
    response = client.post(url, {field(aq): token(aq, "Recruitment"), "nav": "next"})
    assert response["Location"].endswith("?page=2")
    aq.refresh_from_db()
    assert aq.response == chosen
    back = client.get(url)
    assert f'value="{token(aq, "Recruitment")}" checked'.encode() in back.content


def test_submit_grades_passes_and_completes_the_course(client, quiz_setup):
    learner, quiz = quiz_setup["learner"], quiz_setup["quiz"]
    client.force_login(learner)
    attempt, _ = start(client, quiz)
    url = reverse("quizzes:attempt", args=[attempt.pk])
    pages = right_answers(attempt)
    client.post(url + "?page=1", {**pages[1], "nav": "next"})
    response = client.post(url + "?page=2", {**pages[2], "nav": "finish"})
    assert response["Location"] == reverse("quizzes:summary", args=[attempt.pk])
    attempt.refresh_from_db()
    assert attempt.state == AttemptState.IN_PROGRESS  # nothing graded before the summary
    response = finish(client, attempt)
    assert response["Location"] == reverse("quizzes:result", args=[attempt.pk])
    attempt.refresh_from_db()
    assert attempt.state == AttemptState.SUBMITTED
    assert attempt.score == 100 and attempt.passed is True
    result = QuizResult.objects.get(user=learner, quiz=quiz)
    assert result.passed and result.attempts_count == 1 and result.course == quiz_setup["course"]
    enrolment = Enrolment.objects.get(user=learner)
    assert StepCompletion.objects.filter(enrolment=enrolment, page_id=quiz.pk).exists()
    assert enrolment.completed_at is not None  # the quiz was the only step
    assert b"100" in client.get(response["Location"]).content


def test_failed_attempt_does_not_complete_and_retry_is_offered(client, quiz_setup):
    learner, quiz = quiz_setup["learner"], quiz_setup["quiz"]
    client.force_login(learner)
    attempt, _ = start(client, quiz)
    finish(client, attempt)
    attempt.refresh_from_db()
    assert attempt.score == 0 and attempt.passed is False
    assert not StepCompletion.objects.filter(page_id=quiz.pk).exists()
    page = client.get(quiz.url)
    assert b'id="quiz-start"' in page.content


def test_second_submit_of_same_attempt_is_ignored(client, quiz_setup):
    learner, quiz = quiz_setup["learner"], quiz_setup["quiz"]
    client.force_login(learner)
    attempt, _ = start(client, quiz)
    finish(client, attempt)
    attempt.refresh_from_db()
    graded_at = attempt.graded_at
    # A replayed POST, a second tab: nothing is graded again, nothing is saved.
    finish(client, attempt)
    aq = attempt.questions.get(slot=1)
    late = client.post(
        reverse("quizzes:attempt", args=[attempt.pk]) + "?page=1",
        {field(aq): token(aq, "Exploitation"), "nav": "finish"},
    )
    assert late.status_code == 302
    attempt.refresh_from_db()
    aq.refresh_from_db()
    assert attempt.graded_at == graded_at and aq.response is None
    assert QuizResult.objects.get(user=learner).attempts_count == 1


def test_attempt_submit_service_grades_once(quiz_setup):
    attempt = attempt_start(user=quiz_setup["learner"], quiz=quiz_setup["quiz"])
    first = attempt_submit(attempt=attempt)
    again = attempt_submit(attempt=Attempt.objects.get(pk=attempt.pk))
    assert first.graded_at == again.graded_at


def test_starting_twice_resumes_the_open_attempt(client, quiz_setup):
    client.force_login(quiz_setup["learner"])
    first, _ = start(client, quiz_setup["quiz"])
    second, _ = start(client, quiz_setup["quiz"])
    assert first.pk == second.pk
    assert Attempt.objects.count() == 1


def test_attempts_allowed_is_enforced(client, quiz_setup):
    learner, quiz = quiz_setup["learner"], quiz_setup["quiz"]
    for _ in range(2):
        attempt_submit(attempt=attempt_start(user=learner, quiz=quiz))
    with pytest.raises(AttemptRefused):
        attempt_start(user=learner, quiz=quiz)
    client.force_login(learner)
    response = client.post(reverse("quizzes:start", args=[quiz.pk]), follow=True)
    assert "all the attempts allowed" in response.content.decode()
    assert Attempt.objects.filter(user=learner).count() == 2


def test_database_refuses_an_attempt_above_the_limit(quiz_setup):
    from django.db import IntegrityError, transaction

    learner, quiz = quiz_setup["learner"], quiz_setup["quiz"]
    with pytest.raises(IntegrityError), transaction.atomic():
        Attempt.objects.create(user=learner, quiz=quiz, number=3, max_attempts=2, state="submitted")
    Attempt.objects.create(user=learner, quiz=quiz, number=1, max_attempts=2, state="submitted")
    with pytest.raises(IntegrityError), transaction.atomic():
        Attempt.objects.create(user=learner, quiz=quiz, number=1, max_attempts=2)


def test_not_enrolled_cannot_start(client, quiz_setup, other_learner):
    client.force_login(other_learner)
    response = client.post(reverse("quizzes:start", args=[quiz_setup["quiz"].pk]), follow=True)
    assert "Enrol in the course first" in response.content.decode()
    assert not Attempt.objects.exists()


def test_another_learners_attempt_is_not_found(client, quiz_setup, other_learner):
    attempt = attempt_start(user=quiz_setup["learner"], quiz=quiz_setup["quiz"])
    client.force_login(other_learner)
    for name in ("quizzes:attempt", "quizzes:result"):
        assert client.get(reverse(name, args=[attempt.pk])).status_code == 404
    for name in ("quizzes:submit", "quizzes:summary"):
        assert client.get(reverse(name, args=[attempt.pk])).status_code in (404, 405)
    assert finish(client, attempt).status_code == 404
    attempt.refresh_from_db()
    assert attempt.state == AttemptState.IN_PROGRESS


def test_signed_out_cannot_start(client, quiz_setup):
    response = client.post(reverse("quizzes:start", args=[quiz_setup["quiz"].pk]))
    assert response.status_code == 302 and "login" in response["Location"]
    assert not Attempt.objects.exists()


def test_marking_a_quiz_done_by_hand_is_refused(client, quiz_setup):
    client.force_login(quiz_setup["learner"])
    response = client.post(reverse("courses:step_done", args=[quiz_setup["quiz"].pk]))
    assert response.status_code == 403
    assert not StepCompletion.objects.exists()


# --- Time limit --------------------------------------------------------------------------


def _overdue(attempt, seconds):
    Attempt.objects.filter(pk=attempt.pk).update(
        deadline=timezone.now() - timedelta(seconds=seconds)
    )


def test_answers_after_deadline_plus_grace_are_not_counted(client, quiz_setup):
    learner, quiz = quiz_setup["learner"], quiz_setup["quiz"]
    client.force_login(learner)
    attempt, _ = start(client, quiz)
    aq = attempt.questions.get(slot=1)
    url = reverse("quizzes:attempt", args=[attempt.pk]) + "?page=1"
    client.post(url, {field(aq): token(aq, "Exploitation"), "nav": "next"})
    _overdue(attempt, 120)
    aq2 = attempt.questions.get(slot=2)
    right = [token(aq2, t) for t in ("Threat", "Deception")]
    response = client.post(url, {field(aq2): right, "nav": "finish"})
    assert response["Location"] == reverse("quizzes:result", args=[attempt.pk])
    attempt.refresh_from_db()
    aq2.refresh_from_db()
    assert attempt.state == AttemptState.EXPIRED
    assert aq2.response is None  # not counted
    assert attempt.score == Decimal("33.33")  # the answer saved in time counts


def test_answers_within_the_grace_count(client, quiz_setup):
    client.force_login(quiz_setup["learner"])
    attempt, _ = start(client, quiz_setup["quiz"])
    _overdue(attempt, 5)  # grace is 30 seconds
    aq = attempt.questions.get(slot=1)
    url = reverse("quizzes:attempt", args=[attempt.pk]) + "?page=1"
    client.post(url, {field(aq): token(aq, "Exploitation"), "nav": "finish"})
    finish(client, attempt)
    attempt.refresh_from_db()
    assert attempt.state == AttemptState.SUBMITTED and attempt.score > 0


def test_overdue_attempt_is_closed_when_the_learner_comes_back(client, quiz_setup):
    client.force_login(quiz_setup["learner"])
    attempt, _ = start(client, quiz_setup["quiz"])
    _overdue(attempt, 3600)
    response = client.get(quiz_setup["quiz"].url)
    assert response.status_code == 200
    attempt.refresh_from_db()
    assert attempt.state == AttemptState.EXPIRED and attempt.graded_at is not None


def test_close_overdue_attempts_command(quiz_setup):
    from django.core.management import call_command

    attempt = attempt_start(user=quiz_setup["learner"], quiz=quiz_setup["quiz"])
    _overdue(attempt, 3600)
    call_command("close_overdue_attempts")
    attempt.refresh_from_db()
    assert attempt.state == AttemptState.EXPIRED


# --- Malformed answers -------------------------------------------------------------------


@pytest.mark.parametrize(
    "bad",
    [
        "unknown_option",
        "database_id_as_value",
        "other_attempts_token",
        "wrong_type",
        "oversized",
        "two_single_values",
        "other_page_question",
        "question_id_as_field",
    ],
)
def test_malformed_answers_are_refused_and_nothing_is_saved(client, quiz_setup, other_learner, bad):
    from courses.services import enrolment_create

    learner, quiz = quiz_setup["learner"], quiz_setup["quiz"]
    client.force_login(learner)
    attempt, _ = start(client, quiz)
    aq1 = attempt.questions.get(slot=1)
    aq2 = attempt.questions.get(slot=2)
    good = {field(aq1): token(aq1, "Exploitation")}
    enrolment_create(user=other_learner, course=quiz_setup["course"])
    others = attempt_start(user=other_learner, quiz=quiz).questions.get(slot=2)
    data = {
        "unknown_option": {field(aq2): ["AAAAAAAAAA"]},
        "database_id_as_value": {field(aq2): [str(option_id(aq2.question, "Threat"))]},
        # The same question in another learner's attempt: its tokens mean nothing here.
        "other_attempts_token": {field(aq2): [token(others, "Threat")]},
        "wrong_type": {field(aq2): ["abc"]},
        "oversized": {field(aq2): ["1" * 5000]},
        "two_single_values": {field(aq1): [token(aq1, o.text) for o in aq1.question.options.all()]},
        "other_page_question": {field(attempt.questions.get(slot=3)): "true"},
        "question_id_as_field": {f"q{aq2.pk + 1000}": token(aq2, "Threat")},
    }[bad]
    response = client.post(
        reverse("quizzes:attempt", args=[attempt.pk]) + "?page=1",
        {**good, **data, "nav": "next"} if bad != "two_single_values" else {**data, "nav": "next"},
    )
    assert response.status_code == 400
    assert b"message-error" in response.content
    assert not attempt.questions.exclude(response=None).exists()
    others.refresh_from_db()
    assert others.response is None

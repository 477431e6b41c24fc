"""The result of an attempt at a glance: passed or not in symbol and words, the score
against the pass mark, what was right and wrong (only where the review options show marks),
attempts left, and the ways on: try again, the next step, the course, the certificate."""

import pytest
from django.urls import reverse

from courses.factories import LessonPageFactory
from courses.selectors import course_of
from courses.services import enrolment_create
from quizzes import factories as f
from quizzes.models import Attempt, ReviewItem

from .conftest import finish, right_answers

pytestmark = pytest.mark.django_db

# Marks per question are allowed only with the correct answers (QuizPage.clean).
SCORE_AND_MARKS = [ReviewItem.SCORE, ReviewItem.MARKS, ReviewItem.CORRECT]


def _quiz(**kwargs):
    questions = [f.single_choice(), f.multiple_response(), f.true_false(answer=True)]
    kwargs.setdefault("attempts_allowed", 2)
    kwargs.setdefault("pass_mark", 70)
    return f.quiz_in_course(questions=questions, questions_per_page=3, **kwargs)


def _attempt(client, learner, quiz, *, right: bool):
    enrolment_create(user=learner, course=course_of(quiz))
    client.force_login(learner)
    client.post(reverse("quizzes:start", args=[quiz.pk]))
    attempt = Attempt.objects.filter(user=learner, quiz=quiz).latest("number")
    if right:
        url = reverse("quizzes:attempt", args=[attempt.pk])
        for page, data in right_answers(attempt).items():
            client.post(url + f"?page={page}", {**data, "nav": "next"})
    finish(client, attempt)
    return attempt


def _result(client, attempt) -> str:
    response = client.get(reverse("quizzes:result", args=[attempt.pk]))
    assert response.status_code == 200
    return response.content.decode()


def _panel(html: str) -> str:
    start = html.rindex("<section", 0, html.index('id="attempt-result"'))
    return html[start : html.index("</section>", start)]


def test_a_failed_attempt_says_so_with_score_pass_mark_tally_and_a_retry(client, learner, english):
    quiz = _quiz(review_immediately=SCORE_AND_MARKS)
    attempt = _attempt(client, learner, quiz, right=False)
    panel = _panel(_result(client, attempt))
    assert "result-failed" in panel
    assert "✕" in panel and "Not passed" in panel
    assert "0 %" in panel
    assert "Pass mark" in panel and "70 %" in panel
    assert "0 right" in panel and "3 wrong" in panel
    assert "Attempts left" in panel
    assert f'action="{reverse("quizzes:start", args=[quiz.pk])}"' in panel
    assert "Try again" in panel
    assert f'href="{course_of(quiz).url}"' in panel


def test_a_passed_attempt_leads_to_the_next_step_and_offers_no_retry(client, learner, english):
    quiz = _quiz(review_immediately=SCORE_AND_MARKS)
    following = LessonPageFactory(parent=quiz.get_parent(), title="Indicators of exploitation")
    attempt = _attempt(client, learner, quiz, right=True)
    panel = _panel(_result(client, attempt))
    assert "result-passed" in panel
    assert "✓" in panel and "Passed" in panel
    assert "100 %" in panel
    assert "3 right" in panel
    assert f'href="{following.url}"' in panel
    assert "Next: Indicators of exploitation" in panel
    assert "Try again" not in panel


def test_no_retry_once_the_attempts_are_used_up(client, learner, english):
    quiz = _quiz(attempts_allowed=1, review_immediately=SCORE_AND_MARKS)
    attempt = _attempt(client, learner, quiz, right=False)
    panel = _panel(_result(client, attempt))
    assert "Not passed" in panel
    assert "Try again" not in panel
    assert reverse("quizzes:start", args=[quiz.pk]) not in panel


def test_without_marks_in_the_review_nothing_says_what_was_right(client, learner, english):
    quiz = _quiz(review_immediately=[ReviewItem.SCORE])
    attempt = _attempt(client, learner, quiz, right=False)
    panel = _panel(_result(client, attempt))
    assert "Not passed" in panel
    assert " right" not in panel and " wrong" not in panel


def test_without_the_score_in_the_review_the_panel_shows_neither_score_nor_verdict(
    client, learner, english
):
    quiz = _quiz(review_immediately=[], review_open=[], review_closed=[])
    attempt = _attempt(client, learner, quiz, right=True)
    html = _result(client, attempt)
    panel = _panel(html)
    assert "result-pending" in panel
    assert "Passed" not in panel and "Not passed" not in panel
    assert "100 %" not in panel and "3 right" not in panel
    assert "70 %" in panel  # the pass mark is one of the quiz's published rules
    assert 'id="attempt-score"' not in html


def test_passing_the_last_step_shows_the_certificate(
    client, learner, english, django_capture_on_commit_callbacks
):
    quiz = _quiz(review_immediately=SCORE_AND_MARKS)
    with django_capture_on_commit_callbacks(execute=True):
        attempt = _attempt(client, learner, quiz, right=True)
    panel = _panel(_result(client, attempt))
    from certificates.models import Certificate

    certificate = Certificate.objects.get(user=learner)
    assert reverse("certificates:download", args=[certificate.pk]) in panel


def test_another_learner_cannot_open_the_result(client, learner, other_learner):
    quiz = _quiz(review_immediately=SCORE_AND_MARKS)
    attempt = _attempt(client, learner, quiz, right=True)
    client.force_login(other_learner)
    assert client.get(reverse("quizzes:result", args=[attempt.pk])).status_code == 404

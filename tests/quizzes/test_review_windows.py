"""Review options by window × item, enforced on the server and read in the HTML.

Windows: during the attempt; immediately after (within QUIZ_REVIEW_IMMEDIATE_SECONDS of
submitting); later while the quiz is still open for the learner (attempts left, not
passed); after it is closed for them (passed or out of attempts). Items: the learner's
response, the total score, marks per question, the correct answer, feedback. Marks and
feedback are never shown where the correct answer is hidden (issue 14, finding 5: the final
exam's marks after attempt 1 gave true/false keys away)."""

import re
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from courses.selectors import course_of
from courses.services import enrolment_create
from pagecache.api import learner_changed
from quizzes import factories as f
from quizzes.models import Attempt, QuizPage, ReviewItem, ReviewWindow

from .conftest import finish

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

MY_ANSWER = "MY-OWN-ANSWER"
# What each item looks like on the result page (or the attempt page, during the attempt).
MARKERS = {
    ReviewItem.RESPONSE: f'value="{MY_ANSWER}"',
    ReviewItem.SCORE: 'id="attempt-score"',
    ReviewItem.MARKS: "question-marks",
    ReviewItem.CORRECT: "akcept-odgovor-tajni",
    ReviewItem.FEEDBACK: "GENERAL-FEEDBACK-secret",
}
WINDOWS = [ReviewWindow.IMMEDIATELY, ReviewWindow.OPEN, ReviewWindow.CLOSED]


def _quiz(**review):
    question = f.short_text(
        "akcept-odgovor-tajni", general_feedback="<p>GENERAL-FEEDBACK-secret</p>"
    )
    return f.quiz_in_course(
        questions=[question],
        attempts_allowed=2,
        review_immediately=review.get("immediately", []),
        review_open=review.get("open", []),
        review_closed=review.get("closed", []),
    )


def _answered_attempt(client, learner, quiz):
    enrolment_create(user=learner, course=course_of(quiz))
    client.force_login(learner)
    client.post(reverse("quizzes:start", args=[quiz.pk]))
    attempt = Attempt.objects.get(user=learner, quiz=quiz)
    url = reverse("quizzes:attempt", args=[attempt.pk]) + "?page=1"
    assert client.post(url, {"q1": MY_ANSWER, "nav": "finish"}).status_code == 302
    return attempt


def _place(attempt, quiz, window):
    """Put the submitted attempt in `window`: minutes after submitting or not, and the
    quiz open (one attempt left, not passed) or closed (no attempt left)."""
    moments = {ReviewWindow.IMMEDIATELY: timedelta(0)}
    Attempt.objects.filter(pk=attempt.pk).update(
        submitted_at=timezone.now() - moments.get(window, timedelta(minutes=10))
    )
    QuizPage.objects.filter(pk=quiz.pk).update(
        attempts_allowed=1 if window == ReviewWindow.CLOSED else 2
    )
    # These writes stand for time passing and the quiz republished; the learner's cached
    # quiz panel is told here as the clock and a publish tell it (tests/pagecache).
    learner_changed(attempt.user_id)


def _result_html(client, attempt):
    return client.get(reverse("quizzes:result", args=[attempt.pk])).content.decode()


@pytest.mark.parametrize("item", ReviewItem.values)
@pytest.mark.parametrize("window", WINDOWS)
def test_each_item_shows_in_its_window_only(client, learner, window, item):
    items = [item, ReviewItem.CORRECT] if item in ("marks", "feedback") else [item]
    quiz = _quiz(**{window: items})
    attempt = _answered_attempt(client, learner, quiz)
    finish(client, attempt)
    attempt.refresh_from_db()
    assert attempt.passed is False
    for where in WINDOWS:
        _place(attempt, quiz, where)
        html = _result_html(client, attempt)
        shown = MARKERS[item] in html
        assert shown == (where == window), (where, item)


@pytest.mark.parametrize("item", ReviewItem.values)
def test_during_the_attempt_only_the_learners_own_answers_show(client, learner, item):
    everything = list(ReviewItem.values)
    quiz = _quiz(immediately=everything, open=everything, closed=everything)
    attempt = _answered_attempt(client, learner, quiz)
    pages = [
        client.get(reverse("quizzes:attempt", args=[attempt.pk]) + "?page=1"),
        client.get(reverse("quizzes:summary", args=[attempt.pk])),
        client.get(quiz.url),
    ]
    result = client.get(reverse("quizzes:result", args=[attempt.pk]))
    assert result.status_code == 302  # no review of an open attempt
    html = pages[0].content.decode()
    if item == ReviewItem.RESPONSE:
        assert MARKERS[item] in html
    else:
        for page in pages:
            assert MARKERS[item] not in page.content.decode()
        assert "Marks:" not in html


@pytest.mark.parametrize("window", WINDOWS)
def test_marks_and_feedback_stored_without_the_correct_answers_are_not_shown(
    client, learner, window
):
    # Stored past the form's check (an old row, a script): the server still refuses.
    quiz = _quiz()
    QuizPage.objects.filter(pk=quiz.pk).update(
        **{f"review_{window}": [ReviewItem.MARKS, ReviewItem.FEEDBACK, ReviewItem.SCORE]}
    )
    attempt = _answered_attempt(client, learner, quiz)
    finish(client, attempt)
    _place(attempt, quiz, window)
    html = _result_html(client, attempt)
    assert MARKERS[ReviewItem.SCORE] in html
    for item in (ReviewItem.MARKS, ReviewItem.FEEDBACK, ReviewItem.CORRECT):
        assert MARKERS[item] not in html


@pytest.mark.parametrize("item", [ReviewItem.MARKS, ReviewItem.FEEDBACK])
def test_the_quiz_settings_refuse_marks_or_feedback_without_the_correct_answers(item):
    quiz = _quiz()
    quiz.review_open = [item]
    with pytest.raises(ValidationError) as refused:
        quiz.clean()
    assert "review_open" in refused.value.message_dict
    quiz.review_open = [item, ReviewItem.CORRECT]
    quiz.clean()


def test_the_quiz_page_hides_a_score_its_window_hides(client, learner):
    quiz = _quiz(immediately=[ReviewItem.RESPONSE], open=[], closed=[ReviewItem.SCORE])
    attempt = _answered_attempt(client, learner, quiz)
    finish(client, attempt)
    banner = _banner(client.get(quiz.url).content.decode())
    assert banner and "%" not in banner
    _place(attempt, quiz, ReviewWindow.CLOSED)
    assert "0 %" in _banner(client.get(quiz.url).content.decode())


def _banner(html):
    found = re.search(r'id="quiz-result">(.*?)</p>', html, re.S)
    return found.group(1).strip() if found else ""


def test_the_admin_offers_each_window_as_ticks_and_says_why_marks_need_answers(
    client, administrator
):
    from tests.conftest import login_with_mfa

    quiz = _quiz(closed=[ReviewItem.SCORE, ReviewItem.CORRECT])
    login_with_mfa(client, administrator)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[quiz.pk])).content.decode()
    for window in ("review_immediately", "review_open", "review_closed"):
        assert html.count(f'name="{window}"') == len(ReviewItem.values), window
    assert re.search(r'name="review_closed" value="correct"[^>]*checked', html)
    assert not re.search(r'name="review_closed" value="marks"[^>]*checked', html)
    assert "a mark says whether a true/false" in html


def test_old_review_settings_map_to_windows_with_marks_only_beside_the_key():
    import importlib

    migration = importlib.import_module("quizzes.migrations.0006_review_windows")
    # The demo final exam before issue 14: score, answers and feedback after each attempt,
    # correct answers once closed (its marks after attempt 1 gave true/false keys away).
    final = migration.mapped(
        score="after_attempt", responses="after_attempt", correct="after_close",
        feedback="after_attempt",
    )  # fmt: skip
    assert final == {
        "review_immediately": ["response", "score"],
        "review_open": ["response", "score"],
        "review_closed": ["response", "score", "marks", "correct", "feedback"],
    }
    never = migration.mapped(score="never", responses="never", correct="never", feedback="never")
    assert never == {"review_immediately": [], "review_open": [], "review_closed": []}
    practice = migration.mapped(
        score="after_attempt", responses="never", correct="after_attempt", feedback="never"
    )
    assert practice["review_open"] == ["score", "marks", "correct"]

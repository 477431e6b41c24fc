"""The summary before submitting (WCAG 3.3.4): the attempt pages have no submit control,
"Finish attempt…" saves the page and opens the summary, and only the summary's "Submit all
and finish" (which carries the confirmation) grades the attempt."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from quizzes.models import Attempt, AttemptState

from .conftest import field, finish, token

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def attempt(client, quiz_setup):
    client.force_login(quiz_setup["learner"])
    client.post(reverse("quizzes:start", args=[quiz_setup["quiz"].pk]))
    return Attempt.objects.get(user=quiz_setup["learner"])


def _page(attempt, number):
    return reverse("quizzes:attempt", args=[attempt.pk]) + f"?page={number}"


def test_no_page_of_the_attempt_has_a_submit_control(client, attempt):
    for number in (1, 2):
        html = client.get(_page(attempt, number)).content.decode()
        assert 'value="submit"' not in html
        assert 'id="quiz-submit"' not in html
        assert reverse("quizzes:submit", args=[attempt.pk]) not in html
        assert 'value="finish"' in html and "Finish attempt" in html


def test_finish_saves_the_page_and_opens_the_summary_without_grading(client, attempt):
    aq = attempt.questions.get(slot=1)
    response = client.post(
        _page(attempt, 1), {field(aq): token(aq, "Exploitation"), "nav": "finish"}
    )
    assert response["Location"] == reverse("quizzes:summary", args=[attempt.pk])
    attempt.refresh_from_db()
    aq.refresh_from_db()
    assert attempt.state == AttemptState.IN_PROGRESS and attempt.graded_at is None
    assert aq.response is not None
    html = client.get(response["Location"]).content.decode()
    assert html.count("Answer saved") == 1 and html.count("Not yet answered") == 2
    assert "2 questions are not answered yet" in html
    assert f"{_page(attempt, 1)}#question-1" in html.replace("&amp;", "&")
    assert f"{_page(attempt, 2)}#question-3" in html.replace("&amp;", "&")
    assert 'id="question-1"' in client.get(_page(attempt, 1)).content.decode()
    assert reverse("quizzes:submit", args=[attempt.pk]) in html
    assert 'name="confirm" value="1"' in html and "Submit all and finish" in html


def test_a_submit_without_the_confirmation_is_refused_and_nothing_is_graded(client, attempt):
    response = client.post(reverse("quizzes:submit", args=[attempt.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("quizzes:summary", args=[attempt.pk])
    assert "The attempt was not submitted" in response.content.decode()
    attempt.refresh_from_db()
    assert attempt.state == AttemptState.IN_PROGRESS and attempt.graded_at is None
    assert attempt.score is None


def test_the_old_submit_button_of_a_page_does_not_grade(client, attempt):
    aq = attempt.questions.get(slot=1)
    response = client.post(
        _page(attempt, 1), {field(aq): token(aq, "Exploitation"), "nav": "submit"}
    )
    assert response["Location"] == reverse("quizzes:summary", args=[attempt.pk])
    attempt.refresh_from_db()
    assert attempt.state == AttemptState.IN_PROGRESS and attempt.graded_at is None


def test_submit_all_and_finish_grades_once(client, attempt):
    response = finish(client, attempt)
    assert response["Location"] == reverse("quizzes:result", args=[attempt.pk])
    attempt.refresh_from_db()
    assert attempt.state == AttemptState.SUBMITTED and attempt.graded_at is not None
    # The summary of a closed attempt sends to its result.
    summary = client.get(reverse("quizzes:summary", args=[attempt.pk]))
    assert summary["Location"] == reverse("quizzes:result", args=[attempt.pk])


def test_the_summary_of_an_overdue_attempt_closes_it(client, attempt):
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(hours=1))
    response = client.get(reverse("quizzes:summary", args=[attempt.pk]))
    assert response["Location"] == reverse("quizzes:result", args=[attempt.pk])
    attempt.refresh_from_db()
    assert attempt.state == AttemptState.EXPIRED and attempt.graded_at is not None


def test_an_overdue_attempt_closes_on_time_even_without_the_confirmation(client, attempt):
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(hours=1))
    client.post(reverse("quizzes:submit", args=[attempt.pk]))
    attempt.refresh_from_db()
    assert attempt.state == AttemptState.EXPIRED


def test_another_learners_summary_is_not_found(client, quiz_setup, other_learner, attempt):
    client.force_login(other_learner)
    assert client.get(reverse("quizzes:summary", args=[attempt.pk])).status_code == 404
    assert finish(client, attempt).status_code == 404
    attempt.refresh_from_db()
    assert attempt.state == AttemptState.IN_PROGRESS

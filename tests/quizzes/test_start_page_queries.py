"""The quiz start page (what a learner sees before an attempt) costs the same number of
queries whatever the number of questions and of the learner's earlier attempts, and shows
nothing of the key or of the order questions will come in."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses.selectors import course_of
from courses.services import enrolment_create
from quizzes import factories as f
from quizzes.models import Attempt

from .conftest import field, finish

pytestmark = pytest.mark.django_db


def _quiz(questions: int):
    kinds = [f.single_choice, f.multiple_response, lambda: f.true_false(answer=True)]
    return f.quiz_in_course(
        questions=[kinds[i % 3]() for i in range(questions)],
        questions_per_page=3,
        attempts_allowed=0,
    )


def _attempts(client, learner, quiz, count: int):
    """`count` submitted attempts, then an open one."""
    for _ in range(count):
        client.post(reverse("quizzes:start", args=[quiz.pk]))
        finish(client, Attempt.objects.get(user=learner, quiz=quiz, state="in_progress"))
    client.post(reverse("quizzes:start", args=[quiz.pk]))


def _start_page_queries(client, learner, *, questions: int, attempts: int):
    quiz = _quiz(questions)
    enrolment_create(user=learner, course=course_of(quiz))
    client.force_login(learner)
    _attempts(client, learner, quiz, attempts)
    client.get(quiz.url)  # warm per-process caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(quiz.url)
    assert response.status_code == 200
    body = response.content.decode()
    # A link per attempt (review or continue) and the button to continue the open one.
    assert body.count('href="/sr-latn/learning/quizzes/attempts/') == attempts + 2
    return len(queries), queries


def test_start_page_queries_do_not_grow_with_questions_or_attempts(client, learner, other_learner):
    small, _ = _start_page_queries(client, learner, questions=2, attempts=1)
    large, queries = _start_page_queries(client, other_learner, questions=24, attempts=6)
    assert large == small
    assert not [q for q in queries.captured_queries if "quizzes_question" in q["sql"]]


def test_start_page_shows_no_question_option_or_order(client, learner):
    quiz = _quiz(6)
    enrolment_create(user=learner, course=course_of(quiz))
    client.force_login(learner)
    _attempts(client, learner, quiz, 1)
    body = client.get(quiz.url).content.decode()
    attempt = Attempt.objects.filter(user=learner, quiz=quiz).latest("number")
    for aq in attempt.questions.select_related("question"):
        assert f'name="{field(aq)}"' not in body
        for option in aq.question.options.all():
            assert option.text not in body
    assert "option_order" not in body and "fraction" not in body.lower()

"""Starting and submitting in several tabs at once: never more attempts than allowed, one
open attempt at a time, each attempt graded once.

PostgreSQL only: SQLite serialises every writer, so it cannot show a race.
"""

import pytest
from django.db import connection

from accounts.factories import UserFactory
from courses.selectors import course_of
from courses.services import enrolment_create
from quizzes import factories as f
from quizzes.models import Attempt, QuizResult
from quizzes.services import AttemptRefused, attempt_start, attempt_submit
from tests.concurrency import run_at_once

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="concurrency needs PostgreSQL (DATABASE_URL=postgres://…); SQLite has one writer",
    ),
]


@pytest.fixture
def setting():
    learner = UserFactory()
    quiz = f.quiz_in_course(questions=[f.single_choice(), f.true_false()], attempts_allowed=2)
    enrolment_create(user=learner, course=course_of(quiz))
    return learner, quiz


def test_tabs_starting_at_once_share_one_open_attempt(setting):
    learner, quiz = setting
    results = run_at_once([lambda: attempt_start(user=learner, quiz=quiz).pk] * 6)
    assert len(set(results)) == 1
    assert Attempt.objects.filter(user=learner).count() == 1


def test_tabs_starting_and_submitting_never_exceed_the_attempts_allowed(setting):
    learner, quiz = setting

    def start_and_submit():
        done = 0
        for _ in range(3):
            try:
                attempt = attempt_start(user=learner, quiz=quiz)
            except AttemptRefused:
                continue
            attempt_submit(attempt=attempt)
            done += 1
        return done

    run_at_once([start_and_submit] * 6)
    numbers = sorted(Attempt.objects.filter(user=learner).values_list("number", flat=True))
    assert numbers == [1, 2]
    assert QuizResult.objects.get(user=learner).attempts_count == 2


def test_submitting_in_several_tabs_grades_once(setting):
    learner, quiz = setting
    attempt = attempt_start(user=learner, quiz=quiz)
    results = run_at_once(
        [lambda: attempt_submit(attempt=Attempt.objects.get(pk=attempt.pk)).graded_at] * 6
    )
    assert len(set(results)) == 1

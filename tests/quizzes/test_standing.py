"""quizzes.api.quiz_standing: attempts left and passed, read without side effects."""

from decimal import Decimal

import pytest

from courses.api import course_of
from courses.services import enrolment_create
from quizzes import factories as qf
from quizzes.api import quiz_standing
from quizzes.services import attempt_save_responses, attempt_start, attempt_submit

pytestmark = pytest.mark.django_db


def test_standing_counts_attempts_and_passing(learner, other_learner):
    quiz = qf.quiz_in_course(
        questions=[qf.true_false(answer=True)], pass_mark=Decimal("50"), attempts_allowed=2
    )
    enrolment_create(user=learner, course=course_of(quiz))
    assert quiz_standing(quiz=quiz, user=learner) == {
        "attempts_left": 2,
        "passed": False,
        "closed": False,
    }
    attempt = attempt_start(user=learner, quiz=quiz)
    attempt_save_responses(
        attempt=attempt, responses={aq.pk: True for aq in attempt.questions.all()}
    )
    attempt_submit(attempt=attempt)
    standing = quiz_standing(quiz=quiz, user=learner)
    assert standing == {"attempts_left": 1, "passed": True, "closed": True}
    # Another learner's attempts are not theirs.
    assert quiz_standing(quiz=quiz, user=other_learner)["attempts_left"] == 2


def test_unlimited_attempts(learner):
    quiz = qf.quiz_in_course(questions=[qf.true_false(answer=True)], attempts_allowed=0)
    assert quiz_standing(quiz=quiz, user=learner)["attempts_left"] is None

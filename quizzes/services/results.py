"""Writes for results: a learner's standing on a quiz, recomputed from their graded
attempts by the quiz's grading method, and the course told when it changes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from courses import api as courses_api

from ..models.attempts import Attempt, QuizResult
from ..models.choices import GradingMethod

if TYPE_CHECKING:
    from ..models.pages import QuizPage


def result_attempt(attempts: list[Attempt], method: str) -> Attempt | None:
    graded = [a for a in attempts if a.score is not None]
    if not graded:
        return None
    if method == GradingMethod.FIRST:
        return min(graded, key=lambda a: a.number)
    if method == GradingMethod.LAST:
        return max(graded, key=lambda a: a.number)
    return max(graded, key=lambda a: (a.score, -a.number))


def quiz_result_update(*, user, quiz: QuizPage) -> QuizResult | None:
    """Recompute the learner's result on `quiz` from their graded attempts, and tell the
    course when the quiz is passed (a step done) or no longer passed after a regrade."""
    attempts = list(Attempt.objects.filter(user=user, quiz=quiz))
    chosen = result_attempt(attempts, quiz.grading_method)
    if chosen is None:
        return None
    course = courses_api.course_of(quiz)
    passed = bool(chosen.passed)
    result, _created = QuizResult.objects.update_or_create(
        user=user,
        quiz=quiz,
        defaults={
            "course": course,
            "score": chosen.score,
            "passed": passed,
            "attempts_count": len(attempts),
        },
    )
    if passed:
        courses_api.step_completed(user=user, page=quiz)
    else:
        _step_withdraw(user=user, quiz=quiz, course=course)
    return result


def _step_withdraw(*, user, quiz: QuizPage, course) -> None:
    """A regrade turned a pass into a fail: the quiz is no longer a step done. A course
    already completed stays completed (courses never take completion back)."""
    courses_api.StepCompletion.objects.filter(
        enrolment__user=user, enrolment__course=course, page_id=quiz.pk
    ).delete()

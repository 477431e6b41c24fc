"""The quiz start page for a learner: the rules, their attempts and result, whether they
may start. Reading it closes (and grades) an attempt whose time ran out while the learner
was away, so it sits above both the reads (selectors) and the writes (services)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils import timezone

from courses import api as courses_api

from .canonical import canonical_quiz
from .models.attempts import Attempt, QuizResult
from .models.choices import AttemptState, ReviewItem
from .selectors.essays import essays_waiting_count
from .selectors.review import attempts_left, quiz_closed, review_window
from .services.attempts import attempt_close, attempt_is_overdue
from .services.results import result_attempt

if TYPE_CHECKING:
    from .models.pages import QuizPage


def quiz_overview_for(*, quiz: QuizPage, user, request=None, course=None) -> dict[str, Any]:
    """The quiz start page: the rules, the learner's attempts and result, whether they may
    start. A fixed number of queries (attempts, result, enrolment, and the course unless
    given), whatever the number of questions or attempts; nothing about the questions."""
    if quiz.pk is None:  # the preview of a quiz not saved yet
        return {"quiz": quiz, "attempts": [], "can_start": False, "attempts_left": None}
    canonical = canonical_quiz(quiz)
    attempts = list(Attempt.objects.filter(user=user, quiz=canonical).order_by("number"))
    now = timezone.now()
    for attempt in attempts:
        # One the learner left when time ran out is closed (and graded) now.
        if attempt.state == AttemptState.IN_PROGRESS and attempt_is_overdue(attempt, now=now):
            attempt.quiz, attempt.user = canonical, user
            attempt_close(attempt=attempt, state=AttemptState.EXPIRED)
    open_attempt = next((a for a in attempts if a.state == AttemptState.IN_PROGRESS), None)
    result = QuizResult.objects.filter(user=user, quiz=canonical).first()
    course = course or courses_api.course_of(quiz)
    enrolment = courses_api.enrolment_for(user=user, course=course) if course else None
    left = attempts_left(quiz=canonical, used=len(attempts))
    closed = quiz_closed(canonical, result, left)
    for attempt in attempts:
        window = review_window(attempt=attempt, closed=closed, now=now)
        attempt.show_score = ReviewItem.SCORE in canonical.review_items(window)
    counted = result_attempt(attempts, canonical.grading_method)
    waiting = essays_waiting_count(attempts=attempts)  # no query unless an attempt waits
    return {
        "quiz": canonical,
        "course": course,
        "attempts": attempts,
        "open_attempt": open_attempt,
        "result": result,
        "show_result_score": counted is not None and counted.show_score,
        "enrolment": enrolment,
        "attempts_left": left,
        "can_start": enrolment is not None and open_attempt is None and left != 0,
        "essays_waiting": sum(waiting.values()),
    }

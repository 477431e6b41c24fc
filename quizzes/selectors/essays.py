"""Reads for essays: the answers waiting for a trainer's grade (the grading queue, the
reminders, the learner's "waiting" notes) and an answer's latest grade."""

from __future__ import annotations

from django.db.models import QuerySet

from ..models.attempts import AttemptQuestion
from ..models.choices import AttemptState, QuestionKind
from ..models.essays import EssayGrade

CLOSED = (AttemptState.SUBMITTED, AttemptState.EXPIRED)


def essay_answers() -> QuerySet:
    """Every essay answer of a closed attempt (by the version the attempt is pinned to)."""
    return AttemptQuestion.objects.filter(
        attempt__state__in=CLOSED, version__snapshot__kind=QuestionKind.ESSAY
    )


def essays_waiting(*, quizzes: QuerySet | None = None) -> QuerySet:
    """The essay answers waiting for a grade, oldest first; only in `quizzes` (the quizzes
    a trainer manages) when given."""
    waiting = essay_answers().filter(fraction__isnull=True)
    if quizzes is not None:
        waiting = waiting.filter(attempt__quiz__in=quizzes)
    return waiting.order_by("attempt__submitted_at", "attempt_id", "slot")


def essays_waiting_count(*, attempts) -> dict[int, int]:
    """{attempt id: essay answers waiting} for the attempts given (one query)."""
    counts: dict[int, int] = {}
    ids = [a.pk for a in attempts if a.is_waiting_for_grading]
    if not ids:
        return counts  # no query: nothing can wait
    for attempt_id in (
        essays_waiting().filter(attempt_id__in=ids).values_list("attempt_id", flat=True)
    ):
        counts[attempt_id] = counts.get(attempt_id, 0) + 1
    return counts


def essay_grades_latest(*, attempt_question_ids) -> dict[int, EssayGrade]:
    """{attempt question id: its latest grade} (one query)."""
    latest: dict[int, EssayGrade] = {}
    for grade in EssayGrade.objects.filter(
        attempt_question_id__in=list(attempt_question_ids)
    ).order_by("attempt_question_id", "-graded_at", "-pk"):
        latest.setdefault(grade.attempt_question_id, grade)
    return latest

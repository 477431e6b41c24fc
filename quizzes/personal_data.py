"""A person's quiz attempts and results, for the personal-data export (accounts.personal_data).

Erasure keeps attempts: they are learning records, anonymous once the account's identity is
erased, and course completions and statistics rest on them."""

from __future__ import annotations

from typing import Any

from .models import Attempt, QuizResult
from .selectors import readable_response


def _iso(value):
    return value.isoformat() if value else None


def _number(value):
    return None if value is None else str(value)


def personal_data_quizzes(user) -> dict[str, Any]:
    attempts = (
        Attempt.objects.filter(user=user)
        .select_related("quiz")
        .prefetch_related("questions__question", "questions__version")
        .order_by("started_at", "pk")
    )
    return {
        "attempts": [
            {
                "quiz": attempt.quiz.title,
                "number": attempt.number,
                "state": attempt.state,
                "started_at": _iso(attempt.started_at),
                "submitted_at": _iso(attempt.submitted_at),
                "score_percent": _number(attempt.score),
                "passed": attempt.passed,
                "answers": [
                    {"question": str(aq.question), "response": readable_response(aq)}
                    for aq in sorted(attempt.questions.all(), key=lambda aq: aq.slot)
                ],
            }
            for attempt in attempts
        ],
        "results": [
            {
                "quiz": result.quiz.title,
                "score_percent": _number(result.score),
                "passed": result.passed,
                "attempts": result.attempts_count,
                "updated_at": _iso(result.updated_at),
            }
            for result in QuizResult.objects.filter(user=user).select_related("quiz")
        ],
    }

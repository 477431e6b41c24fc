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


def _essay_grade(aq) -> dict[str, Any]:
    """An essay's latest grade: the marks, the rubric points and the trainer's feedback
    (not who graded: that is the trainer's, not the learner's, data)."""
    grades = sorted(aq.essay_grades.all(), key=lambda g: (g.graded_at, g.pk))
    if not grades:
        return {}
    grade = grades[-1]
    return {
        "essay_grade": {
            "marks": _number(grade.marks_obtained),
            "rubric": grade.rubric,
            "feedback": grade.feedback,
            "graded_at": _iso(grade.graded_at),
        }
    }


def personal_data_quizzes(user) -> dict[str, Any]:
    attempts = (
        Attempt.objects.filter(user=user)
        .select_related("quiz")
        .prefetch_related("questions__question", "questions__version", "questions__essay_grades")
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
                    {
                        "question": str(aq.question),
                        "response": readable_response(aq),
                        **_essay_grade(aq),
                    }
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

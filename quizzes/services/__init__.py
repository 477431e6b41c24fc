"""Writes for quizzes, by concern:

- `attempts`: starting, saving, submitting, closing and grading attempts;
- `results`: the learner's standing on a quiz and the course's step;
- `regrading`: moving closed attempts to their questions' latest versions;
- `essays`: a trainer's grade of an essay answer, and reminders of answers waiting.

The names other modules use are importable from here.
"""

from .attempts import (
    AttemptRefused,
    attempt_close,
    attempt_grade,
    attempt_is_overdue,
    attempt_save_responses,
    attempt_score,
    attempt_start,
    attempt_submit,
    attempts_close_overdue,
    essay_limit_problems,
    grace,
    questions_for_attempt,
)
from .essays import essay_fraction, essay_grade, essay_reminders_send
from .regrading import RegradeChange, VersionMove, regrade_apply, regrade_preview
from .results import quiz_result_update, result_attempt

__all__ = [
    "AttemptRefused",
    "RegradeChange",
    "VersionMove",
    "attempt_close",
    "attempt_grade",
    "attempt_is_overdue",
    "attempt_save_responses",
    "attempt_score",
    "attempt_start",
    "attempt_submit",
    "attempts_close_overdue",
    "essay_fraction",
    "essay_grade",
    "essay_limit_problems",
    "essay_reminders_send",
    "grace",
    "questions_for_attempt",
    "quiz_result_update",
    "regrade_apply",
    "regrade_preview",
    "result_attempt",
]

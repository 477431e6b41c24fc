"""Reads for quizzes, by concern:

- `attempt_pages`: an open attempt's pages, its questions as the answering form shows them
  (nothing that reveals the key), the summary before submitting;
- `review`: the review of a closed attempt and the result page around it;
- `essays`: the essay answers waiting for a trainer's grade, and their grades.

Which quiz a page is (`canonical_quiz`) is in `quizzes.canonical`, and the start page a
learner sees in `quizzes.overview`. The names other modules use are importable from here.
"""

from ..canonical import canonical_quiz, quiz_language
from .attempt_pages import (
    Choice,
    ShownQuestion,
    SummaryRow,
    attempt_for_user,
    attempt_page_context,
    attempt_pages,
    attempt_questions_on_page,
    attempt_summary_context,
    is_answered,
    readable_response,
    shown_questions,
)
from .essays import (
    essay_answers,
    essay_grades_latest,
    essays_waiting,
    essays_waiting_count,
)
from .review import (
    Tally,
    attempts_left,
    quiz_closed,
    result_context,
    review_context,
    review_immediate_period,
    review_window,
)

__all__ = [
    "Choice",
    "ShownQuestion",
    "SummaryRow",
    "Tally",
    "attempt_for_user",
    "attempt_page_context",
    "attempt_pages",
    "attempt_questions_on_page",
    "attempt_summary_context",
    "attempts_left",
    "canonical_quiz",
    "essay_answers",
    "essay_grades_latest",
    "essays_waiting",
    "essays_waiting_count",
    "is_answered",
    "quiz_closed",
    "quiz_language",
    "readable_response",
    "result_context",
    "review_context",
    "review_immediate_period",
    "review_window",
    "shown_questions",
]

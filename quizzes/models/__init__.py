"""Quizzes: the question bank (Wagtail snippets with revisions), quiz pages, attempts and
results.

- `bank`: `Question` is one item of the bank. Its options (`QuestionOption`) carry what
  each type needs: choices with a fraction of the marks and feedback, accepted short
  answers, matching pairs, items in their correct order. A scenario question is a vignette
  whose sub-questions are ordinary questions pointing at it (`scenario`). A
  `QuestionVersion` freezes what learners saw (`frozen`: its content as grading reads it).
- `pages`: `QuizPage` lives in a module beside lessons: fixed questions and random draws
  from a category (`QuizSlot`), and the settings (attempts, time limit, pass mark,
  grading method, review policy).
- `attempts`: `Attempt` is one sitting; `AttemptQuestion` one question of it, with the
  learner's response and, once graded, its fraction. `QuizResult` is the learner's
  standing on a quiz (one row per learner and quiz), kept up to date on every grading and
  regrade.
- `essays`: an essay question's rubric (`RubricCriterion`) and the grades trainers give
  essay answers (`EssayGrade`).
- `imports`: `QuestionImport` is one Moodle XML or GIFT import, its file kept while it
  waits for the trainer's confirmation and its report kept for good.
- `choices`: the choices and decimal sizes all of them use.

The page types come last: they serve pages with code (quizzes.quiz_shell, overview,
services) that imports the bank and the attempts, never the pages.
"""

from .attempts import Attempt, AttemptQuestion, QuizResult, Regrade
from .bank import Question, QuestionCategory, QuestionOption, QuestionTag, QuestionVersion
from .choices import (
    FRACTION,
    MARKS,
    PERCENT,
    AttemptState,
    GradingMethod,
    Language,
    QuestionKind,
    ReviewItem,
    ReviewWindow,
)
from .essays import EssayGrade, RubricCriterion
from .frozen import FrozenQuestion
from .imports import ImportFormat, ImportStatus, QuestionImport
from .pages import (
    REVIEW_FIELDS,
    REVIEW_NEEDS_CORRECT,
    QuizPage,
    QuizPageForm,
    QuizSlot,
    review_default_after_close,
    review_default_before_close,
)

__all__ = [
    "FRACTION",
    "MARKS",
    "PERCENT",
    "REVIEW_FIELDS",
    "REVIEW_NEEDS_CORRECT",
    "Attempt",
    "AttemptQuestion",
    "AttemptState",
    "EssayGrade",
    "FrozenQuestion",
    "GradingMethod",
    "ImportFormat",
    "ImportStatus",
    "Language",
    "Question",
    "QuestionCategory",
    "QuestionImport",
    "QuestionKind",
    "QuestionOption",
    "QuestionTag",
    "QuestionVersion",
    "QuizPage",
    "QuizPageForm",
    "QuizResult",
    "QuizSlot",
    "Regrade",
    "ReviewItem",
    "ReviewWindow",
    "RubricCriterion",
    "review_default_after_close",
    "review_default_before_close",
]

"""What other apps may use of quizzes. Import this module, not quizzes' internals."""

from .grading import grade  # noqa: F401  # Used by demo
from .models import (  # noqa: F401  # Used by demo
    Attempt,
    AttemptQuestion,
    AttemptState,
    Question,
    QuestionKind,
    QuizPage,
    QuizResult,
)
from .versions import question_versions_current  # noqa: F401  # Used by demo

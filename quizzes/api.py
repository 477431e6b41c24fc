"""What other apps may use of quizzes. Import this module, not quizzes' internals.

Quizzes are steps of courses: they register `QuizPage` with courses (QuizzesConfig.ready())
and tell courses when a learner passed one. Nobody below quizzes needs them; the demo history
(which writes attempts as learners would have made them) and statistics read these:

- `QuizPage`: the quiz page type. `Question`, `QuestionKind`: the question bank.
- `Attempt`, `AttemptQuestion`, `AttemptState`, `QuizResult`: a learner's attempts and
  best result.
- `grade(question, response)`: the score of a response (0 to 1).
- `question_versions_current(...)`: the frozen versions an attempt is graded against.
- `option_order(question, *, shuffle, rng=None)`: the order an attempt shows the options in.
- `quiz_standing(*, quiz, user)`: a learner's attempts left (None: unlimited) and whether
  they passed, read without closing anything (the offline placeholder of a quiz).
- `attempt_scored` (kwargs: `attempt`): a signal sent inside the transaction that scores an
  attempt (xAPI listens).
"""

from .grading import grade
from .models import (
    Attempt,
    AttemptQuestion,
    AttemptState,
    Question,
    QuestionKind,
    QuizPage,
    QuizResult,
)
from .selectors.review import quiz_standing
from .services.attempts import option_order
from .signals import attempt_scored
from .versions import question_versions_current

__all__ = [
    "Attempt",
    "AttemptQuestion",
    "AttemptState",
    "Question",
    "QuestionKind",
    "QuizPage",
    "QuizResult",
    "attempt_scored",
    "grade",
    "option_order",
    "question_versions_current",
    "quiz_standing",
]

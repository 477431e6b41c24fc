"""What other apps may use of evaluation (participant surveys and knowledge gain after
courses and trainings). Import this module, not evaluation's internals.

- `Survey`, `Response`, `Answer`, `Invitation`: the models (statistics read them).
- `survey_results(*, survey)`, `user_may_read_results(*, user, survey)`.
"""

from .models import Answer, Invitation, Response, Survey
from .selectors import survey_results, user_may_read_results

__all__ = [
    "Answer",
    "Invitation",
    "Response",
    "Survey",
    "survey_results",
    "user_may_read_results",
]

"""What other apps may use of evaluation (participant surveys and knowledge gain after
courses and trainings). Import this module, not evaluation's internals.

- `Survey`, `SurveyItem`, `ItemKind`, `Response`, `Answer`, `Invitation`: the models
  (statistics read them); `LIKERT_LABELS`: the labels of a scale item's 1 to 5.
- `survey_results(*, survey)`, `user_may_read_results(*, user, survey)`.
- `KnowledgeTest` (a course's or training's pre- and post-test) and
  `people_gains(test)`: each person's pre and post scores (`PersonGain`), unpublished; the
  statistics (programme report, dashboard, API) group and protect them.
"""

from .gain import PersonGain, people_gains
from .models import (
    LIKERT_LABELS,
    Answer,
    Invitation,
    ItemKind,
    KnowledgeTest,
    Response,
    Survey,
    SurveyItem,
)
from .selectors import survey_results, user_may_read_results

__all__ = [
    "LIKERT_LABELS",
    "Answer",
    "Invitation",
    "ItemKind",
    "KnowledgeTest",
    "PersonGain",
    "Response",
    "Survey",
    "SurveyItem",
    "people_gains",
    "survey_results",
    "user_may_read_results",
]

"""The choices of the quiz models and the sizes of their decimal fields, defined once here
so that the code below the page types (grading, attempts, reviews) can use them without
importing the models that serve pages."""

from django.db import models
from django.utils.translation import gettext_lazy as _

FRACTION = {"max_digits": 7, "decimal_places": 5}
# An option's fraction keeps Moodle's seven decimals (0.3333333), so three 33.33333 %
# options add up to full marks.
OPTION_FRACTION = {"max_digits": 9, "decimal_places": 7}
MARKS = {"max_digits": 6, "decimal_places": 2}
PERCENT = {"max_digits": 5, "decimal_places": 2}


class Language(models.TextChoices):
    SERBIAN = "sr", _("Serbian")
    ENGLISH = "en", _("English")


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple response")
    TRUE_FALSE = "true_false", _("True / false")
    MATCHING = "matching", _("Matching")
    ORDERING = "ordering", _("Ordering")
    NUMERIC = "numeric", _("Numeric")
    SHORT_TEXT = "short_text", _("Short text")
    SCENARIO = "scenario", _("Scenario")
    ESSAY = "essay", _("Essay")
    CLOZE = "cloze", _("Embedded answers (cloze)")


class GradingMethod(models.TextChoices):
    HIGHEST = "highest", _("Highest attempt")
    LAST = "last", _("Last attempt")
    FIRST = "first", _("First attempt")


class ReviewItem(models.TextChoices):
    """What the review of a closed attempt may show."""

    RESPONSE = "response", _("The learner's answers")
    SCORE = "score", _("The total score")
    MARKS = "marks", _("Marks per question")
    CORRECT = "correct", _("The correct answers")
    FEEDBACK = "feedback", _("Feedback")


class ReviewWindow(models.TextChoices):
    """When the review is read: during the attempt, within a short time of submitting
    (`QUIZ_REVIEW_IMMEDIATE_SECONDS`, 2 minutes as in Moodle), later while the learner may
    still try again (attempts left and not passed), and once the quiz is closed for them
    (passed or out of attempts). The windows follow each other: each moment is in one."""

    DURING = "during", _("During the attempt")
    IMMEDIATELY = "immediately", _("Immediately after the attempt")
    OPEN = "open", _("Later, while the quiz is still open")
    CLOSED = "closed", _("After the quiz is closed")


# Items that say or imply whether an answer was right: shown only where the correct


class AttemptState(models.TextChoices):
    IN_PROGRESS = "in_progress", _("In progress")
    SUBMITTED = "submitted", _("Submitted")
    EXPIRED = "expired", _("Closed when time ran out")

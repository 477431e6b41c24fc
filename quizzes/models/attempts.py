"""Attempts and results: `Attempt` is one sitting of a quiz; `AttemptQuestion` one question
of it, with the learner's response and, once graded, its fraction. An essay answer has no fraction
until a trainer grades it (`EssayGrade`). `QuizResult` is the
learner's standing on a quiz (one row per learner and quiz), kept up to date on every
grading and regrade; `Regrade` records a regrade a trainer confirmed.

The quiz is referred to by name ("quizzes.QuizPage"): the page type is defined above the
code that grades attempts (see `quizzes.models`)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from .bank import Question, QuestionVersion
from .choices import FRACTION, MARKS, PERCENT, AttemptState


class Attempt(models.Model):
    """One sitting of a quiz. `quiz` is the quiz in the default locale (where attempts are
    counted); `served_from` the translation the learner took it in.

    The database keeps the attempts within the limit: numbers are unique per learner and
    quiz, and a number above the limit copied at the start (`max_attempts`) is refused.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiz_attempts"
    )
    quiz = models.ForeignKey("quizzes.QuizPage", on_delete=models.CASCADE, related_name="attempts")
    served_from = models.ForeignKey(
        "quizzes.QuizPage", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    number = models.PositiveSmallIntegerField()
    max_attempts = models.PositiveSmallIntegerField(default=0)
    state = models.CharField(
        max_length=15, choices=AttemptState.choices, default=AttemptState.IN_PROGRESS
    )
    started_at = models.DateTimeField(auto_now_add=True)
    deadline = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    graded_at = models.DateTimeField(null=True, blank=True)
    marks_obtained = models.DecimalField(**MARKS, null=True, blank=True)
    marks_total = models.DecimalField(**MARKS, null=True, blank=True)
    score = models.DecimalField(**PERCENT, null=True, blank=True)
    passed = models.BooleanField(null=True)

    class Meta:
        verbose_name = _("attempt")
        verbose_name_plural = _("attempts")
        ordering = ["quiz_id", "user_id", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "quiz", "number"], name="quizzes_attempt_number_unique"
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1) & (Q(max_attempts=0) | Q(number__lte=F("max_attempts"))),
                name="quizzes_attempt_within_limit",
            ),
            models.UniqueConstraint(
                fields=["user", "quiz"],
                condition=Q(state="in_progress"),
                name="quizzes_one_open_attempt",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.quiz_id} #{self.number}"

    @property
    def is_open(self) -> bool:
        return self.state == AttemptState.IN_PROGRESS

    @property
    def is_waiting_for_grading(self) -> bool:
        """Closed, but not scored yet: an essay answer waits for a trainer's grade
        (`quizzes.services.essays`). Neither passed nor failed meanwhile."""
        return self.state != AttemptState.IN_PROGRESS and self.graded_at is None


class AttemptQuestion(models.Model):
    """A question as it stands in an attempt: where it is shown, the order of its options,
    the learner's response and, once graded, the fraction of its marks earned."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="questions")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    version = models.ForeignKey(
        QuestionVersion, on_delete=models.PROTECT, related_name="attempt_questions"
    )
    scenario = models.ForeignKey(
        Question, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    slot = models.PositiveSmallIntegerField()
    page = models.PositiveSmallIntegerField()
    option_order = models.JSONField(default=list, blank=True)
    marks = models.DecimalField(**MARKS)
    response = models.JSONField(null=True, blank=True)
    fraction = models.DecimalField(**FRACTION, null=True, blank=True)
    # An essay waiting for its grade: when its course's trainers were last reminded.
    essay_reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["attempt_id", "slot"]
        constraints = [
            models.UniqueConstraint(fields=["attempt", "slot"], name="quizzes_attempt_slot"),
            models.UniqueConstraint(
                fields=["attempt", "question"], name="quizzes_attempt_question_once"
            ),
        ]
        indexes = [
            # The essays waiting for a grade (and the questions of open attempts): few rows.
            models.Index(
                fields=["attempt"], condition=Q(fraction__isnull=True), name="quizzes_aq_ungraded"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.attempt_id} · {self.slot}"

    @property
    def content(self):
        """The question as this attempt shows and grades it: the version pinned when the
        attempt started (select_related("version") to load it with the row)."""
        return self.version.content

    @property
    def marks_obtained(self) -> Decimal | None:
        if self.fraction is None:
            return None
        return (self.marks * self.fraction).quantize(Decimal("0.01"))


class QuizResult(models.Model):
    """A learner's standing on a quiz, by the quiz's grading method."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiz_results"
    )
    quiz = models.ForeignKey("quizzes.QuizPage", on_delete=models.CASCADE, related_name="results")
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="quiz_results"
    )
    score = models.DecimalField(**PERCENT)
    passed = models.BooleanField()
    attempts_count = models.PositiveSmallIntegerField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("quiz result")
        verbose_name_plural = _("quiz results")
        constraints = [models.UniqueConstraint(fields=["user", "quiz"], name="quizzes_one_result")]
        indexes = [models.Index(fields=["course", "passed"])]

    def __str__(self) -> str:
        return f"{self.user} · {self.quiz_id}: {self.score}"


class Regrade(models.Model):
    """A regrade a trainer confirmed: who, when, and which attempts changed."""

    quiz = models.ForeignKey("quizzes.QuizPage", on_delete=models.CASCADE, related_name="regrades")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    performed_at = models.DateTimeField(auto_now_add=True)
    attempts_changed = models.PositiveIntegerField(default=0)
    changes = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = _("regrade")
        verbose_name_plural = _("regrades")
        ordering = ["-performed_at"]

    def __str__(self) -> str:
        return f"{self.quiz_id} · {self.performed_at:%Y-%m-%d %H:%M}"

"""Essays: a question's rubric (`RubricCriterion`, edited inline in the question snippet,
used by essay questions only) and the grades trainers give essay answers (`EssayGrade`).

A grade keeps the rubric it was given with, criterion by criterion (description, maximum
and points) as JSON: editing the rubric later changes neither the grade nor what it says.
Grading again writes a new row; the latest is the answer's grade, the earlier ones its
history."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable

from .attempts import AttemptQuestion
from .bank import Question
from .choices import FRACTION, MARKS


class RubricCriterion(Orderable):
    question = ParentalKey(Question, on_delete=models.CASCADE, related_name="rubric")
    description = models.TextField(
        _("criterion"),
        max_length=1000,
        help_text=_("What the answer is judged on, e.g. “Qualifies the act under Article 388”."),
    )
    max_points = models.DecimalField(
        _("maximum points"),
        **MARKS,
        default=Decimal("1"),
        validators=[MinValueValidator(Decimal("0.01"))],
    )

    panels = [FieldPanel("description"), FieldPanel("max_points")]

    class Meta(Orderable.Meta):
        verbose_name = _("rubric criterion")
        verbose_name_plural = _("rubric criteria")

    def __str__(self) -> str:
        return self.description


class EssayGrade(models.Model):
    """A trainer's grade of one essay answer: the fraction of the question's marks, the
    points per rubric criterion (as the rubric stood), feedback for the learner, who and
    when."""

    attempt_question = models.ForeignKey(
        AttemptQuestion, on_delete=models.CASCADE, related_name="essay_grades"
    )
    grader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("grader"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    graded_at = models.DateTimeField(_("graded at"), default=timezone.now)
    fraction = models.DecimalField(_("fraction of marks"), **FRACTION)
    marks_obtained = models.DecimalField(_("marks"), **MARKS)
    rubric = models.JSONField(
        _("rubric points"),
        default=list,
        blank=True,
        help_text="[{criterion, max_points, points}] as the rubric stood (strings).",
    )
    feedback = models.TextField(_("feedback"), max_length=5000, blank=True)

    class Meta:
        verbose_name = _("essay grade")
        verbose_name_plural = _("essay grades")
        ordering = ["attempt_question_id", "-graded_at", "-pk"]
        indexes = [models.Index(fields=["attempt_question", "-graded_at"])]

    def __str__(self) -> str:
        return f"{self.attempt_question_id}: {self.fraction}"

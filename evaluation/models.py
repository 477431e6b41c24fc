"""Evaluation of courses and trainings: pre- and post-tests (`KnowledgeTest`, read by
`evaluation.gain`), and participant surveys.

Participant surveys: reaction right after a course or training (Kirkpatrick level 1)
and follow-up some weeks later (level 3, whether people apply what they learnt).

A survey is a Wagtail snippet of items (Likert scale, single or multiple choice, free text),
attached to a course or a training. Who is asked is an `Invitation` (one per person and
survey: when asked, reminded, answered); what they answered is a `Response` with its
`Answer`s. For an anonymous survey the response carries no link to the person: no user, a
random id (no order to match against invitations), only the month it was given, and the
person's profession and institution (for figures, which hide small groups). The invitation
says who answered, never what."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable


class CourseOrTraining(models.Model):
    """What a pre/post test or a survey belongs to: a course or a training, exactly one
    (each subclass's check constraint keeps the "at most one" in the database)."""

    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    training = models.ForeignKey(
        "trainings.TrainingPage",
        verbose_name=_("training"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        abstract = True

    def clean(self):
        if bool(self.course_id) == bool(self.training_id):
            raise ValidationError(_("Attach it to a course or to a training."))


class KnowledgeTest(CourseOrTraining):
    """A course's or training's pre-test and post-test: what people knew before and after.
    The two may be the same quiz (drawing its questions again): the first graded attempt is
    the pre-test, the latest later one the post-test."""

    pre_test = models.ForeignKey(
        "quizzes.QuizPage", verbose_name=_("pre-test"), on_delete=models.PROTECT, related_name="+"
    )
    post_test = models.ForeignKey(
        "quizzes.QuizPage",
        verbose_name=_("post-test"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    panels = [
        FieldPanel("course"),
        FieldPanel("training"),
        FieldPanel("pre_test"),
        FieldPanel("post_test"),
    ]

    class Meta:
        verbose_name = _("pre- and post-test")
        verbose_name_plural = _("pre- and post-tests")
        constraints = [
            models.CheckConstraint(
                condition=Q(course__isnull=True) | Q(training__isnull=True),
                name="evaluation_test_course_or_training",
            )
        ]

    def __str__(self) -> str:
        return str(self.course or self.training or self.pk)


class SurveyLevel(models.TextChoices):
    REACTION = "reaction", _("Reaction, at completion (level 1)")
    FOLLOW_UP = "follow_up", _("Follow-up, weeks later (level 3)")


class ItemKind(models.TextChoices):
    LIKERT = "likert", _("Scale of 1 to 5 (strongly disagree to strongly agree)")
    SINGLE = "single", _("One choice")
    MULTIPLE = "multiple", _("Several choices")
    TEXT = "text", _("Free text")


LIKERT_LABELS = (
    _("Strongly disagree"),
    _("Disagree"),
    _("Neither agree nor disagree"),
    _("Agree"),
    _("Strongly agree"),
)


class Survey(CourseOrTraining, ClusterableModel):
    title = models.CharField(_("title"), max_length=200)
    intro = models.TextField(_("introduction"), blank=True)
    level = models.CharField(
        _("kind"), max_length=20, choices=SurveyLevel.choices, default=SurveyLevel.REACTION
    )
    anonymous = models.BooleanField(
        _("anonymous"),
        default=True,
        help_text=_(
            "Answers are kept without any link to the person; nobody, administrators "
            "included, can see who answered what."
        ),
    )
    weeks_after = models.PositiveSmallIntegerField(
        _("weeks after completion"),
        default=0,
        validators=[MaxValueValidator(104)],
        help_text=_("Follow-up: how many weeks after completion people are asked."),
    )
    remind_after_days = models.PositiveSmallIntegerField(
        _("remind after (days)"),
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
        help_text=_("One reminder to those who have not answered by then."),
    )
    is_open = models.BooleanField(_("open for answers"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("level"),
                FieldPanel("course"),
                FieldPanel("training"),
                FieldPanel("weeks_after"),
                FieldPanel("remind_after_days"),
                FieldPanel("anonymous"),
                FieldPanel("is_open"),
            ],
            heading=_("Who is asked, and when"),
        ),
        InlinePanel("items", label=_("Items"), min_num=1),
    ]

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(course__isnull=True) | Q(training__isnull=True),
                name="evaluation_course_or_training",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        super().clean()
        if self.level == SurveyLevel.FOLLOW_UP and not self.weeks_after:
            raise ValidationError(
                {"weeks_after": _("A follow-up survey is sent some weeks after completion.")}
            )


class SurveyItem(Orderable):
    survey = ParentalKey(Survey, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(_("kind"), max_length=10, choices=ItemKind.choices)
    text = models.CharField(_("question or statement"), max_length=500)
    choices = models.TextField(
        _("choices"), blank=True, help_text=_("One choice, several choices: one per line.")
    )
    required = models.BooleanField(_("required"), default=True)

    panels = [
        FieldPanel("kind"),
        FieldPanel("text"),
        FieldPanel("choices"),
        FieldPanel("required"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("item")
        verbose_name_plural = _("items")

    def __str__(self) -> str:
        return self.text

    @property
    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]

    def clean(self):
        if self.kind in (ItemKind.SINGLE, ItemKind.MULTIPLE) and len(self.choice_list) < 2:
            raise ValidationError({"choices": _("Give two choices or more, one per line.")})


class Invitation(models.Model):
    """Who is asked to answer, and whether they did (never what)."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="survey_invitations"
    )
    due_at = models.DateTimeField(_("to be sent at"))
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True)
    answered = models.BooleanField(_("answered"), default=False)

    class Meta:
        verbose_name = _("survey invitation")
        verbose_name_plural = _("survey invitations")
        constraints = [
            models.UniqueConstraint(fields=["survey", "user"], name="evaluation_one_invitation")
        ]

    def __str__(self) -> str:
        return f"{self.survey_id} · {self.user_id}"


class Response(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    # Only for a survey that is not anonymous.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="survey_responses",
    )
    month = models.DateField(_("month"))  # the first day of the month it was given
    profession = models.CharField(_("profession"), max_length=30, blank=True)
    institution_path = models.CharField(max_length=255, blank=True)

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")

    def __str__(self) -> str:
        return f"{self.survey_id} · {self.month:%Y-%m}"


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    item = models.ForeignKey(SurveyItem, on_delete=models.CASCADE, related_name="answers")
    value = models.JSONField()  # 1..5; a choice; a list of choices; text

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["response", "item"], name="evaluation_one_answer")
        ]

    def __str__(self) -> str:
        return f"{self.item_id}: {self.value}"

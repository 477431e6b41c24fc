"""Quiz pages: a quiz lives in a module beside lessons, with fixed questions and random
draws from a category (`QuizSlot`), and its settings (attempts, time limit, pass mark,
grading method, review policy).

A quiz page is served through pagecache (quizzes.quiz_shell builds the shared page,
quizzes.quiz_panel fills the learner's panel); nothing in quizzes.models imports the code
that reads or writes attempts, which imports the models."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from courses.api import canonical_id, course_is_visible_to, course_of
from pagecache.api import serve_cached
from serbian.api import SerbianScriptsPageMixin

from ..quiz_shell import quiz_entry_for
from .bank import Question, QuestionCategory
from .choices import PERCENT, GradingMethod, ReviewItem, ReviewWindow

# Items that say or imply whether an answer was right: shown only where the correct
# answers are (per-question marks give a true/false or single-choice key away, and
# feedback usually names or explains the right answer).
REVIEW_NEEDS_CORRECT = (ReviewItem.MARKS, ReviewItem.FEEDBACK)


def review_default_before_close() -> list[str]:
    return [ReviewItem.RESPONSE.value, ReviewItem.SCORE.value]


def review_default_after_close() -> list[str]:
    return list(ReviewItem.values)


REVIEW_FIELDS = {
    ReviewWindow.IMMEDIATELY: "review_immediately",
    ReviewWindow.OPEN: "review_open",
    ReviewWindow.CLOSED: "review_closed",
}


class QuizPageForm(WagtailAdminPageForm):
    """The review options as ticks, one set of items per window; and a quiz may use only its
    own course's questions and categories, and the national bank's."""

    review_immediately = forms.MultipleChoiceField(
        label=_("Immediately after the attempt"),
        choices=ReviewItem.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    review_open = forms.MultipleChoiceField(
        label=_("Later, while the quiz is still open"),
        choices=ReviewItem.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    review_closed = forms.MultipleChoiceField(
        label=_("After the quiz is closed"),
        choices=ReviewItem.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("slots")
        if formset is None:
            return cleaned
        course_id = self._course_id()
        formset.is_valid()
        refused = False
        for form in formset.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if data.get("DELETE"):
                continue
            for name in ("question", "category"):
                chosen = data.get(name)
                if chosen is None:
                    continue
                category = chosen.category if name == "question" else chosen
                if category.course_id is not None and category.course_id != course_id:
                    form.add_error(
                        name,
                        _(
                            "This quiz may use only its own course's questions and "
                            "categories, and the national bank's."
                        ),
                    )
                    refused = True
        if refused:
            self.add_error(
                None,
                _("Some questions or categories belong to another course's bank."),
            )
        return cleaned

    def _course_id(self) -> int | None:
        page = self.instance if self.instance.pk else self.parent_page
        if page is None:
            return None
        course = course_of(page)
        return canonical_id(course) if course is not None else None


class QuizPage(SerbianScriptsPageMixin, Page):
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    required = models.BooleanField(
        _("required for completion"),
        default=True,
        help_text=_("Passing a required quiz is a step of the course."),
    )
    is_final = models.BooleanField(_("final exam"), default=False)
    pass_mark = models.DecimalField(
        _("pass mark (%)"),
        **PERCENT,
        default=Decimal("70"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    attempts_allowed = models.PositiveSmallIntegerField(
        _("attempts allowed"), default=3, help_text=_("0: unlimited.")
    )
    time_limit_minutes = models.PositiveSmallIntegerField(
        _("time limit (minutes)"), null=True, blank=True, help_text=_("Empty: no time limit.")
    )
    grading_method = models.CharField(
        _("grading method"),
        max_length=10,
        choices=GradingMethod.choices,
        default=GradingMethod.HIGHEST,
    )
    questions_per_page = models.PositiveSmallIntegerField(
        _("questions per page"), default=5, validators=[MinValueValidator(1)]
    )
    shuffle_options = models.BooleanField(
        _("shuffle options"),
        default=True,
        help_text=_(
            "Each question's own setting can still keep its options in order. Options in "
            "the order they were written let a learner guess by position (the right answer "
            "is often written first); matching choices and ordering items are always "
            "shuffled."
        ),
    )
    estimated_minutes = models.PositiveSmallIntegerField(
        _("estimated minutes"), default=15, validators=[MaxValueValidator(600)]
    )
    review_immediately = models.JSONField(
        _("immediately after the attempt"),
        default=review_default_before_close,
        blank=True,
    )
    review_open = models.JSONField(
        _("later, while the quiz is still open"),
        default=review_default_before_close,
        blank=True,
    )
    review_closed = models.JSONField(
        _("after the quiz is closed"),
        default=review_default_after_close,
        blank=True,
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        InlinePanel(
            "slots",
            label=_("Questions"),
            help_text=_("A fixed question, or a number of questions drawn from a category."),
        ),
    ]
    settings_panels = [
        MultiFieldPanel(
            [
                FieldPanel("required"),
                FieldPanel("is_final"),
                FieldPanel("pass_mark"),
                FieldPanel("attempts_allowed"),
                FieldPanel("time_limit_minutes"),
                FieldPanel("grading_method"),
                FieldPanel("questions_per_page"),
                FieldPanel("shuffle_options"),
                FieldPanel("estimated_minutes"),
            ],
            heading=_("Quiz settings"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("review_immediately"),
                FieldPanel("review_open"),
                FieldPanel("review_closed"),
            ],
            heading=_("Review options"),
            help_text=_(
                "What the learner sees of a submitted attempt, by when they look: within "
                "2 minutes of submitting, later while they may still try again (attempts "
                "left and not passed), and once the quiz is closed for them (passed or out "
                "of attempts). During the attempt they see only their own answers. Marks "
                "per question and feedback are shown only where the correct answers are: "
                "a mark says whether a true/false or single-choice answer was right, and "
                "feedback usually explains the right answer."
            ),
        ),
        *Page.settings_panels,
    ]
    base_form_class = QuizPageForm
    search_fields = [*Page.search_fields, *SerbianScriptsPageMixin.search_fields_scripts]
    parent_page_types = ["courses.ModulePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("quiz")

    def clean(self):
        super().clean()
        errors = {}
        for window in REVIEW_FIELDS.values():
            items = getattr(self, window) or []
            unknown = set(items) - set(ReviewItem.values)
            if unknown:
                errors[window] = _("Unknown review item.")
            elif ReviewItem.CORRECT not in items and set(items) & set(REVIEW_NEEDS_CORRECT):
                errors[window] = _(
                    "Marks per question and feedback give the right answer away: show them "
                    "only together with the correct answers."
                )
        if errors:
            raise ValidationError(errors)

    def review_items(self, window: str) -> frozenset[str]:
        """What the review shows in `window`, the server's rule whatever was stored: nothing
        but the form during the attempt, and marks and feedback only with the correct
        answers."""
        field_name = REVIEW_FIELDS.get(window)
        items = set(getattr(self, field_name) or []) if field_name else set()
        items &= set(ReviewItem.values)
        if ReviewItem.CORRECT not in items:
            items -= set(REVIEW_NEEDS_CORRECT)
        return frozenset(items)

    def serve(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        course = course_of(self)
        if course is None or not course_is_visible_to(course=course, user=request.user):
            raise Http404
        if getattr(request, "is_preview", False):
            # The course found here is handed on to get_context, not looked up again.
            return super().serve(request, *args, course=course, **kwargs)
        return serve_cached(
            request=request,
            page=self,
            entry=quiz_entry_for(page=self, course=course, request=request),
        )

    # What the start page shows the learner (their attempts and result, what they may do
    # next) is read by quizzes.overview, which imports these models (it reads the attempts
    # and closes one whose time ran out): QuizzesConfig.ready() hands it to the page type,
    # as quizzes.quiz_panel hands the cached page's filler to pagecache.
    learner_overview: Callable[..., dict[str, Any]] | None = None

    @classmethod
    def learner_overview_register(cls, overview: Callable[..., dict[str, Any]]) -> None:
        cls.learner_overview = staticmethod(overview)

    def get_context(self, request, *args, course=None, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(
            self.learner_overview(quiz=self, user=request.user, request=request, course=course)
        )
        return context


class QuizSlot(Orderable):
    """A fixed question, or `draw_count` questions drawn at random from a category."""

    page = ParentalKey(QuizPage, on_delete=models.CASCADE, related_name="slots")
    question = models.ForeignKey(
        Question,
        verbose_name=_("question"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"scenario__isnull": True},
    )
    category = models.ForeignKey(
        QuestionCategory,
        verbose_name=_("or draw from category"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    draw_count = models.PositiveSmallIntegerField(_("how many to draw"), default=1)

    panels = [FieldPanel("question"), FieldPanel("category"), FieldPanel("draw_count")]

    class Meta(Orderable.Meta):
        verbose_name = _("quiz question")
        constraints = [
            models.CheckConstraint(
                condition=Q(question__isnull=False, category__isnull=True)
                | Q(question__isnull=True, category__isnull=False),
                name="quizzes_slot_question_or_category",
            )
        ]

    def clean(self):
        if bool(self.question_id) == bool(self.category_id):
            raise ValidationError(_("Choose either a question or a category to draw from."))

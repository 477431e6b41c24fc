"""Quizzes: the question bank (Wagtail snippets with revisions), quiz pages, attempts and
results.

- `Question` is one item of the bank. Its options (`QuestionOption`) carry what each type
  needs: choices with a fraction of the marks and feedback, accepted short answers,
  matching pairs, items in their correct order. A scenario question is a vignette whose
  sub-questions are ordinary questions pointing at it (`scenario`).
- `QuizPage` lives in a module beside lessons: fixed questions and random draws from a
  category (`QuizSlot`), and the settings (attempts, time limit, pass mark, grading
  method, review policy).
- `Attempt` is one sitting; `AttemptQuestion` one question of it, with the learner's
  response and, once graded, its fraction. `QuizResult` is the learner's standing on a
  quiz (one row per learner and quiz), kept up to date on every grading and regrade.
"""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, RevisionMixin
from wagtail.search import index

from accounts.models import Profession
from serbian.pages import SerbianScriptsPageMixin

FRACTION = {"max_digits": 7, "decimal_places": 5}
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


class QuestionCategoryForm(WagtailAdminModelForm):
    """Parents and courses offered are those the editing user may keep (see quizzes.bank)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from .bank import bank_scope

        if self.for_user is None:
            return
        scope = bank_scope(self.for_user)
        if "parent" in self.fields:
            self.fields["parent"].queryset = scope.editable_categories()
        if "course" in self.fields:
            self.fields["course"].queryset = scope.authored_courses()

    def clean(self):
        cleaned = super().clean()
        from .bank import bank_scope

        if self.for_user is None:
            return cleaned
        scope = bank_scope(self.for_user)
        parent = cleaned.get("parent")
        course = parent.top().course if parent is not None else cleaned.get("course")
        if not scope.may_edit_course_bank(course_id=course.pk if course else None):
            self.add_error(
                "course" if parent is None else "parent",
                _(
                    "You may keep only the categories of the courses you author; the "
                    "national bank is kept by senior trainers and administrators."
                ),
            )
        return cleaned


class QuestionCategory(models.Model):
    """A category of the bank; categories form a tree through `parent`.

    A top category belongs to a course (its authors keep it) or to nobody: the shared
    national bank, which senior trainers and administrators keep and every trainer may draw
    from. A sub-category always belongs where its top belongs (`save` makes it so)."""

    name = models.CharField(_("name"), max_length=200)
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_(
            "The course whose authors keep this category. Empty: the national bank "
            "(kept by senior trainers and administrators). A sub-category belongs to its "
            "top category's course."
        ),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent category"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    description = models.TextField(_("description"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("parent"),
        FieldPanel("course"),
        FieldPanel("description"),
    ]
    base_form_class = QuestionCategoryForm

    class Meta:
        verbose_name = _("question category")
        verbose_name_plural = _("question categories")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["parent", "name"], name="quizzes_category_unique_name_in_parent"
            ),
            models.UniqueConstraint(
                fields=["name"],
                condition=Q(parent__isnull=True),
                name="quizzes_category_unique_top_name",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs):
        """A sub-category takes its top's course; a top's course goes down its subtree."""
        if self.parent_id is not None:
            self.course_id = self.top().course_id
        super().save(*args, **kwargs)
        if self.pk is not None:
            below = self.subtree_ids() - {self.pk}
            if below:
                QuestionCategory.objects.filter(pk__in=below).exclude(
                    course_id=self.course_id
                ).update(course_id=self.course_id)

    @property
    def full_name(self) -> str:
        names, node, seen = [], self, set()
        while node is not None and node.pk not in seen:
            seen.add(node.pk)
            names.append(node.name)
            node = node.parent
        return " / ".join(reversed(names))

    def clean(self):
        node = self.parent
        while node is not None:
            if self.pk and node.pk == self.pk:
                raise ValidationError({"parent": _("A category cannot be inside itself.")})
            node = node.parent
        if self.parent_id is not None:
            top_course_id = self.top().course_id
            if self.course_id is not None and self.course_id != top_course_id:
                raise ValidationError(
                    {"course": _("A sub-category belongs to its top category's course.")}
                )
            self.course_id = top_course_id

    def top(self) -> QuestionCategory:
        node, seen = self, set()
        while node.parent_id is not None and node.pk not in seen:
            seen.add(node.pk)
            node = node.parent
        return node

    def subtree_ids(self) -> set[int]:
        """This category's id and its descendants' (categories are few: one query)."""
        children: dict[int | None, list[int]] = {}
        for pk, parent_id in QuestionCategory.objects.values_list("pk", "parent_id"):
            children.setdefault(parent_id, []).append(pk)
        ids, todo = set(), [self.pk]
        while todo:
            pk = todo.pop()
            if pk not in ids:
                ids.add(pk)
                todo.extend(children.get(pk, []))
        return ids


class QuestionForm(WagtailAdminModelForm):
    audience_professions = forms.MultipleChoiceField(
        label=_("Audience professions"),
        choices=Profession.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from .bank import bank_scope

        if self.for_user is None:
            return
        scope = bank_scope(self.for_user)
        if "category" in self.fields:
            self.fields["category"].queryset = scope.editable_categories()
        if "scenario" in self.fields:
            self.fields["scenario"].queryset = scope.editable_questions().filter(
                kind=QuestionKind.SCENARIO
            )


class QuestionTag(TaggedItemBase):
    content_object = ParentalKey(
        "quizzes.Question", on_delete=models.CASCADE, related_name="tagged_items"
    )


class Question(RevisionMixin, index.Indexed, ClusterableModel):
    """One item of the question bank. Edited as a Wagtail snippet; every save is a revision."""

    name = models.CharField(
        _("name"), max_length=255, help_text=_("For the bank only; learners do not see it.")
    )
    kind = models.CharField(_("type"), max_length=20, choices=QuestionKind.choices)
    category = models.ForeignKey(
        QuestionCategory,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="questions",
    )
    language = models.CharField(
        _("language"), max_length=5, choices=Language.choices, default=Language.SERBIAN
    )
    audience_professions = models.JSONField(_("audience professions"), default=list, blank=True)
    text = RichTextField(
        _("question text"),
        features=["bold", "italic", "ol", "ul", "link"],
        help_text=_("For a scenario: the case vignette."),
    )
    marks = models.DecimalField(
        _("marks"),
        **MARKS,
        default=Decimal("1"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("A scenario's marks are the sum of its sub-questions'."),
    )
    general_feedback = RichTextField(
        _("general feedback"), blank=True, features=["bold", "italic", "link"]
    )
    shuffle_options = models.BooleanField(_("shuffle options"), default=True)
    true_false_answer = models.BooleanField(
        _("correct answer (true / false)"), null=True, blank=True
    )
    numeric_answer = models.DecimalField(
        _("correct number"), max_digits=18, decimal_places=6, null=True, blank=True
    )
    numeric_tolerance = models.DecimalField(
        _("tolerance (±)"), max_digits=18, decimal_places=6, default=Decimal("0")
    )
    scenario = models.ForeignKey(
        "self",
        verbose_name=_("part of scenario"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="sub_questions",
        limit_choices_to={"kind": QuestionKind.SCENARIO},
        help_text=_("Leave empty for a question of its own."),
    )
    scenario_position = models.PositiveSmallIntegerField(_("position in scenario"), default=0)
    case = models.ForeignKey(
        "caselaw.CasePage",
        verbose_name=_("case cited"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    tags = ClusterTaggableManager(through=QuestionTag, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("category"),
        FieldPanel("language"),
        FieldPanel("text"),
        FieldPanel("marks"),
        InlinePanel(
            "options",
            label=_("Options, accepted answers, pairs or items"),
            help_text=_(
                "Choices: text, fraction of the marks (1 for a right answer, negative "
                "for wrong ticks in multiple response) and feedback. Short text: each "
                "accepted answer. Matching: a prompt and its match (an empty prompt adds "
                "a distractor). Ordering: the items in their correct order."
            ),
        ),
        MultiFieldPanel(
            [
                FieldPanel("true_false_answer"),
                FieldPanel("numeric_answer"),
                FieldPanel("numeric_tolerance"),
                FieldPanel("shuffle_options"),
            ],
            heading=_("Answer settings"),
        ),
        FieldPanel("general_feedback"),
        MultiFieldPanel(
            [FieldPanel("scenario"), FieldPanel("scenario_position"), FieldPanel("case")],
            heading=_("Scenario"),
        ),
        MultiFieldPanel(
            [FieldPanel("tags"), FieldPanel("audience_professions")],
            heading=_("Classification"),
        ),
    ]
    base_form_class = QuestionForm
    search_fields = [
        index.SearchField("name"),
        index.SearchField("text"),
        index.FilterField("kind"),
        index.FilterField("language"),
        index.FilterField("category"),
    ]

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["category_id", "name"]
        indexes = [models.Index(fields=["category", "language"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind=QuestionKind.SCENARIO) | Q(scenario__isnull=True),
                name="quizzes_scenario_not_nested",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def quiz_pages(self):
        """The quiz pages that may serve this question (a scenario through itself): as a
        fixed question, or drawn from its category or a category above it."""
        categories, category = [], self.category
        while category is not None:
            categories.append(category.pk)
            category = category.parent
        return QuizPage.objects.filter(
            models.Q(slots__question=self) | models.Q(slots__category_id__in=categories)
        ).distinct()

    @property
    def is_gradable(self) -> bool:
        return self.kind != QuestionKind.SCENARIO

    def clean(self):
        errors = {}
        if self.kind == QuestionKind.SCENARIO and self.scenario_id:
            errors["scenario"] = _("A scenario cannot be part of another scenario.")
        if self.kind == QuestionKind.NUMERIC and self.numeric_answer is None:
            errors["numeric_answer"] = _("A numeric question needs its correct number.")
        if self.kind == QuestionKind.TRUE_FALSE and self.true_false_answer is None:
            errors["true_false_answer"] = _("Say whether the statement is true or false.")
        if self.numeric_tolerance is not None and self.numeric_tolerance < 0:
            errors["numeric_tolerance"] = _("The tolerance cannot be negative.")
        if errors:
            raise ValidationError(errors)


class QuestionOption(Orderable):
    question = ParentalKey(Question, on_delete=models.CASCADE, related_name="options")
    text = models.TextField(_("text"), max_length=2000, blank=True)
    fraction = models.DecimalField(
        _("fraction of marks"),
        **FRACTION,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("-1")), MaxValueValidator(Decimal("1"))],
    )
    feedback = models.TextField(_("feedback"), max_length=2000, blank=True)
    match_text = models.CharField(_("match (matching questions)"), max_length=500, blank=True)

    panels = [
        FieldPanel("text"),
        FieldPanel("fraction"),
        FieldPanel("feedback"),
        FieldPanel("match_text"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("option")
        verbose_name_plural = _("options")

    def __str__(self) -> str:
        return self.text or self.match_text


class QuestionVersion(models.Model):
    """What a question was when learners saw it: its gradable content and options, frozen.

    A new version is written whenever that content changes (see `quizzes.versions`); an
    attempt question is pinned to the version current when its attempt started, and is shown
    and graded against it. Versions are never edited, and never deleted while an attempt
    uses one (PROTECT); they go only with a question nobody ever answered.
    """

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    snapshot = models.JSONField(_("content"), encoder=DjangoJSONEncoder)

    class Meta:
        verbose_name = _("question version")
        verbose_name_plural = _("question versions")
        ordering = ["question_id", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["question", "number"], name="quizzes_question_version_unique"
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="quizzes_version_from_1"),
        ]

    def __str__(self) -> str:
        return f"{self.question_id} v{self.number}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("A question version is never changed once written.")
        super().save(*args, **kwargs)

    @cached_property
    def content(self):
        """The question as this version has it (see `quizzes.versions.FrozenQuestion`)."""
        from .versions import FrozenQuestion

        return FrozenQuestion(
            question_id=self.question_id, version=self.number, snapshot=self.snapshot
        )


# --- Quiz pages -------------------------------------------------------------------------


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
        from courses.selectors import canonical_id, course_of

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
        from django.contrib.auth.views import redirect_to_login
        from django.http import Http404

        from courses.selectors import course_is_visible_to, course_of

        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        course = course_of(self)
        if course is None or not course_is_visible_to(course=course, user=request.user):
            raise Http404
        if getattr(request, "is_preview", False):
            # The course found here is handed on to get_context, not looked up again.
            return super().serve(request, *args, course=course, **kwargs)
        from pagecache.store import serve_cached

        from .quiz_shell import quiz_entry_for

        return serve_cached(
            request=request,
            page=self,
            entry=quiz_entry_for(page=self, course=course, request=request),
        )

    def get_context(self, request, *args, course=None, **kwargs):
        from .selectors import quiz_overview_for

        context = super().get_context(request, *args, **kwargs)
        context.update(
            quiz_overview_for(quiz=self, user=request.user, request=request, course=course)
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


# --- Attempts and results ---------------------------------------------------------------


class AttemptState(models.TextChoices):
    IN_PROGRESS = "in_progress", _("In progress")
    SUBMITTED = "submitted", _("Submitted")
    EXPIRED = "expired", _("Closed when time ran out")


class Attempt(models.Model):
    """One sitting of a quiz. `quiz` is the quiz in the default locale (where attempts are
    counted); `served_from` the translation the learner took it in.

    The database keeps the attempts within the limit: numbers are unique per learner and
    quiz, and a number above the limit copied at the start (`max_attempts`) is refused.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiz_attempts"
    )
    quiz = models.ForeignKey(QuizPage, on_delete=models.CASCADE, related_name="attempts")
    served_from = models.ForeignKey(
        QuizPage, on_delete=models.SET_NULL, null=True, related_name="+"
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

    class Meta:
        ordering = ["attempt_id", "slot"]
        constraints = [
            models.UniqueConstraint(fields=["attempt", "slot"], name="quizzes_attempt_slot"),
            models.UniqueConstraint(
                fields=["attempt", "question"], name="quizzes_attempt_question_once"
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
    quiz = models.ForeignKey(QuizPage, on_delete=models.CASCADE, related_name="results")
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

    quiz = models.ForeignKey(QuizPage, on_delete=models.CASCADE, related_name="regrades")
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

"""The question bank: categories (a tree, each top category a course's or the national
bank's), questions (Wagtail snippets with revisions) with their options and tags, and the
frozen versions learners are shown and graded against.

Who may read and keep which part of the bank, and the admin forms that hold to it, are in
`quizzes.bank`."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, RevisionMixin
from wagtail.search import index

from ..cloze import cloze_problems
from .choices import MARKS, OPTION_FRACTION, Language, QuestionKind
from .frozen import FrozenQuestion


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
    idnumber = models.CharField(
        _("ID number"),
        max_length=100,
        blank=True,
        help_text=_("Moodle's ID number of the category; kept on import and export."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("parent"),
        FieldPanel("course"),
        FieldPanel("description"),
        FieldPanel("idnumber"),
    ]

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
    idnumber = models.CharField(
        _("ID number"),
        max_length=100,
        blank=True,
        help_text=_("Moodle's ID number of the question; kept on import and export."),
    )
    text = RichTextField(
        _("question text"),
        # "image": images of an imported Moodle question (and any an author adds).
        features=["bold", "italic", "ol", "ul", "link", "image"],
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
    essay_min_words = models.PositiveIntegerField(
        _("minimum words"), null=True, blank=True, help_text=_("Essay: empty for no minimum.")
    )
    essay_max_words = models.PositiveIntegerField(
        _("maximum words"), null=True, blank=True, help_text=_("Essay: empty for no limit.")
    )
    essay_response_template = models.TextField(
        _("response template"),
        blank=True,
        help_text=_("Essay: text the answer box starts with (headings to fill in, say)."),
    )
    essay_grader_info = RichTextField(
        _("information for graders"),
        blank=True,
        features=["bold", "italic", "ol", "ul", "link"],
        help_text=_("Essay: what a good answer covers. Only trainers who grade see it."),
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
        FieldPanel(
            "text",
            # The syntax is passed in: "%50%" and braces in a message would read as formats.
            help_text=format_lazy(
                _(
                    "For a scenario: the case vignette. For embedded answers (cloze), as in "
                    "Moodle: write each gap where it stands as {syntax}, the answers separated "
                    "by ~, the right one starting with =, a partly right one with its share "
                    "({share}), feedback after #. Types: SHORTANSWER (SA; SAC: case matters), "
                    "NUMERICAL (NM; 2000:1 is 2000 ± 1), MULTICHOICE (MC: a drop-down; MCV, "
                    "MCH: buttons in a column or a row), MULTIRESPONSE (MR, MRH: tick boxes); "
                    "add S to shuffle (MCS, MRS). Example: {example}"
                ),
                syntax="{marks:TYPE:answers}",
                share="%50%",
                example="{1:SHORTANSWER:=Palermo#Right~%50%Pal*#Nearly} "
                "{1:NUMERICAL:=2000:1} {1:MC:=protocol~treaty~law}",
            ),
        ),
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
        MultiFieldPanel(
            [
                FieldPanel("essay_min_words"),
                FieldPanel("essay_max_words"),
                FieldPanel("essay_response_template"),
                FieldPanel("essay_grader_info"),
            ],
            heading=_("Essay"),
            classname="collapsed",
        ),
        InlinePanel(
            "rubric",
            label=_("Rubric (essays)"),
            help_text=_(
                "Essays only: the criteria a trainer grades the answer on, each with its "
                "maximum points. The grade is the points given over the maximum. Without a "
                "rubric, the trainer gives a mark between 0 and the question's marks."
            ),
            classname="collapsed",
        ),
        FieldPanel("general_feedback"),
        MultiFieldPanel(
            [FieldPanel("scenario"), FieldPanel("scenario_position"), FieldPanel("case")],
            heading=_("Scenario"),
        ),
        MultiFieldPanel(
            [FieldPanel("tags"), FieldPanel("audience_professions"), FieldPanel("idnumber")],
            heading=_("Classification"),
        ),
    ]
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
        # The page type is looked up in the app registry: it is defined above the bank
        # (quizzes.models.pages serves pages with code that reads the bank).
        quiz_page = self._meta.apps.get_model("quizzes", "QuizPage")
        return quiz_page.objects.filter(
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
        if (
            self.essay_min_words is not None
            and self.essay_max_words is not None
            and self.essay_min_words > self.essay_max_words
        ):
            errors["essay_max_words"] = _("The maximum is below the minimum.")
        if self.kind == QuestionKind.CLOZE:
            problems = cloze_problems(self.text)
            if problems:
                errors["text"] = problems
        if self.numeric_tolerance is not None and self.numeric_tolerance < 0:
            errors["numeric_tolerance"] = _("The tolerance cannot be negative.")
        if errors:
            raise ValidationError(errors)


class QuestionOption(Orderable):
    question = ParentalKey(Question, on_delete=models.CASCADE, related_name="options")
    text = models.TextField(_("text"), max_length=2000, blank=True)
    fraction = models.DecimalField(
        _("fraction of marks"),
        **OPTION_FRACTION,
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
        return FrozenQuestion(
            question_id=self.question_id, version=self.number, snapshot=self.snapshot
        )

"""Courses as Wagtail pages (index → course → module → lesson), and learners' progress."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from accounts.api import Profession
from pagecache.api import serve_cached, serve_page
from serbian.api import SerbianScriptsPageMixin

from .blocks import LessonStreamBlock


class ProgrammeObjective(models.TextChoices):
    COORDINATION = "coordination", _("Coordination within the National Referral Mechanism")
    PREVENTION = "prevention", _("Prevention among vulnerable groups")
    CRIMINAL_JUSTICE = "criminal_justice", _("Stronger criminal-justice responses")
    PROTECTION = (
        "protection",
        _("Protection and (re)integration of victims, including in asylum channels"),
    )


class Level(models.TextChoices):
    INTRODUCTORY = "introductory", _("Introductory")
    INTERMEDIATE = "intermediate", _("Intermediate")
    ADVANCED = "advanced", _("Advanced")


class Access(models.TextChoices):
    OPEN = "open", _("Open to everyone")
    RESTRICTED = "restricted", _("Restricted to chosen institutions or professions")


class CourseIndexPage(SerbianScriptsPageMixin, Page):
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, *SerbianScriptsPageMixin.search_fields_scripts]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["courses.CoursePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("course catalogue")

    def get_context(self, request, *args, **kwargs):
        # Function-level: selectors and the shells import these models (the cycle goes with
        # the split of courses' models, issue 18).
        from .selectors import course_catalogue

        context = super().get_context(request, *args, **kwargs)
        context["courses"] = course_catalogue(index=self, user=request.user)
        return context

    def serve(self, request, *args, **kwargs):
        """For readers who are signed out, from its cached entry (pagecache), which any
        change under the catalogue makes stale; a signed-in reader's list is their own."""
        if request.user.is_authenticated or getattr(request, "is_preview", False):
            return super().serve(request, *args, **kwargs)
        return serve_page(page=self, request=request)


class CoursePageForm(WagtailAdminPageForm):
    audience_professions = forms.MultipleChoiceField(
        label=_("Audience professions"),
        choices=Profession.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    restricted_professions = forms.MultipleChoiceField(
        label=_("Restricted to professions"),
        choices=Profession.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("For a restricted course: who may see it, by profession."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("access") == Access.RESTRICTED and not (
            cleaned.get("restricted_institutions") or cleaned.get("restricted_professions")
        ):
            self.add_error(
                "access",
                _("A restricted course needs at least one institution or profession."),
            )
        return cleaned


class CoursePage(SerbianScriptsPageMixin, Page):
    summary = models.TextField(_("summary"), max_length=1000)
    learning_objectives = RichTextField(
        _("learning objectives"), features=["ol", "ul", "bold", "italic"]
    )
    programme_objective = models.CharField(
        _("programme objective"), max_length=30, choices=ProgrammeObjective.choices
    )
    audience_professions = models.JSONField(_("audience professions"), default=list, blank=True)
    estimated_hours = models.DecimalField(
        _("estimated hours"),
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(0.5), MaxValueValidator(500)],
    )
    level = models.CharField(
        _("level"), max_length=20, choices=Level.choices, default=Level.INTRODUCTORY
    )
    prerequisites = ParentalManyToManyField(
        "self", verbose_name=_("prerequisites"), blank=True, symmetrical=False
    )
    validity_months = models.PositiveSmallIntegerField(
        _("validity in months"),
        null=True,
        blank=True,
        help_text=_("How long a certificate stays valid. Empty: it does not expire."),
    )
    access = models.CharField(_("access"), max_length=20, choices=Access.choices, default="open")
    restricted_institutions = ParentalManyToManyField(
        "institutions.Institution",
        verbose_name=_("restricted to institutions"),
        blank=True,
        help_text=_("Each chosen institution includes everything below it."),
    )
    restricted_professions = models.JSONField(
        _("restricted to professions"), default=list, blank=True
    )

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("learning_objectives"),
        *SerbianScriptsPageMixin.search_fields_scripts,
    ]
    script_search_fields = ("summary", "learning_objectives")
    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("learning_objectives"),
        MultiFieldPanel(
            [
                FieldPanel("programme_objective"),
                FieldPanel("audience_professions"),
                FieldPanel("level"),
                FieldPanel("estimated_hours"),
                FieldPanel("prerequisites", widget=forms.CheckboxSelectMultiple),
                FieldPanel("validity_months"),
            ],
            heading=_("About the course"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("access"),
                FieldPanel("restricted_institutions"),
                FieldPanel("restricted_professions"),
            ],
            heading=_("Who may take it"),
        ),
    ]
    base_form_class = CoursePageForm
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.ModulePage"]

    class Meta:
        verbose_name = _("course")

    def get_context(self, request, *args, **kwargs):
        # Function-level: selectors and the shells import these models (the cycle goes with
        # the split of courses' models, issue 18).
        from .selectors import course_outline_for

        context = super().get_context(request, *args, **kwargs)
        context.update(course_outline_for(course=self, user=request.user, request=request))
        return context

    def serve(self, request, *args, **kwargs):
        """The course through its cached shell (courses.course_shell), filled for this
        reader; others' restricted courses are not found."""
        # Function-level: selectors and the shells import these models (the cycle goes with
        # the split of courses' models, issue 18).
        from .course_shell import course_entry_for
        from .selectors import course_is_visible_to

        if not course_is_visible_to(course=self, user=request.user):
            raise Http404
        if getattr(request, "is_preview", False):
            return super().serve(request, *args, **kwargs)
        return serve_cached(
            request=request, page=self, entry=course_entry_for(page=self, request=request)
        )


class ModulePage(SerbianScriptsPageMixin, Page):
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, *SerbianScriptsPageMixin.search_fields_scripts]
    parent_page_types = ["courses.CoursePage"]
    subpage_types = ["courses.LessonPage", "quizzes.QuizPage"]

    class Meta:
        verbose_name = _("module")

    def serve(self, request, *args, **kwargs):
        # A module has no page of its own: its lessons are listed on the course page.
        return redirect(self.get_parent().get_url(request) + f"#module-{self.pk}")


class LessonPage(SerbianScriptsPageMixin, Page):
    body = StreamField(LessonStreamBlock(), verbose_name=_("body"))
    estimated_minutes = models.PositiveSmallIntegerField(
        _("estimated minutes"), default=15, validators=[MaxValueValidator(600)]
    )
    required = models.BooleanField(
        _("required for completion"),
        default=True,
        help_text=_("Optional lessons are offered but do not count towards completion."),
    )

    search_fields = [
        *Page.search_fields,
        index.SearchField("body"),
        *SerbianScriptsPageMixin.search_fields_scripts,
    ]
    script_search_fields = ("body",)
    content_panels = [
        *Page.content_panels,
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("estimated_minutes"), FieldPanel("required")], heading=_("Settings")
        ),
    ]
    parent_page_types = ["courses.ModulePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("lesson")

    def serve(self, request, *args, **kwargs):
        """The lesson through its cached shell (courses.lesson_shell), filled for this
        learner; signed-out readers are sent to sign in, others' courses are not found."""
        # Function-level: selectors and the shells import these models (the cycle goes with
        # the split of courses' models, issue 18).
        from .lesson_shell import lesson_entry_for
        from .selectors import course_is_visible_to, course_of, course_structure

        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        course = course_of(self)
        if course is None or not course_is_visible_to(course=course, user=request.user):
            raise Http404
        entry = lesson_entry_for(
            page=self,
            course=course,
            request=request,
            context_for=lambda: {
                **self.get_context(request, *args, **kwargs),
                "modules": course_structure(course=course, request=request),
            },
        )
        return serve_cached(request=request, page=self, entry=entry)

    def preview_response(self, request, mode_name):
        # Wagtail previews render the template with get_context(); a lesson is its shell
        # filled for the author, built from the draft and never stored.
        request.is_preview = True
        request.preview_mode = mode_name
        return self.serve(request)


class EnrolmentSource(models.TextChoices):
    SELF = "self", _("The learner")
    MANAGER = "manager", _("An institution manager")
    CSV = "csv", _("A CSV upload")


class Enrolment(models.Model):
    """A learner's enrolment in a course. One current enrolment per learner and course;
    re-certification archives the old one and opens a new one."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments"
    )
    course = models.ForeignKey(CoursePage, on_delete=models.CASCADE, related_name="enrolments")
    enrolled_at = models.DateTimeField(auto_now_add=True)
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    source = models.CharField(max_length=10, choices=EnrolmentSource.choices, default="self")
    started_at = models.DateTimeField(null=True, blank=True)
    last_activity_at = models.DateTimeField(null=True, blank=True)
    last_lesson = models.ForeignKey(
        LessonPage, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    completed_at = models.DateTimeField(null=True, blank=True)
    # Where the learner was when they completed: statistics credit this institution.
    completion_institution = models.ForeignKey(
        "institutions.Institution",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="completions",
    )
    archived_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "course"],
                condition=models.Q(archived_at__isnull=True),
                name="one_current_enrolment_per_course",
            )
        ]
        indexes = [
            models.Index(fields=["course", "completed_at"]),
            models.Index(fields=["completion_institution", "course"]),
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.course}"

    @property
    def is_completed(self) -> bool:
        return self.completed_at is not None


class StepCompletion(models.Model):
    """A step of a course done by a learner: a lesson read, a quiz passed.

    Points at the step's page by id, without a database constraint: deleting a lesson
    keeps the row, which simply stops counting. Steps are the page types registered in
    `courses.api.STEP_MODELS` (lessons here; quizzes register themselves).
    """

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="steps_done")
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    completed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("completed step")
        verbose_name_plural = _("completed steps")
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "page"], name="one_completion_per_step")
        ]

    def __str__(self) -> str:
        return f"{self.enrolment_id}: page {self.page_id}"

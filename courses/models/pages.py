"""The page types of courses (catalogue → course → module → lesson), and the reads they
are served with: who may see a course, its outline, a learner's place in it.

The reads live beside the pages because the pages need them to serve; `courses.selectors`
re-exports them for everyone else. The shells (course_shell, lesson_shell) sit between
these pages and the progress data (courses.models.progress), and never import the pages.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.views import redirect_to_login
from django.contrib.contenttypes.models import ContentType
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
from serbian.api import SerbianScriptsPageMixin, url_in_readers_script

from ..blocks import LessonStreamBlock
from ..canonical import canonical_id, default_locale_id
from ..course_shell import course_entry_for
from ..lesson_shell import lesson_entry_for
from ..outline import Module, Progress, Step
from ..steps import STEP_MODELS
from .choices import Access, Level, ProgrammeObjective
from .progress import Enrolment, StepCompletion

_OUTLINE_FIELDS = (
    "pk",
    "title",
    "path",
    "depth",
    "url_path",
    "content_type_id",
    "locale_id",
    "translation_key",
)


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
        context = super().get_context(request, *args, **kwargs)
        context.update(course_outline_for(course=self, user=request.user, request=request))
        return context

    def structure(self, *, request=None) -> list[Module]:
        """The modules and live steps of the course, in order; nothing about any learner."""
        step_info: dict[int, dict[str, Any]] = {}
        for model in STEP_MODELS:
            for row in (
                model.objects.live()
                .filter(path__startswith=self.path)
                .values("pk", "required", *(["estimated_minutes"] if _has_minutes(model) else []))
            ):
                row["kind"] = model._meta.model_name
                step_info[row["pk"]] = row
        pages = (
            Page.objects.live()
            .filter(path__startswith=self.path, depth__in=[self.depth + 1, self.depth + 2])
            .order_by("path")
            .only(*_OUTLINE_FIELDS)
        )
        modules: list[Module] = []
        module_ct = ContentType.objects.get_for_model(ModulePage).pk
        for page in pages:
            if page.depth == self.depth + 1 and page.content_type_id == module_ct:
                modules.append(Module(page_id=page.pk, title=page.title))
            elif page.pk in step_info and modules:
                info = step_info[page.pk]
                modules[-1].steps.append(
                    Step(
                        page_id=page.pk,
                        title=page.title,
                        # A plain Page builds Wagtail's URL: keep the reader's script.
                        url=url_in_readers_script(page.get_url(request)),
                        kind=info["kind"],
                        required=info["required"],
                        minutes=info.get("estimated_minutes") or 0,
                        translation_key=page.translation_key,
                    )
                )
        return modules

    def serve(self, request, *args, **kwargs):
        """The course through its cached shell (courses.course_shell), filled for this
        reader; others' restricted courses are not found."""
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
                "modules": course.structure(request=request),
            },
        )
        return serve_cached(request=request, page=self, entry=entry)

    def preview_response(self, request, mode_name):
        # Wagtail previews render the template with get_context(); a lesson is its shell
        # filled for the author, built from the draft and never stored.
        request.is_preview = True
        request.preview_mode = mode_name
        return self.serve(request)


# --- Reads the pages are served with (courses.selectors re-exports them) ----------------


def _is_staff(user) -> bool:
    return bool(user.is_authenticated and user.is_staff_role)


def course_is_visible_to(*, course: CoursePage, user) -> bool:
    """Open courses are visible to all; restricted ones to those they are meant for."""
    if course.access != "restricted" or _is_staff(user):
        return True
    if not user.is_authenticated:
        return False
    professions = course.restricted_professions or []
    if professions and user.profession not in professions:
        return False
    institutions = list(course.restricted_institutions.all())
    if institutions:
        mine = user.institution
        if mine is None or not any(mine.path.startswith(i.path) for i in institutions):
            return False
    return True


def course_catalogue(*, index: CourseIndexPage, user) -> list[CoursePage]:
    courses = (
        CoursePage.objects.child_of(index)
        .live()
        .prefetch_related("restricted_institutions")
        .order_by("path")
    )
    if user.is_authenticated and user.institution_id:
        # Load the institution once for the visibility test.
        user.institution  # noqa: B018
    visible = [c for c in courses if course_is_visible_to(course=c, user=user)]
    if user.is_authenticated:
        enrolments = {
            e.course_id: e for e in Enrolment.objects.filter(user=user, archived_at__isnull=True)
        }
        for course in visible:
            course.my_enrolment = enrolments.get(canonical_id(course))
    return visible


def course_of(page: Page) -> CoursePage | None:
    """The course a module, lesson or quiz belongs to (one query)."""
    depth = page.depth
    ancestors = [page.path[: i * Page.steplen] for i in range(1, depth + 1)]
    return CoursePage.objects.filter(path__in=ancestors).first()


def current_enrolment(*, user, course: CoursePage) -> Enrolment | None:
    if not user.is_authenticated:
        return None
    return Enrolment.objects.filter(
        user=user, course_id=canonical_id(course), archived_at__isnull=True
    ).first()


def _has_minutes(model) -> bool:
    return any(f.name == "estimated_minutes" for f in model._meta.get_fields())


def _done_ids(*, enrolment: Enrolment | None, course: CoursePage) -> set[int]:
    """Steps done in this enrolment, mapped onto the pages of `course`'s own locale."""
    if enrolment is None:
        return set()
    done = set(StepCompletion.objects.filter(enrolment=enrolment).values_list("page_id", flat=True))
    if course.locale_id == default_locale_id():
        return done
    # Reading a translation: map the canonical (Serbian) pages to this locale's pages.
    keys = Page.objects.filter(pk__in=done).values_list("translation_key", flat=True)
    return set(
        Page.objects.filter(translation_key__in=list(keys), locale_id=course.locale_id).values_list(
            "pk", flat=True
        )
    )


def course_outline_for(*, course: CoursePage, user, request=None) -> dict[str, Any]:
    """Modules, steps, the learner's enrolment and progress: everything a course page shows."""
    modules = course.structure(request=request)
    enrolment = current_enrolment(user=user, course=course)
    done = _done_ids(enrolment=enrolment, course=course)
    required = 0
    done_required = 0
    next_step = None
    for module in modules:
        for step in module.steps:
            step.done = step.page_id in done
            if step.required:
                required += 1
                done_required += step.done
            if next_step is None and not step.done:
                next_step = step
    return {
        "modules": modules,
        "enrolment": enrolment,
        "progress": Progress(required=required, done=done_required),
        "next_step": next_step,
        "total_minutes": sum(m.minutes for m in modules),
        "can_view": course_is_visible_to(course=course, user=user),
    }

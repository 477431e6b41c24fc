"""Reads for courses: what a person may see, outlines, progress. Query counts are bounded:
they do not grow with the number of modules or lessons."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce, Substr
from wagtail.models import Locale, Page

from serbian.urls_for_script import url_in_readers_script

from . import api
from .models import (
    CourseIndexPage,
    CoursePage,
    Enrolment,
    ModulePage,
    StepCompletion,
)


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


def people_course_is_not_meant_for(*, course: CoursePage, users) -> list:
    """Those of `users` a restricted course is not open to (none for an open course): they
    could not open it, so nobody may enrol them in it. One query for the course's
    institutions, whatever the number of people (their institutions should be loaded)."""
    if course.access != "restricted":
        return []
    course = CoursePage.objects.prefetch_related("restricted_institutions").get(pk=course.pk)
    return [user for user in users if not course_is_visible_to(course=course, user=user)]


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


@lru_cache(maxsize=1)
def default_locale_id() -> int:
    # The default locale's id never changes while the process runs.
    return Locale.get_default().pk


def canonical_id(page: Page) -> int:
    """Progress is kept against the page in the default locale (Serbian), so that
    reading a course in English or Serbian counts the same."""
    if page.locale_id == default_locale_id():
        return page.pk
    source = (
        Page.objects.filter(translation_key=page.translation_key, locale_id=default_locale_id())
        .values_list("pk", flat=True)
        .first()
    )
    return source or page.pk


def canonical_ids(*, pages: list[tuple[int, Any]], locale_id: int) -> dict[int, int]:
    """Page id → id of the same page in the default locale, for pages given as
    (id, translation_key) in one locale (one query, none for the default locale)."""
    if locale_id == default_locale_id():
        return {pk: pk for pk, _ in pages}
    by_key = dict(
        Page.objects.filter(
            translation_key__in=[key for _, key in pages], locale_id=default_locale_id()
        ).values_list("translation_key", "pk")
    )
    return {pk: by_key.get(key, pk) for pk, key in pages}


def current_enrolment(*, user, course: CoursePage) -> Enrolment | None:
    if not user.is_authenticated:
        return None
    return Enrolment.objects.filter(
        user=user, course_id=canonical_id(course), archived_at__isnull=True
    ).first()


@dataclass
class Step:
    page_id: int
    title: str
    url: str
    kind: str
    required: bool
    minutes: int
    done: bool = False
    translation_key: Any = None
    # Markers a cached course page fills per learner (courses.course_shell).
    marker_class: str = ""
    marker_label: str = ""


@dataclass
class Module:
    page_id: int
    title: str
    steps: list[Step] = field(default_factory=list)

    @property
    def minutes(self) -> int:
        return sum(s.minutes for s in self.steps)


def required_step_ids(*, course: CoursePage) -> set[int]:
    """Ids of the live required steps of a course (one query per step type)."""
    ids: set[int] = set()
    for model in api.STEP_MODELS:
        ids.update(
            model.objects.live()
            .filter(path__startswith=course.path, required=True)
            .values_list("pk", flat=True)
        )
    return ids


def course_structure(*, course: CoursePage, request=None) -> list[Module]:
    """The modules and live steps of a course, in order; nothing about any learner."""
    step_info: dict[int, dict[str, Any]] = {}
    for model in api.STEP_MODELS:
        for row in (
            model.objects.live()
            .filter(path__startswith=course.path)
            .values("pk", "required", *(["estimated_minutes"] if _has_minutes(model) else []))
        ):
            row["kind"] = model._meta.model_name
            step_info[row["pk"]] = row
    pages = (
        Page.objects.live()
        .filter(path__startswith=course.path, depth__in=[course.depth + 1, course.depth + 2])
        .order_by("path")
        .only(
            "pk",
            "title",
            "path",
            "depth",
            "url_path",
            "content_type_id",
            "locale_id",
            "translation_key",
        )
    )
    modules: list[Module] = []
    module_ct = _content_type_id(ModulePage)
    for page in pages:
        if page.depth == course.depth + 1 and page.content_type_id == module_ct:
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


def _has_minutes(model) -> bool:
    return any(f.name == "estimated_minutes" for f in model._meta.get_fields())


def _content_type_id(model) -> int:
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(model).pk


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


@dataclass
class Progress:
    required: int
    done: int

    @property
    def percent(self) -> int:
        if not self.required:
            return 100 if self.done else 0
        return round(100 * self.done / self.required)


def course_outline_for(*, course: CoursePage, user, request=None) -> dict[str, Any]:
    """Modules, steps, the learner's enrolment and progress: everything a course page shows."""
    modules = course_structure(course=course, request=request)
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


def lesson_context_for(*, lesson, user, request=None, course=None) -> dict[str, Any]:
    course = course or course_of(lesson)
    context = course_outline_for(course=course, user=user, request=request)
    steps = [s for m in context["modules"] for s in m.steps]
    position = next((i for i, s in enumerate(steps) if s.page_id == lesson.pk), None)
    context.update(
        {
            "course": course,
            "current_step": steps[position] if position is not None else None,
            "previous_step": steps[position - 1] if position else None,
            "following_step": (
                steps[position + 1] if position is not None and position + 1 < len(steps) else None
            ),
        }
    )
    return context


def _required_step(prefix: str = "") -> Q:
    """Pages (reached through `prefix`) that are live required steps of a course."""
    required = Q(pk__in=[])
    for model in api.STEP_MODELS:
        required |= Q(**{f"{prefix}{model._meta.model_name}__required": True})
    return Q(**{f"{prefix}live": True}) & required


def enrolments_with_done_steps(*, user):
    """The learner's current enrolments with their course and last lesson, each annotated
    with `done_steps`: the live required steps of its course it has done (one query)."""
    done = (
        StepCompletion.objects.filter(
            _required_step("page__"),
            enrolment=OuterRef("pk"),
            page__path__startswith=OuterRef("course__path"),
        )
        .order_by()
        .values("enrolment")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        Enrolment.objects.filter(user=user, archived_at__isnull=True)
        .select_related("course", "last_lesson")
        .annotate(done_steps=Coalesce(Subquery(done), 0, output_field=IntegerField()))
        .order_by("-last_activity_at", "-enrolled_at")
    )


def required_step_counts(*, courses: list[CoursePage]) -> dict[int, int]:
    """Course id → number of its live required steps: one query for courses at the same
    depth (all of them, under the course catalogue), whatever the number of steps."""
    by_length: dict[int, dict[str, int]] = {}
    for course in courses:
        by_length.setdefault(len(course.path), {})[course.path] = course.pk
    counts = {course.pk: 0 for course in courses}
    for length, course_by_path in by_length.items():
        under = Q(pk__in=[])
        for path in course_by_path:
            under |= Q(path__startswith=path)
        rows = (
            Page.objects.filter(_required_step(), under)
            .annotate(course_path=Substr("path", 1, length))
            .order_by()
            .values("course_path")
            .annotate(n=Count("pk"))
            .values_list("course_path", "n")
        )
        for path, n in rows:
            counts[course_by_path[path]] = n
    return counts


def translations_for_reader(
    *, pages: list[Page], locale_id: int, model=Page, only=None
) -> dict[int, Page]:
    """Page id → the live translation (as `model`) of that page in the locale `locale_id`,
    for the pages that have one: one query, none when every page is already in that
    locale. `only` limits the fields loaded (e.g. not a lesson's body)."""
    keys = {page.translation_key for page in pages if page.locale_id != locale_id}
    if not keys:
        return {}
    translations = model.objects.live().filter(translation_key__in=keys, locale_id=locale_id)
    if only:
        translations = translations.only(*only)
    by_key = {page.translation_key: page for page in translations}
    return {p.pk: by_key[p.translation_key] for p in pages if p.translation_key in by_key}


def reading_locale_id() -> int:
    """The content locale of the active language (one query)."""
    return Locale.get_active().pk


_LINK_FIELDS = ("pk", "title", "path", "depth", "url_path", "locale_id", "translation_key")


def my_learning_dashboard(*, user) -> dict[str, Any]:
    """My learning: a learner's enrolled and completed courses with progress, shown in the
    reader's content language where a translation is live, and recommendations.

    A bounded number of queries: enrolments with the steps each has done (one), required
    steps per course (one), recommended courses (two), the reader's locale (one) and, for
    a reader of another language than Serbian, the translations of the pages linked to
    (one, two with recommendations); the template adds one for certificates. Page URLs come from the
    site root paths Wagtail keeps on the request: no routing lookup per page."""
    enrolments = list(enrolments_with_done_steps(user=user))
    required = required_step_counts(
        courses=list({e.course_id: e.course for e in enrolments}.values())
    )
    recommended = [
        c
        for c in CoursePage.objects.live()
        .filter(locale_id=default_locale_id())
        .exclude(pk__in=[e.course_id for e in enrolments])
        .prefetch_related("restricted_institutions")
        if user.profession in (c.audience_professions or [])
        and course_is_visible_to(course=c, user=user)
    ]
    # Links and titles in the reader's language: one query for the enrolled courses and
    # lessons; one more for the recommended courses (with their summary), if any.
    locale_id = reading_locale_id()
    shown = translations_for_reader(
        pages=[
            *(e.course for e in enrolments),
            *(e.last_lesson for e in enrolments if e.last_lesson),
        ],
        locale_id=locale_id,
        only=_LINK_FIELDS,
    )
    recommended_shown = translations_for_reader(
        pages=recommended, locale_id=locale_id, model=CoursePage
    )
    in_progress, completed = [], []
    for enrolment in enrolments:
        enrolment.progress = Progress(
            required=required[enrolment.course_id], done=enrolment.done_steps
        )
        # What the reader opens: the course (and lesson) in their language, if translated.
        enrolment.course_shown = shown.get(enrolment.course_id, enrolment.course)
        enrolment.last_lesson_shown = enrolment.last_lesson and shown.get(
            enrolment.last_lesson_id, enrolment.last_lesson
        )
        (completed if enrolment.completed_at else in_progress).append(enrolment)
    return {
        "in_progress": in_progress,
        "completed": completed,
        "recommended": [recommended_shown.get(c.pk, c) for c in recommended],
    }


def personal_data_learning(user) -> list[dict[str, Any]]:
    return [
        {
            "course": e.course.title,
            "enrolled_at": e.enrolled_at.isoformat(),
            "completed_at": e.completed_at.isoformat() if e.completed_at else None,
            "archived_at": e.archived_at.isoformat() if e.archived_at else None,
            "steps_done": [
                {"page_id": s.page_id, "completed_at": s.completed_at.isoformat()}
                for s in e.steps_done.all()
            ],
        }
        for e in Enrolment.objects.filter(user=user)
        .select_related("course")
        .prefetch_related(Prefetch("steps_done"))
    ]

"""Reads for courses: what a person may see, outlines, progress. Query counts are bounded:
they do not grow with the number of modules or lessons.

The reads the page types are served with (visibility, the catalogue, a course's outline,
the course of a page, the current enrolment) live beside them in `courses.models.pages`
and are re-exported here with the rest."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce, Substr
from wagtail.models import Locale, Page

from .canonical import canonical_id as canonical_id
from .canonical import canonical_ids as canonical_ids
from .canonical import default_locale_id
from .learning_sections import learning_sections_for
from .models import CoursePage, Enrolment, StepCompletion
from .models.pages import course_catalogue as course_catalogue
from .models.pages import course_is_visible_to, course_of, course_outline_for
from .models.pages import current_enrolment as current_enrolment
from .outline import Module as Module
from .outline import Progress
from .outline import Step as Step
from .steps import STEP_MODELS


def people_course_is_not_meant_for(*, course: CoursePage, users) -> list:
    """Those of `users` a restricted course is not open to (none for an open course): they
    could not open it, so nobody may enrol them in it. One query for the course's
    institutions, whatever the number of people (their institutions should be loaded)."""
    if course.access != "restricted":
        return []
    course = CoursePage.objects.prefetch_related("restricted_institutions").get(pk=course.pk)
    return [user for user in users if not course_is_visible_to(course=course, user=user)]


def course_paths_hidden_from(*, user) -> list[str]:
    """Tree paths of the live restricted courses `user` may not see (one query for the
    courses and one for their institutions)."""
    return [
        course.path
        for course in CoursePage.objects.live()
        .filter(access="restricted")
        .prefetch_related("restricted_institutions")
        if not course_is_visible_to(course=course, user=user)
    ]


def course_structure(*, course: CoursePage, request=None) -> list[Module]:
    """The modules and live steps of a course, in order; nothing about any learner."""
    return course.structure(request=request)


def required_steps(*, course: CoursePage) -> dict[int, str]:
    """Live required steps of a course: page id → tree path (one query per step type)."""
    steps: dict[int, str] = {}
    for model in STEP_MODELS:
        steps.update(
            model.objects.live()
            .filter(path__startswith=course.path, required=True)
            .values_list("pk", "path")
        )
    return steps


def required_step_ids(*, course: CoursePage) -> set[int]:
    """Ids of the live required steps of a course (one query per step type)."""
    return set(required_steps(course=course))


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
    for model in STEP_MODELS:
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
    site root paths Wagtail keeps on the request: no routing lookup per page. Other apps'
    sections (`courses.learning_sections`) follow, each with its own bounded reads."""
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
        "sections": learning_sections_for(user=user),
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

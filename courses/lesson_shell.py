"""Lesson pages: rendered once per lesson, language and content change, then filled per
learner (through pagecache, which caches and invalidates them).

A lesson page is the same for every learner except in a few places: the common slots of
every cached page (pagecache.store: CSRF token, "Administration" link, messages, user
bar) and the progress footer. The *shell* is the page rendered with a marker in each of
those places; it depends on its course's whole tree (the outline, the pager), the
address and audience of its ancestors and the site-wide settings.

Per request the learner costs: the session and user (as on every page), one query for
the enrolment and the steps done (`_progress_rows`), and cache reads. The learner's
progress is therefore always exact; only what is the same for everyone is cached.
Serbian content is transliterated into the reader's script while the shell is rendered,
so that too happens once per lesson and language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.dateparse import parse_datetime
from django.utils.html import format_html
from django.utils.translation import gettext

from pagecache.api import learner_counter, slot, store, versions
from serbian.api import for_reader

from .canonical import canonical_id, canonical_ids
from .models.progress import Enrolment, StepCompletion
from .outline import Progress

STEP_CLASS, STEP_LABEL = 31, 32
STEP_MARKER_RE = re.compile(f"\x1e({STEP_CLASS}|{STEP_LABEL}):(\\d+)\x1e")
SLOT_FOOTER = slot(10)
SLOT_PERCENT = slot(11)
SLOT_DONE = slot(12)
SLOT_REQUIRED = slot(13)
KIND = "lesson"


@dataclass(frozen=True)
class LessonShell:
    """What filling a lesson's shell needs besides its HTML (the entry's data)."""

    course_canonical_id: int  # the course enrolments point at
    step_id: int  # canonical id of this lesson
    required_ids: frozenset[int]  # canonical ids of the course's required steps
    done_label: str = ""  # the "done" beside a step of the outline

    def prefetch_keys(self, user_id) -> list[str]:
        return progress_prefetch_keys(user_id, self.course_canonical_id)

    # The progress footer in its three states, with the numbers as markers.
    footer_not_enrolled: str = ""
    footer_to_do: str = ""
    footer_done: str = ""


# --- Steps marked done, per learner (lesson outline, course page) ---------------------


def mark_steps(modules, *, to_canonical: dict[int, int]) -> None:
    """Give each step of an outline markers for its class and its "done" label, named by
    its canonical id, in place of the rendering user's own progress."""
    for module in modules:
        module.steps = [
            replace(
                step,
                done=False,
                marker_class=slot(STEP_CLASS, str(to_canonical.get(step.page_id, step.page_id))),
                marker_label=slot(STEP_LABEL, str(to_canonical.get(step.page_id, step.page_id))),
            )
            for step in module.steps
        ]


def done_label() -> str:
    """The "done" beside a step, in the reader's script."""
    return for_reader(format_html(" · <strong>{}</strong>", gettext("done")))


def fill_step_markers(html: str, *, done: frozenset[int], label: str) -> str:
    """One pass over the page: the steps this learner has done get their class and label."""

    def marker(match: re.Match) -> str:
        if int(match[2]) not in done:
            return ""
        return " done" if int(match[1]) == STEP_CLASS else label

    return STEP_MARKER_RE.sub(marker, html)


# --- Building ------------------------------------------------------------------------


def lesson_entry_for(*, page, course, request: HttpRequest, context_for) -> store.Entry:
    """The cached shell of this lesson, or a new one (stored when it may be shared: never
    for a restricted course, whose visibility is decided per learner). `context_for()`
    gives the template context (the course outline) on a miss."""
    return store.entry_for(
        request=request,
        page=page,
        kind=KIND,
        dependencies=store.page_dependencies(page, root=course),
        build=lambda: _shell_render(
            page=page, course=course, request=request, context=context_for()
        ),
        may_store=course.access != "restricted",
    )


def _shell_render(*, page, course, request, context: dict) -> tuple[str, LessonShell]:
    steps = [s for m in context["modules"] for s in m.steps]
    position = next((i for i, s in enumerate(steps) if s.page_id == page.pk), None)
    previous_step = steps[position - 1] if position else None
    following_step = (
        steps[position + 1] if position is not None and position + 1 < len(steps) else None
    )
    to_canonical = canonical_ids(
        pages=[(s.page_id, s.translation_key) for s in steps], locale_id=course.locale_id
    )
    mark_steps(context["modules"], to_canonical=to_canonical)
    html = store.render_page_html(
        page=page,
        request=request,
        context={
            **context,
            "page": page,
            "self": page,
            "course": course,
            "previous_step": previous_step,
            "following_step": following_step,
            "slot_footer": SLOT_FOOTER,
            # The body's fragment cache follows the lesson and what it embeds (images,
            # documents, cases: pagecache moves the lesson's counter when they change).
            "body_version": versions.versions_read([versions.node(page.path)])[
                versions.node(page.path)
            ],
        },
    )
    footer_context = {
        "step_done_url": reverse("courses:step_done", args=[page.pk]),
        # For "Mark as done" offline (offline.js queues the step under its course).
        "page_pk": page.pk,
        "course_pk": course.pk,
        "enrol_url": reverse("courses:enrol", args=[course.pk]),
        "next_url": following_step.url if following_step else course.get_url(request),
        "has_following": bool(following_step),
        "csrf_token": store.SLOT_CSRF,
        "progress": {"percent": SLOT_PERCENT, "done": SLOT_DONE, "required": SLOT_REQUIRED},
    }

    def footer(**state) -> str:
        return render_to_string("courses/_lesson_footer.html", {**footer_context, **state})

    return html, LessonShell(
        done_label=done_label(),
        footer_not_enrolled=footer(enrolled=False),
        footer_to_do=footer(enrolled=True, step_done=False),
        footer_done=footer(enrolled=True, step_done=True),
        course_canonical_id=canonical_id(course),
        step_id=to_canonical.get(page.pk, page.pk),
        required_ids=frozenset(to_canonical.get(s.page_id, s.page_id) for s in steps if s.required),
    )


# --- Filling -------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _progress_sql() -> str:
    """The query of `progress_rows`, written once: it runs on every lesson and course
    page, where building it through the ORM cost more than running it."""

    def column(model, name: str) -> str:
        return model._meta.get_field(name).column

    # Names from the models' metadata; the values are parameters.
    return (
        f'SELECT e."id", e."{column(Enrolment, "completed_at")}", '  # noqa: S608
        f's."{column(StepCompletion, "page")}" '
        f'FROM "{Enrolment._meta.db_table}" e '
        f'LEFT OUTER JOIN "{StepCompletion._meta.db_table}" s '
        f'ON s."{column(StepCompletion, "enrolment")}" = e."id" '
        f'WHERE e."{column(Enrolment, "user")}" = %s '
        f'AND e."{column(Enrolment, "course")}" = %s '
        f'AND e."{column(Enrolment, "archived_at")}" IS NULL'
    )


@dataclass(frozen=True)
class LearnerProgress:
    enrolment_id: int | None
    completed_at: object
    done: frozenset[int]  # canonical ids of the steps done

    @property
    def enrolled(self) -> bool:
        return self.enrolment_id is not None


def progress_rows(*, user, course_canonical_id: int) -> LearnerProgress:
    """The learner's current enrolment in a course and the steps done (one query)."""
    with connection.cursor() as cursor:
        cursor.execute(_progress_sql(), [user.pk, course_canonical_id])
        rows = cursor.fetchall()
    if not rows:
        return LearnerProgress(enrolment_id=None, completed_at=None, done=frozenset())
    enrolment_id, completed_at, _ = rows[0]
    if isinstance(completed_at, str):  # SQLite hands back text through a raw cursor
        completed_at = parse_datetime(completed_at)
    return LearnerProgress(
        enrolment_id=enrolment_id,
        completed_at=completed_at,
        done=frozenset(page_id for _, _, page_id in rows if page_id is not None),
    )


PROGRESS_TIMEOUT = 3600


def progress_key(user_id, course_canonical_id) -> str:
    return f"pc:progress:{user_id}:{course_canonical_id}"


def progress_prefetch_keys(user_id, course_canonical_id) -> list[str]:
    return [versions.PREFIX + learner_counter(user_id), progress_key(user_id, course_canonical_id)]


def progress_for(*, request: HttpRequest, course_canonical_id: int) -> LearnerProgress:
    """The learner's progress in a course, from the cache while their counter holds (it
    moves with every enrolment or step of theirs), else from the database (one query).
    The counter is read before the rows, as a page's counters are before it renders."""
    user = request.user
    keys = progress_prefetch_keys(user.pk, course_canonical_id)
    found = getattr(request, "_pagecache_prefetched", None)
    if not found or keys[1] not in found:
        found = cache.get_many(keys)
    counter, cached = found.get(keys[0]), found.get(keys[1])
    if counter is not None and isinstance(cached, tuple) and cached[0] == counter:
        return cached[1]
    if counter is None:
        counter = versions.versions_read([learner_counter(user.pk)])[learner_counter(user.pk)]
    progress = progress_rows(user=user, course_canonical_id=course_canonical_id)
    cache.set(keys[1], (counter, progress), PROGRESS_TIMEOUT)
    return progress


def lesson_fill(
    *, entry: store.Entry, request: HttpRequest, staff: bool, page=None
) -> HttpResponse:
    """The learner's page: the shell with their token, menu, messages and progress."""
    shell: LessonShell = entry.data
    progress = progress_for(request=request, course_canonical_id=shell.course_canonical_id)
    if not progress.enrolled:
        footer = shell.footer_not_enrolled
    else:
        counts = Progress(
            required=len(shell.required_ids), done=len(progress.done & shell.required_ids)
        )
        footer = (
            (shell.footer_done if shell.step_id in progress.done else shell.footer_to_do)
            .replace(SLOT_PERCENT, str(counts.percent))
            .replace(SLOT_DONE, str(counts.done))
            .replace(SLOT_REQUIRED, str(counts.required))
        )
    html = fill_step_markers(
        entry.html.replace(SLOT_FOOTER, footer), done=progress.done, label=shell.done_label
    )
    html = store.fill_common(html, request=request, staff=staff, page=page)
    return store.respond(html)


store.register_filler(KIND, lesson_fill)

"""Course pages: the outline rendered once per course, language and content change, then
filled per reader (through pagecache, which caches and invalidates them).

What differs between readers of a course page is the learner panel (enrol, progress,
continue, certificate) and which steps are marked done. The shell is the page with a
marker in the panel's place and two beside each step (its class and its "done" label),
named by the step's canonical id, so that one pass of a regular expression fills them
for the learner from one query (`lesson_shell.progress_rows`). Anonymous readers get a
shell of their own (the "Sign in to enrol" panel), filled the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from wagtail.models import Page

from pagecache.api import slot, store

from .canonical import canonical_id, canonical_ids
from .lesson_shell import (
    done_label,
    fill_step_markers,
    mark_steps,
    progress_for,
    progress_prefetch_keys,
)
from .outline import Progress

KIND = "course"
SLOT_LEARNER = slot(30)


@dataclass(frozen=True)
class CourseShell:
    course_pk: int  # the course page of this language (its enrol form)
    course_canonical_id: int  # the course enrolments point at
    steps: tuple[tuple[int, str], ...]  # (canonical id, URL) in order
    required_ids: frozenset[int]
    done_label: str  # the "done" beside a step, in the reader's script

    def prefetch_keys(self, user_id) -> list[str]:
        return progress_prefetch_keys(user_id, self.course_canonical_id)


def course_entry_for(*, page, request: HttpRequest) -> store.Entry:
    return store.entry_for(
        request=request,
        page=page,
        kind=KIND,
        dependencies=store.page_dependencies(page),
        build=lambda: _shell_render(page=page, request=request),
        may_store=page.access != "restricted",
    )


def _shell_render(*, page, request) -> tuple[str, CourseShell]:
    modules = page.structure(request=request)
    steps = [s for m in modules for s in m.steps]
    to_canonical = canonical_ids(
        pages=[(s.page_id, s.translation_key) for s in steps], locale_id=page.locale_id
    )

    mark_steps(modules, to_canonical=to_canonical)
    # Page's own context (page, request): the outline comes from above, the learner's
    # part from course_fill.
    context = Page.get_context(page, request)
    context.update(
        {"modules": modules, "total_minutes": sum(m.minutes for m in modules)},
        slot_learner=SLOT_LEARNER,
    )
    html = store.render_page_html(page=page, request=request, context=context)
    return html, CourseShell(
        course_pk=page.pk,
        course_canonical_id=canonical_id(page),
        steps=tuple((to_canonical.get(s.page_id, s.page_id), s.url) for s in steps),
        required_ids=frozenset(to_canonical.get(s.page_id, s.page_id) for s in steps if s.required),
        done_label=done_label(),
    )


def course_fill(
    *, entry: store.Entry, request: HttpRequest, staff: bool, page=None
) -> HttpResponse:
    shell: CourseShell = entry.data
    context = {
        "user": request.user,
        "request": request,
        "page": SimpleNamespace(pk=shell.course_pk),
        "csrf_token": store.SLOT_CSRF,
    }
    done: frozenset[int] = frozenset()
    if request.user.is_authenticated:
        progress = progress_for(request=request, course_canonical_id=shell.course_canonical_id)
        done = progress.done
        if progress.enrolled:
            following = next((url for cid, url in shell.steps if cid not in done), None)
            context.update(
                enrolment=SimpleNamespace(
                    pk=progress.enrolment_id, completed_at=progress.completed_at
                ),
                progress=Progress(
                    required=len(shell.required_ids), done=len(done & shell.required_ids)
                ),
                next_step=SimpleNamespace(url=following) if following else None,
            )
    panel = render_to_string("courses/_course_learner_panel.html", context)

    html = fill_step_markers(
        entry.html.replace(SLOT_LEARNER, panel), done=done, label=shell.done_label
    )
    return store.respond(store.fill_common(html, request=request, staff=staff, page=page))


store.register_filler(KIND, course_fill)

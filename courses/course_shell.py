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

import re
from dataclasses import dataclass, replace
from types import SimpleNamespace

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.translation import gettext
from wagtail.models import Page

from pagecache import store
from pagecache.store import slot
from serbian.transliteration import for_reader

from .lesson_shell import progress_rows

KIND = "course"
SLOT_LEARNER = slot(30)
STEP_CLASS, STEP_LABEL = 31, 32
STEP_MARKER_RE = re.compile(f"\x1e({STEP_CLASS}|{STEP_LABEL}):(\\d+)\x1e")


@dataclass(frozen=True)
class CourseShell:
    course_pk: int  # the course page of this language (its enrol form)
    course_canonical_id: int  # the course enrolments point at
    steps: tuple[tuple[int, str], ...]  # (canonical id, URL) in order
    required_ids: frozenset[int]
    done_label: str  # the "done" beside a step, in the reader's script


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
    from .selectors import canonical_id, canonical_ids, course_structure

    modules = course_structure(course=page, request=request)
    steps = [s for m in modules for s in m.steps]
    to_canonical = canonical_ids(
        pages=[(s.page_id, s.translation_key) for s in steps], locale_id=page.locale_id
    )

    def marked(step):
        cid = to_canonical.get(step.page_id, step.page_id)
        return replace(
            step,
            done=False,
            marker_class=slot(STEP_CLASS, str(cid)),
            marker_label=slot(STEP_LABEL, str(cid)),
        )

    for module in modules:
        module.steps = [marked(s) for s in module.steps]
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
        done_label=for_reader(format_html(" · <strong>{}</strong>", gettext("done"))),
    )


def course_fill(
    *, entry: store.Entry, request: HttpRequest, staff: bool, page=None
) -> HttpResponse:
    from .selectors import Progress

    shell: CourseShell = entry.data
    context = {
        "user": request.user,
        "request": request,
        "page": SimpleNamespace(pk=shell.course_pk),
        "csrf_token": store.SLOT_CSRF,
    }
    done: frozenset[int] = frozenset()
    if request.user.is_authenticated:
        progress = progress_rows(user=request.user, course_canonical_id=shell.course_canonical_id)
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

    def step_marker(match: re.Match) -> str:
        if int(match[2]) not in done:
            return ""
        return " done" if int(match[1]) == STEP_CLASS else shell.done_label

    html = STEP_MARKER_RE.sub(step_marker, entry.html.replace(SLOT_LEARNER, panel))
    return store.respond(store.fill_common(html, request=request, staff=staff, page=page))


store.register_filler(KIND, course_fill)

"""Quiz start pages: the rules rendered once per quiz, language and content change, then
filled per learner (through pagecache, which caches and invalidates them).

Everything on the page but the learner's panel (their result, their attempts, and what
they may do next: start, continue, try again) is the same for every learner. The panel
is computed on every request from the learner's own rows (quiz_overview_for), so
attempts that ran out of time are still closed when the learner looks, and review
windows follow the clock.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from wagtail.models import Page

from pagecache import store
from pagecache.store import slot

KIND = "quiz"
SLOT_LEARNER = slot(40)


@dataclass(frozen=True)
class QuizShell:
    quiz_pk: int
    course_pk: int


def quiz_entry_for(*, page, course, request: HttpRequest) -> store.Entry:
    return store.entry_for(
        request=request,
        page=page,
        kind=KIND,
        dependencies=store.page_dependencies(page, root=course),
        build=lambda: _shell_render(page=page, course=course, request=request),
        may_store=course.access != "restricted",
    )


def _shell_render(*, page, course, request) -> tuple[str, QuizShell]:
    from .selectors import canonical_quiz

    context = Page.get_context(page, request)
    context.update(
        course=course, quiz=canonical_quiz(page) if page.pk else page, slot_learner=SLOT_LEARNER
    )
    html = store.render_page_html(page=page, request=request, context=context)
    return html, QuizShell(quiz_pk=page.pk, course_pk=course.pk)


def quiz_fill(*, entry: store.Entry, request: HttpRequest, staff: bool, page=None) -> HttpResponse:
    from courses.models import CoursePage

    from .models import QuizPage
    from .selectors import quiz_overview_for

    shell: QuizShell = entry.data
    quiz = page if page is not None else QuizPage.objects.get(pk=shell.quiz_pk)
    course = CoursePage.objects.get(pk=shell.course_pk)
    context = {
        **quiz_overview_for(quiz=quiz, user=request.user, request=request, course=course),
        "page": quiz,
        "user": request.user,
        "request": request,
        "csrf_token": store.SLOT_CSRF,
    }
    panel = render_to_string("quizzes/_quiz_learner_panel.html", context)
    html = entry.html.replace(SLOT_LEARNER, panel)
    return store.respond(store.fill_common(html, request=request, staff=staff, page=page))


store.register_filler(KIND, quiz_fill)

"""Quiz start pages: the rules rendered once per quiz, language and content change, then
filled per learner (through pagecache, which caches and invalidates them).

Everything on the page but the learner's panel (their result, their attempts, and what
they may do next: start, continue, try again) is the same for every learner: that shell is
built here. The panel is filled into it by `quizzes.quiz_panel`.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from django.utils.translation import get_language
from wagtail.models import Page

from pagecache.api import learner_counter, slot, store, versions

from .canonical import canonical_quiz

KIND = "quiz"
SLOT_LEARNER = slot(40)


def panel_key(user_id, quiz_pk) -> str:
    return f"pc:quiz-panel:{user_id}:{quiz_pk}:{get_language()}"


@dataclass(frozen=True)
class QuizShell:
    quiz_pk: int
    course_pk: int

    def prefetch_keys(self, user_id) -> list[str]:
        """Read with the page's counters (pagecache.store.lookup): the learner's counter
        and their panel."""
        return [versions.PREFIX + learner_counter(user_id), panel_key(user_id, self.quiz_pk)]


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
    context = Page.get_context(page, request)
    context.update(
        course=course, quiz=canonical_quiz(page) if page.pk else page, slot_learner=SLOT_LEARNER
    )
    html = store.render_page_html(page=page, request=request, context=context)
    return html, QuizShell(quiz_pk=page.pk, course_pk=course.pk)

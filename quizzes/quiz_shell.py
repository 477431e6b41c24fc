"""Quiz start pages: the rules rendered once per quiz, language and content change, then
filled per learner (through pagecache, which caches and invalidates them).

Everything on the page but the learner's panel (their result, their attempts, and what
they may do next: start, continue, try again) is the same for every learner. The panel
is computed from the learner's own rows (quiz_overview_for) and kept for them while
three things hold: their counter (it moves with each attempt started or closed, each
result and enrolment of theirs), the page's own counters (a quiz setting or the course
changed), and the clock: an open attempt's time running out, or an attempt leaving its
"immediately after" review window, ends the copy, so that overdue attempts are still
closed when the learner looks and review windows follow the clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language
from wagtail.models import Page

from courses.api import CoursePage
from pagecache.api import learner_counter, slot, store, versions

from .models import QuizPage
from .selectors import canonical_quiz, quiz_overview_for, review_immediate_period
from .services import grace

KIND = "quiz"
SLOT_LEARNER = slot(40)


PANEL_TIMEOUT = 3600


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


@dataclass(frozen=True)
class CachedPanel:
    counter: int  # the learner's counter when it was rendered
    page_versions: tuple  # the entry's counters it was rendered under
    valid_until: datetime | None  # when the clock changes it (None: never)
    html: str


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


def quiz_fill(*, entry: store.Entry, request: HttpRequest, staff: bool, page=None) -> HttpResponse:
    shell: QuizShell = entry.data
    panel = _learner_panel(entry=entry, shell=shell, request=request, page=page)
    html = entry.html.replace(SLOT_LEARNER, panel)
    return store.respond(store.fill_common(html, request=request, staff=staff, page=page))


def _learner_panel(*, entry: store.Entry, shell: QuizShell, request: HttpRequest, page) -> str:
    """The learner's panel from their cached copy while it holds, else rendered afresh
    (and kept). Anonymous readers get the panel that asks them to sign in, every time."""
    user = request.user
    if not user.is_authenticated:
        return _panel_render(shell=shell, request=request, page=page)[0]
    keys = shell.prefetch_keys(user.pk)
    found = getattr(request, "_pagecache_prefetched", None)
    if not found or keys[1] not in found:
        found = cache.get_many(keys)
    counter, cached = found.get(keys[0]), found.get(keys[1])
    page_versions = tuple(sorted(entry.versions.items()))
    now = timezone.now()
    if (
        counter is not None
        and isinstance(cached, CachedPanel)
        and cached.counter == counter
        and cached.page_versions == page_versions
        and (cached.valid_until is None or now < cached.valid_until)
    ):
        return cached.html
    if counter is None:  # read before the rows, as a page's counters are before it renders
        counter = versions.versions_read([learner_counter(user.pk)])[learner_counter(user.pk)]
    html, valid_until = _panel_render(shell=shell, request=request, page=page)
    cache.set(
        keys[1],
        CachedPanel(
            counter=counter, page_versions=page_versions, valid_until=valid_until, html=html
        ),
        PANEL_TIMEOUT,
    )
    return html


def _panel_render(*, shell: QuizShell, request: HttpRequest, page) -> tuple[str, datetime | None]:
    """The panel's HTML and the moment the clock alone would change it."""
    quiz = page if page is not None else QuizPage.objects.get(pk=shell.quiz_pk)
    course = CoursePage.objects.get(pk=shell.course_pk)
    overview = quiz_overview_for(quiz=quiz, user=request.user, request=request, course=course)
    context = {
        **overview,
        "page": quiz,
        "user": request.user,
        "request": request,
        "csrf_token": store.SLOT_CSRF,
    }
    moments = []
    for attempt in overview.get("attempts", []):
        if attempt.submitted_at is None and attempt.deadline is not None:
            moments.append(attempt.deadline + grace())
        if attempt.submitted_at is not None:
            moments.append(attempt.submitted_at + review_immediate_period())
    now = timezone.now()
    upcoming = [m for m in moments if m > now]
    html = render_to_string("quizzes/_quiz_learner_panel.html", context)
    return html, min(upcoming, default=None)


store.register_filler(KIND, quiz_fill)

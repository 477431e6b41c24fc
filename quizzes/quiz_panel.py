"""The learner's panel on a quiz start page, filled into the shared shell
(`quizzes.quiz_shell`) for each reader by pagecache.

The panel is computed from the learner's own rows (quiz_overview_for) and kept for them
while three things hold: their counter (it moves with each attempt started or closed, each
result and enrolment of theirs), the page's own counters (a quiz setting or the course
changed), and the clock: an open attempt's time running out, or an attempt leaving its
"immediately after" review window, ends the copy, so that overdue attempts are still
closed when the learner looks and review windows follow the clock.

Registered with pagecache when the app is ready (quizzes.apps): pagecache may fill a cached
shell without loading the page, so this module loads the quiz itself and sits above the
page types.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone

from courses import api as courses_api
from pagecache.api import learner_counter, store, versions

from .models import QuizPage
from .overview import quiz_overview_for
from .quiz_shell import KIND, SLOT_LEARNER, QuizShell
from .selectors import review_immediate_period
from .services import grace

PANEL_TIMEOUT = 3600


@dataclass(frozen=True)
class CachedPanel:
    counter: int  # the learner's counter when it was rendered
    page_versions: tuple  # the entry's counters it was rendered under
    valid_until: datetime | None  # when the clock changes it (None: never)
    html: str


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
    course = courses_api.CoursePage.objects.get(pk=shell.course_pk)
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

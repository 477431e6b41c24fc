"""Lesson pages: rendered once per lesson, language and release, then filled per learner.

A lesson page is the same for every learner except in a few places: the CSRF token of
its forms, the "Administration" link of staff, flash messages, the progress footer and
the Wagtail user bar. The *shell* is the page rendered with a marker in each of those
places. It is cached (Redis in production, shared by every process), keyed by site,
language and path, and stamped with a generation that any change to pages, view
restrictions or site settings moves on (`generation_bump`), so a stale shell is never
served. The deployment's templates and translations are part of the key (`release`).

Per request the learner costs: the session and user (as on every page), one query for
the enrolment and the steps done (`_progress_rows`), and one cache read for whether
they are staff. The learner's progress is therefore always exact; only what is the same
for everyone is cached. Serbian content is transliterated into the reader's script
while the shell is rendered, so that too happens once per lesson and language.

Two doors use the same shell: `LessonShellMiddleware` answers a GET for a lesson
before Wagtail's routing (a cache hit needs no page lookup at all), and
`LessonPage.serve` builds the shell on a miss and fills it the same way, so both doors
return the same HTML by construction.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.template import engines
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import get_language, gettext

GENERATION_KEY = "lesson-shell:generation"
SHELL_TIMEOUT = 24 * 3600
STAFF_TIMEOUT = 600
# A lesson's URL: /<language>/<catalogue>/<course>/<module>/<lesson>/ (the page tree is
# fixed: home → catalogue → course → module → lesson). Other paths never touch the cache.
LESSON_PATH_SLASHES = 6


def slot(name: str) -> str:
    """A marker that no template, translation or content produces."""
    return f"\x1e{name}\x1e"


SLOT_CSRF = slot("csrf")
SLOT_ADMIN_LINK = slot("admin-link")
SLOT_MESSAGES = slot("messages")
SLOT_FOOTER = slot("footer")
SLOT_USERBAR = slot("userbar")
SLOT_PERCENT = slot("percent")
SLOT_DONE = slot("done")
SLOT_REQUIRED = slot("required")


@dataclass(frozen=True)
class LessonShell:
    html: str
    generation: int
    page_id: int
    course_pk: int  # the course page of this language (its enrol form)
    course_canonical_id: int  # the course enrolments point at
    course_url: str
    restricted: bool
    step_id: int  # canonical id of this lesson
    required_ids: frozenset[int]  # canonical ids of the course's required steps
    following_url: str | None
    # The progress footer in its three states, with the numbers as markers.
    footer_not_enrolled: str = ""
    footer_to_do: str = ""
    footer_done: str = ""


# --- Keys and generations ----------------------------------------------------------


@lru_cache(maxsize=1)
def release() -> str:
    """What the shell's HTML depends on besides the content: templates and translations.

    `RELEASE` (e.g. the git commit) when the deployment sets it; otherwise a digest of
    the modification times of the project's templates, catalogues and rendering code,
    taken once per process, so a deployment never serves shells of the previous one.
    """
    if getattr(settings, "RELEASE", ""):
        return settings.RELEASE
    base = Path(settings.BASE_DIR)
    digest = hashlib.sha256()
    patterns = ("templates/**/*", "locale/**/*.mo", "courses/*.py", "serbian/*.py")
    for pattern in patterns:
        for path in sorted(base.glob(pattern)):
            if path.is_file():
                digest.update(f"{path.relative_to(base)}:{path.stat().st_mtime_ns}".encode())
    return digest.hexdigest()[:16]


def shell_key(*, host: str, language: str, path: str) -> str:
    digest = hashlib.sha256(f"{host}|{language}|{path}".encode()).hexdigest()[:32]
    return f"lesson-shell:{release()}:{digest}"


def current_generation() -> int:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        generation = _generation_start()
    return generation


def _generation_start() -> int:
    # Never 1: if the counter is evicted, a restart from a fixed value could make old
    # shells look current again. Nanoseconds since the epoch never repeat.
    cache.add(GENERATION_KEY, time.time_ns(), None)
    return cache.get(GENERATION_KEY)


def generation_bump(**kwargs) -> None:
    """Every cached shell is out of date (a page was published, moved, unpublished…).

    Connected to Wagtail's and Django's signals in CoursesConfig.ready()."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        _generation_start()


def page_saved(*, sender, instance, **kwargs) -> None:
    from wagtail.models import Page

    if isinstance(instance, Page) and instance.live:
        generation_bump()


def settings_saved(*, created: bool = False, **kwargs) -> None:
    if not created:
        generation_bump()


def staff_flag_key(user_id: int) -> str:
    return f"lesson-shell:staff:{user_id}"


def staff_flag_forget(*, user, **kwargs) -> None:
    """Roles changed: once committed, the next page asks the database again."""
    from django.db import transaction

    key = staff_flag_key(user.pk)
    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key))


def _is_staff(user) -> bool:
    if user.is_superuser:
        return True
    key = staff_flag_key(user.pk)
    flag = cache.get(key)
    if flag is None:
        flag = bool(user.is_staff_role)
        cache.set(key, flag, STAFF_TIMEOUT)
    return flag


# --- Building ------------------------------------------------------------------------


def lesson_shell_for(
    *, page, course, request: HttpRequest, context_for: Callable[[], dict]
) -> LessonShell:
    """The cached shell of this lesson, or a new one (stored when it may be shared).
    `context_for()` gives the template context (the course outline) on a miss."""
    language = get_language()
    key = shell_key(host=request.get_host(), language=language, path=request.path)
    preview = getattr(request, "is_preview", False)
    generation = current_generation()
    if not preview:
        cached = cache.get(key)
        if isinstance(cached, LessonShell) and cached.generation == generation:
            return cached
    shell = _shell_render(page=page, course=course, request=request, context=context_for())
    shell = LessonShell(**{**shell.__dict__, "generation": generation})
    if not preview and _shareable(page=page, request=request):
        cache.set(key, shell, SHELL_TIMEOUT)
    return shell


def _shareable(*, page, request) -> bool:
    """Only pages everyone signed in may see, at a URL without a query string."""
    return not request.META.get("QUERY_STRING") and not page.get_view_restrictions().exists()


def _shell_render(*, page, course, request, context: dict) -> LessonShell:
    from .selectors import canonical_id, canonical_ids

    steps = [s for m in context["modules"] for s in m.steps]
    position = next((i for i, s in enumerate(steps) if s.page_id == page.pk), None)
    previous_step = steps[position - 1] if position else None
    following_step = (
        steps[position + 1] if position is not None and position + 1 < len(steps) else None
    )
    to_canonical = canonical_ids(
        pages=[(s.page_id, s.translation_key) for s in steps], locale_id=course.locale_id
    )
    html = render_to_string(
        page.get_template(request),
        {
            **context,
            "page": page,
            "self": page,
            "course": course,
            "previous_step": previous_step,
            "following_step": following_step,
            "csrf_token": SLOT_CSRF,
            "slot_admin_link": SLOT_ADMIN_LINK,
            "slot_messages": SLOT_MESSAGES,
            "slot_footer": SLOT_FOOTER,
            "slot_userbar": SLOT_USERBAR,
        },
        request=request,
    )
    footer_context = {
        "step_done_url": reverse("courses:step_done", args=[page.pk]),
        "enrol_url": reverse("courses:enrol", args=[course.pk]),
        "next_url": following_step.url if following_step else course.get_url(request),
        "has_following": bool(following_step),
        "csrf_token": SLOT_CSRF,
        "progress": {"percent": SLOT_PERCENT, "done": SLOT_DONE, "required": SLOT_REQUIRED},
    }

    def footer(**state) -> str:
        return render_to_string("courses/_lesson_footer.html", {**footer_context, **state})

    return LessonShell(
        html=html,
        footer_not_enrolled=footer(enrolled=False),
        footer_to_do=footer(enrolled=True, step_done=False),
        footer_done=footer(enrolled=True, step_done=True),
        generation=0,
        page_id=page.pk,
        course_pk=course.pk,
        course_canonical_id=canonical_id(course),
        course_url=course.get_url(request),
        restricted=course.access == "restricted",
        step_id=to_canonical.get(page.pk, page.pk),
        required_ids=frozenset(to_canonical.get(s.page_id, s.page_id) for s in steps if s.required),
        following_url=following_step.url if following_step else None,
    )


# --- Looking up and filling ---------------------------------------------------------------


def lesson_shell_lookup(
    request: HttpRequest, *, user_id=None
) -> tuple[LessonShell | None, bool | None]:
    """A current shell for this URL and, given a user id, their cached staff flag (None
    when not cached), in one cache round trip. (None, …) on a miss."""
    key = shell_key(host=request.get_host(), language=get_language(), path=request.path)
    keys = [GENERATION_KEY, key]
    if user_id is not None:
        keys.append(staff_flag_key(user_id))
    found = cache.get_many(keys)
    shell = found.get(key)
    staff = found.get(staff_flag_key(user_id)) if user_id is not None else None
    if isinstance(shell, LessonShell) and shell.generation == found.get(GENERATION_KEY):
        return shell, staff
    return None, staff


@lru_cache(maxsize=1)
def _progress_sql() -> str:
    """The query of `_progress_rows`, written once: it runs on every lesson page, where
    building it through the ORM cost more than running it."""
    from .models import Enrolment, StepCompletion

    def column(model, name: str) -> str:
        return model._meta.get_field(name).column

    # Names from the models' metadata; the values are parameters.
    return (
        f'SELECT e."id", s."{column(StepCompletion, "page")}" '  # noqa: S608
        f'FROM "{Enrolment._meta.db_table}" e '
        f'LEFT OUTER JOIN "{StepCompletion._meta.db_table}" s '
        f'ON s."{column(StepCompletion, "enrolment")}" = e."id" '
        f'WHERE e."{column(Enrolment, "user")}" = %s '
        f'AND e."{column(Enrolment, "course")}" = %s '
        f'AND e."{column(Enrolment, "archived_at")}" IS NULL'
    )


def _progress_rows(*, user, shell: LessonShell) -> tuple[bool, set[int]]:
    """Is the learner enrolled, and which steps have they done (one query)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(_progress_sql(), [user.pk, shell.course_canonical_id])
        rows = cursor.fetchall()
    return bool(rows), {page_id for _, page_id in rows if page_id is not None}


def lesson_shell_fill(
    *, shell: LessonShell, request: HttpRequest, page=None, staff: bool | None = None
) -> HttpResponse:
    """The learner's page: the shell with their token, menu, messages and progress."""
    from django.contrib.messages import get_messages

    from .selectors import Progress

    user = request.user
    staff = _is_staff(user) if staff is None else staff
    enrolled, done = _progress_rows(user=user, shell=shell)
    if not enrolled:
        footer = shell.footer_not_enrolled
    else:
        progress = Progress(required=len(shell.required_ids), done=len(done & shell.required_ids))
        footer = (
            (shell.footer_done if shell.step_id in done else shell.footer_to_do)
            .replace(SLOT_PERCENT, str(progress.percent))
            .replace(SLOT_DONE, str(progress.done))
            .replace(SLOT_REQUIRED, str(progress.required))
        )
    storage = get_messages(request)
    messages_html = (
        render_to_string("components/messages.html", {"messages": list(storage)})
        if len(storage)
        else ""
    )
    admin_link = (
        format_html('<li><a href="/admin/">{}</a></li>', gettext("Administration")) if staff else ""
    )
    userbar = _userbar(request=request, page=page) if staff and page is not None else ""
    html = (
        shell.html.replace(SLOT_FOOTER, footer)
        .replace(SLOT_MESSAGES, messages_html)
        .replace(SLOT_ADMIN_LINK, admin_link)
        .replace(SLOT_USERBAR, userbar)
        .replace(SLOT_CSRF, get_token(request))
    )
    response = HttpResponse(html)
    response["Cache-Control"] = "private, no-cache"
    return response


def _userbar(*, request, page) -> str:
    template = engines["django"].from_string("{% load wagtailuserbar %}{% wagtailuserbar %}")
    return template.render({"page": page, "self": page}, request)


def lesson_shell_respond(request: HttpRequest) -> HttpResponse | None:
    """The fast door: a signed-in learner's GET of a lesson whose shell is cached.

    None whenever the ordinary door must answer: a miss, someone signed out (the login
    redirect), a restricted course (its visibility is decided per learner), staff (the
    Wagtail user bar needs the page)."""
    if (
        request.method not in ("GET", "HEAD")
        or request.path.count("/") != LESSON_PATH_SLASHES
        or request.META.get("QUERY_STRING")
    ):
        return None
    from django.contrib.auth import SESSION_KEY

    user_id = request.session.get(SESSION_KEY)
    if user_id is None:
        return None  # signed out: the ordinary door sends them to sign in
    shell, staff = lesson_shell_lookup(request, user_id=user_id)
    if shell is None or shell.restricted or staff:
        return None
    user = request.user  # checks the session against the account, as on every page
    if not user.is_authenticated:
        return None
    if staff is None and _is_staff(user):
        return None
    return lesson_shell_fill(shell=shell, request=request, staff=False)


class LessonShellMiddleware:
    """Serves cached lesson shells before Wagtail's routing. Last in MIDDLEWARE, so that
    sessions, authentication, language, CSRF and MFA checks have all run."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return lesson_shell_respond(request) or self.get_response(request)

"""Cached pages: rendered once per content change, filled per reader.

A page that is the same for every reader of a kind (anyone signed out, or any signed-in
learner) except in a few places is rendered once with a marker in each of those places
(a *slot*: the CSRF token, the "Administration" link of staff, flash messages, the
Wagtail user bar, and whatever the page type adds, such as a learner's progress). The
result is an `Entry`, cached (Redis in production, shared by every process) under the
deployment's release, host, language, path and the reader's kind, with the values of
the version counters it depends on as read *before* rendering (pagecache.versions). It is
served only while they all still hold.

Two doors use the same entries: `PageCacheMiddleware` answers a GET before Wagtail's
routing when an entry is current (no page lookup at all), and the page's own `serve()`
builds the entry on a miss (`entry_for`) and fills it the same way, so both doors return
the same HTML by construction. Page types register how their slots are filled
(`register_filler`); the common slots are filled by `fill_common`.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.template import engines
from django.template.loader import render_to_string
from django.urls import Resolver404, resolve
from django.utils.html import format_html
from django.utils.translation import get_language, gettext

from . import session_user, versions

ENTRY_TIMEOUT = 24 * 3600
STAFF_TIMEOUT = 600
ANONYMOUS, SIGNED_IN = "anonymous", "signed-in"


def slot(number: int, detail: str = "") -> str:
    """A marker that no template, translation or content produces. Digits only: Serbian
    content is transliterated while it is rendered, and digits stay as they are."""
    return f"\x1e{number}{':' + detail if detail else ''}\x1e"


SLOT_CSRF = slot(1)
SLOT_ADMIN_LINK = slot(2)
SLOT_MESSAGES = slot(3)
SLOT_USERBAR = slot(4)
# The context that puts the common slots into a page (templates/base.html and
# components/site_nav.html read them).
SLOT_CONTEXT = {
    "csrf_token": SLOT_CSRF,
    "slot_admin_link": SLOT_ADMIN_LINK,
    "slot_messages": SLOT_MESSAGES,
    "slot_userbar": SLOT_USERBAR,
}


@dataclass(frozen=True)
class Entry:
    html: str
    versions: dict[str, int]
    kind: str  # the name its filler is registered under
    data: Any = None
    headers: dict[str, str] = field(default_factory=dict)


# --- Keys --------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def release() -> str:
    """What a cached page depends on besides the content: code, templates, translations.

    `RELEASE` (e.g. the git commit) when the deployment sets it; otherwise a digest of the
    modification times of the project's templates, catalogues and Python modules, taken
    once per process, so a deployment never serves pages of the previous one."""
    if getattr(settings, "RELEASE", ""):
        return settings.RELEASE
    base = Path(settings.BASE_DIR)
    digest = hashlib.sha256()
    patterns = ("templates/**/*", "locale/**/*.mo", "*/*.py", "*/templatetags/*.py")
    for pattern in patterns:
        for path in sorted(base.glob(pattern)):
            if path.is_file() and not path.parts[len(base.parts)].startswith("."):
                digest.update(f"{path.relative_to(base)}:{path.stat().st_mtime_ns}".encode())
    return digest.hexdigest()[:16]


def entry_key(request: HttpRequest, *, reader: str) -> str:
    query = request.META.get("QUERY_STRING", "")
    raw = f"{request.get_host()}|{get_language()}|{request.path}|{query}|{reader}"
    return f"pc:e:{release()}:{hashlib.sha256(raw.encode()).hexdigest()[:32]}"


def reader_of(request: HttpRequest) -> str:
    return SIGNED_IN if request.user.is_authenticated else ANONYMOUS


def page_dependencies(page, *, root=None, whole_tree: bool = True) -> set[str]:
    """The counters a page's HTML depends on: everything under `root` (the page itself
    by default; a lesson shows its whole course), the page's parent (breadcrumbs), the
    address and audience of every ancestor, and the site-wide settings. `whole_tree=False`
    for a page that shows only itself (its links are followed by the reference index)."""
    root = root or page
    names = {versions.GLOBAL, versions.tree(root.path) if whole_tree else versions.node(page.path)}
    names |= {versions.scope(p) for p in versions.path_prefixes(page.path)}
    if len(page.path) > versions.STEPLEN:
        names.add(versions.node(page.path[: -versions.STEPLEN]))
    return names


# --- Staff ---------------------------------------------------------------------------------


def staff_flag_key(user_id) -> str:
    return f"pc:staff:{user_id}"


def staff_flag_forget(*, user, **kwargs) -> None:
    """Roles changed: once committed, the next page asks the database again."""
    key = staff_flag_key(user.pk)
    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key))


def is_staff(user) -> bool:
    if user.is_superuser:
        return True
    key = staff_flag_key(user.pk)
    flag = cache.get(key)
    if flag is None:
        flag = bool(user.is_staff_role)
        cache.set(key, flag, STAFF_TIMEOUT)
    return flag


# --- Building --------------------------------------------------------------------------------


def shareable(*, page, request: HttpRequest, query_ok: bool = False) -> bool:
    """Only pages without view restrictions (theirs or an ancestor's), outside previews,
    at a URL without a query string unless the page says this one is shared
    (`query_ok`: the case-law library's valid filters, for instance)."""
    return (
        not getattr(request, "is_preview", False)
        and (query_ok or not request.META.get("QUERY_STRING"))
        and not page.get_view_restrictions().exists()
    )


def entry_for(
    *,
    request: HttpRequest,
    page,
    kind: str,
    dependencies: Iterable[str],
    build: Callable[[], tuple[str, Any]],
    may_store: bool = True,
    query_ok: bool = False,
) -> Entry:
    """The current cached entry of this page for this kind of reader, or a new one
    (stored when the page may be shared). `build()` renders it: (html, data)."""
    key = entry_key(request, reader=reader_of(request))
    store = may_store and shareable(page=page, request=request, query_ok=query_ok)
    if store:
        cached = local_get(key) or cache.get(key)
        if isinstance(cached, Entry) and versions_current_for(cached):
            local_put(key, cached)
            return cached
        _local_drop(key)
    # Read before rendering: a change committed meanwhile makes this entry stale at once.
    found = versions.versions_read(dependencies)
    html, data = build()
    entry = Entry(html=html, versions=found, kind=kind, data=data)
    if store:
        cache.set(key, entry, ENTRY_TIMEOUT)
        local_put(key, entry)
    return entry


def versions_current_for(entry: Entry) -> bool:
    return versions.versions_current(entry.versions)


def render_page_html(*, page, request: HttpRequest, context: dict | None = None) -> str:
    """The page's own template and context, with the common slots."""
    return render_to_string(
        page.get_template(request),
        {
            **(context if context is not None else page.get_context(request)),
            **SLOT_CONTEXT,
        },
        request=request,
    )


# --- Filling -------------------------------------------------------------------------------

Filler = Callable[..., HttpResponse]
FILLERS: dict[str, Filler] = {}


def register_filler(kind: str, filler: Filler) -> None:
    """`filler(entry=, request=, staff=, page=)` returns the reader's response."""
    FILLERS[kind] = filler


def fill_common(html: str, *, request: HttpRequest, staff: bool, page=None) -> str:
    """The reader's token, menu, messages and (staff) user bar."""
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
    return (
        html.replace(SLOT_MESSAGES, messages_html)
        .replace(SLOT_ADMIN_LINK, admin_link)
        .replace(SLOT_USERBAR, userbar)
        .replace(SLOT_CSRF, get_token(request))
    )


def respond(html: str) -> HttpResponse:
    response = HttpResponse(html)
    response["Cache-Control"] = "private, no-cache"
    return response


def fill_page(*, entry: Entry, request: HttpRequest, staff: bool, page=None) -> HttpResponse:
    """A page with nothing per reader but the common slots (home, catalogue)."""
    return respond(fill_common(entry.html, request=request, staff=staff, page=page))


register_filler("page", fill_page)


def _userbar(*, request, page) -> str:
    template = engines["django"].from_string("{% load wagtailuserbar %}{% wagtailuserbar %}")
    return template.render({"page": page, "self": page}, request)


def serve_cached(*, request: HttpRequest, page, entry: Entry) -> HttpResponse:
    """The slow door's answer: the entry filled for this reader."""
    staff = request.user.is_authenticated and is_staff(request.user)
    return FILLERS[entry.kind](entry=entry, request=request, staff=staff, page=page)


# --- This process's copies ------------------------------------------------------------------
# The entries a worker served last, kept in its memory so that a hit reads only the
# counters from the shared cache (one round trip), not the page's HTML. A copy is used
# only while the shared counters still hold, exactly as the shared entry would be.

LOCAL_ENTRIES = 128
_local: OrderedDict[str, Entry] = OrderedDict()
_local_lock = threading.Lock()


def local_get(key: str) -> Entry | None:
    with _local_lock:
        entry = _local.get(key)
        if entry is not None:
            _local.move_to_end(key)
        return entry


def local_put(key: str, entry: Entry) -> None:
    with _local_lock:
        _local[key] = entry
        _local.move_to_end(key)
        while len(_local) > LOCAL_ENTRIES:
            _local.popitem(last=False)


def _local_drop(key: str) -> None:
    with _local_lock:
        _local.pop(key, None)


def local_forget() -> None:
    """Drop this process's copies (tests that clear the shared cache)."""
    with _local_lock:
        _local.clear()


# --- The fast door ---------------------------------------------------------------------------


def lookup(request: HttpRequest, *, reader: str, user_id=None) -> tuple[Entry | None, Any]:
    """A current entry for this URL and reader and, given a user id, their cached staff
    flag (None when not cached). One cache round trip when this process has a copy (its
    counters and the flag), two otherwise (the entry and the flag, then its counters).
    The same trip reads the reader's cached account (pagecache/session_user.py), left on
    the request for the authentication middleware's lazy user."""
    key = entry_key(request, reader=reader)
    flag_key = staff_flag_key(user_id) if user_id is not None else None
    account_key = session_user.user_key(user_id) if user_id is not None else None
    personal = [flag_key, account_key] if user_id is not None else []
    entry = local_get(key)
    if entry is not None:
        counter_keys = {versions.PREFIX + name: value for name, value in entry.versions.items()}
        # What the filler will read for this reader (their progress), in the same trip.
        extra = (
            entry.data.prefetch_keys(user_id)
            if user_id and hasattr(entry.data, "prefetch_keys")
            else []
        )
        found = cache.get_many([*counter_keys, *personal, *extra])
        staff = _personal_from(request, found, flag_key=flag_key, account_key=account_key)
        if all(found.get(k) == value for k, value in counter_keys.items()):
            request._pagecache_prefetched = {k: found.get(k) for k in extra}
            return entry, staff
        _local_drop(key)
    found = cache.get_many([key, *personal])
    entry = found.get(key)
    staff = _personal_from(request, found, flag_key=flag_key, account_key=account_key)
    if isinstance(entry, Entry) and entry.kind in FILLERS and versions_current_for(entry):
        local_put(key, entry)
        return entry, staff
    return None, staff


def _personal_from(request: HttpRequest, found: dict, *, flag_key, account_key):
    """The staff flag read with the page; the account copy goes on the request (unless
    its user was already loaded)."""
    if account_key is None:
        return None
    if not hasattr(request, "_cached_user"):
        setattr(request, session_user.PREFETCHED_ATTRIBUTE, found.get(account_key))
    return found.get(flag_key)


def fast_response(request: HttpRequest) -> HttpResponse | None:
    """A GET answered from a current entry, or None when the page must answer itself
    (a miss, staff: their user bar needs the page). A URL with a query string has an
    entry only where its page chose to share it."""
    if request.method not in ("GET", "HEAD"):
        return None
    if not _routed_to_pages(request.path_info):
        return None  # a view of its own (/healthz, My learning, the API): not ours
    user_id = request.session.get(SESSION_KEY)
    reader = ANONYMOUS if user_id is None else SIGNED_IN
    entry, staff = lookup(request, reader=reader, user_id=user_id)
    if entry is None or staff:
        return None
    if user_id is not None:
        user = request.user  # checks the session against the account, as on every page
        if not user.is_authenticated or (staff is None and is_staff(user)):
            return None
    return FILLERS[entry.kind](entry=entry, request=request, staff=False, page=None)


def _routed_to_pages(path: str) -> bool:
    """Does Django's URL configuration hand this path to Wagtail's page serving?"""
    return _routed_to_pages_in(get_language(), path)


@lru_cache(maxsize=4096)
def _routed_to_pages_in(language: str, path: str) -> bool:
    # Remembered per process: the URL configuration does not change while it runs, and
    # resolving a page's path tries every other pattern first.
    try:
        return resolve(path).url_name == "wagtail_serve"
    except Resolver404:
        return False


class PageCacheMiddleware:
    """Serves cached pages before Wagtail's routing. Last in MIDDLEWARE, so that sessions,
    authentication, language, CSRF and MFA checks have all run."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return fast_response(request) or self.get_response(request)


def serve_page(
    *,
    page,
    request: HttpRequest,
    whole_tree: bool = True,
    also_depends_on: Iterable[str] = (),
    query_ok: bool = False,
) -> HttpResponse:
    """A page with nothing per reader but the common slots, through its cached entry
    (previews are rendered afresh and never stored)."""
    entry = entry_for(
        request=request,
        page=page,
        kind="page",
        dependencies=page_dependencies(page, whole_tree=whole_tree) | set(also_depends_on),
        build=lambda: (render_page_html(page=page, request=request), None),
        query_ok=query_ok,
    )
    return serve_cached(request=request, page=page, entry=entry)

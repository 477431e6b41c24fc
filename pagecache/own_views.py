"""Views (not pages) kept in the cache: a reader's own (My learning: per learner, under
their counter) and ones every reader shares (certificate verification).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

from . import versions
from .store import (
    ENTRY_TIMEOUT,
    SLOT_CONTEXT,
    Entry,
    entry_key,
    fill_page,
    is_staff,
    local_get,
    local_put,
    reader_of,
    versions_current_for,
)

# --- Views of one reader's own -----------------------------------------------------------------


def learner_counter(user_id) -> str:
    """The counter of what one person's own pages show (their enrolments, progress,
    certificates); moved by the apps that keep those rows."""
    return f"learner:{user_id}"


def learner_changed(user_id) -> None:
    """This person's own cached pages and progress are out of date: their counter moves
    now and again once the transaction commits (a reader in between may store what it
    read under the first move; the second makes that stale)."""
    if user_id is not None:
        versions.move_on(learner_counter(user_id))
        versions.bump(learner_counter(user_id))


def learners_changed(user_ids) -> None:
    """`learner_changed` for many people at once (a few round trips per thousand)."""
    counters = [learner_counter(pk) for pk in user_ids if pk is not None]
    versions.move_on_many(counters)
    transaction.on_commit(lambda: versions.move_on_many(counters))


def learner_row_changed(*, instance, raw=False, **kwargs) -> None:
    """post_save/post_delete receiver for a model of one person's own rows (a `user_id`):
    their enrolments, attempts, results, certificates. Fixture loading (raw) is left alone."""
    if not raw:
        learner_changed(instance.user_id)


def personal_response(
    *, request: HttpRequest, template: str, dependencies: Iterable[str], context_for
) -> HttpResponse:
    """A signed-in person's own page (a view, not a Wagtail page), cached for them alone
    under their counter and `dependencies`, with the common slots filled per request.
    `context_for()` gives the template context on a miss."""
    user = request.user
    entry = _view_entry(
        request=request,
        reader=f"person:{user.pk}",
        template=template,
        dependencies={*dependencies, learner_counter(user.pk)},
        context_for=context_for,
    )
    return fill_page(entry=entry, request=request, staff=is_staff(user))


def shared_response(
    *,
    request: HttpRequest,
    template: str,
    identity: str,
    dependencies: Iterable[str],
    context_for,
) -> HttpResponse:
    """A view's page that is the same for every reader of a kind (signed out, signed in)
    given `identity` (what the page answers, e.g. a digest of a verification answer),
    cached under it and `dependencies`, with the common slots filled per request."""
    entry = _view_entry(
        request=request,
        reader=f"{reader_of(request)}:{hashlib.sha256(identity.encode()).hexdigest()[:24]}",
        template=template,
        dependencies={versions.GLOBAL, *dependencies},
        context_for=context_for,
    )
    staff = request.user.is_authenticated and is_staff(request.user)
    return fill_page(entry=entry, request=request, staff=staff)


def _view_entry(*, request, reader: str, template: str, dependencies, context_for) -> Entry:
    """A view's cached entry for `reader`, rendered on a miss with the common slots."""
    key = entry_key(request, reader=reader)
    entry = local_get(key) or cache.get(key)
    if not (isinstance(entry, Entry) and versions_current_for(entry)):
        found = versions.versions_read(dependencies)
        html = render_to_string(template, {**context_for(), **SLOT_CONTEXT}, request=request)
        entry = Entry(html=html, versions=found, kind="page")
        cache.set(key, entry, ENTRY_TIMEOUT)
    local_put(key, entry)
    return entry

"""The trainers' glossary as the transliterator uses it: compiled once per change.

The entries live in the database (serbian.models.GlossaryEntry) and, between changes, in
the shared cache under one key; each process keeps the compiled pattern and checks the
cache at most once a request (and every few seconds outside requests), so a change made
through one worker reaches every other. A change also moves pagecache's `global` counter:
every cached Cyrillic page was transliterated with the glossary as it was.
"""

from __future__ import annotations

import threading
import time

from django.core.cache import cache
from django.core.signals import request_started
from django.db import DatabaseError, transaction
from django.db.models.signals import post_delete, post_save

from pagecache.api import versions

from .models import GlossaryEntry
from .transliteration import Glossary, glossary_source_set

CACHE_KEY = "serbian:glossary"
# Outside requests (commands, tasks) the cache is looked at again after this long.
RECHECK_SECONDS = 5.0

_local = threading.local()


def _entries_from_database() -> list[tuple[str, str]]:
    return list(GlossaryEntry.objects.values_list("latin", "cyrillic"))


def _shared_state() -> dict:
    """{"token": …, "entries": […]} from the cache, read from the database if missing."""
    state = cache.get(CACHE_KEY)
    if state is None:
        try:
            with transaction.atomic():  # a savepoint: a failed query spoils nothing
                entries = _entries_from_database()
        except DatabaseError:  # before migrate: the rules alone
            return {"token": None, "entries": []}
        state = {"token": time.time_ns(), "entries": entries}
        cache.add(CACHE_KEY, state, None)
        state = cache.get(CACHE_KEY) or state
    return state


def current() -> Glossary:
    """The glossary for this request (compiled again only when it changed)."""
    glossary = getattr(_local, "glossary", None)
    checked_at = getattr(_local, "checked_at", 0.0)
    if glossary is not None and time.monotonic() - checked_at < RECHECK_SECONDS:
        return glossary
    state = _shared_state()
    if glossary is None or glossary.token != state["token"]:
        glossary = Glossary.build(state["entries"], token=state["token"])
        _local.glossary = glossary
    _local.checked_at = time.monotonic()
    return glossary


def recheck(**kwargs) -> None:
    """A request starts: look at the shared glossary again before it is next used."""
    _local.checked_at = 0.0


def forget() -> None:
    """Drop the shared and this process's copy (after a change is committed)."""
    cache.delete(CACHE_KEY)
    _local.glossary = None
    _local.checked_at = 0.0


def glossary_changed(*, raw: bool = False, **kwargs) -> None:
    """An entry was saved or deleted: every Cyrillic page is out of date."""
    if raw:
        return
    forget()
    transaction.on_commit(forget)
    versions.bump(versions.GLOBAL)


def connect() -> None:
    uid = "serbian.glossary."
    glossary_source_set(current)
    post_save.connect(glossary_changed, sender=GlossaryEntry, dispatch_uid=uid + "save")
    post_delete.connect(glossary_changed, sender=GlossaryEntry, dispatch_uid=uid + "delete")
    request_started.connect(recheck, dispatch_uid=uid + "request")

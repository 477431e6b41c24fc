"""The cached case-law library: one version number for everything the listing shows.

The rendered results of the library (facets and one page of cases) and the CSV export
are cached per filter combination under a key that holds the library's *version*. Any
change to what the listing shows — a case saved, published, unpublished, moved or
deleted, its terms or victim groups, a vocabulary term, a court, the library page itself
— bumps the version once the transaction commits, so every cached copy is out of date at
once and nobody has to know which keys exist.

One bump per transaction: a 2,000-case import inside one `transaction.atomic()` fires
thousands of signals; pagecache.versions collects them and moves the counter once, after
the commit. The counter starts at the time in nanoseconds when missing: if it is evicted,
the new one never repeats an old value that stale copies might carry.
"""

from __future__ import annotations

import hashlib
from urllib.parse import urlencode

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import QueryDict
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from pagecache.api import DRAFT_FIELDS, release, versions

from .parameters import LIBRARY_PARAMETERS

# A copy is out of date after a bump anyway; the timeout only returns memory.
FRAGMENT_TIMEOUT = 60 * 60
CSV_TIMEOUT = 60 * 60
CSV_EXPORTS_PER_WINDOW = 10
CSV_WINDOW_SECONDS = 60

# The URL parameters the library understands (caselaw.parameters); any other one is dropped
# before the key is made and before rendering, so `?utm_source=…` neither splits the cache
# nor shows up.

# --- The version -----------------------------------------------------------------------
# One of pagecache's version counters, so that cached pages (the library page through
# pagecache's fast door) depend on it too; pagecache moves it after commit, once per
# transaction however many cases changed.

LIBRARY = "caselaw"


def library_version() -> int:
    return versions.versions_read([LIBRARY])[LIBRARY]


def library_version_bump() -> None:
    """Every cached copy of the library is out of date, now."""
    versions.move_on(LIBRARY)


def library_changed(**kwargs) -> None:
    """Bump the version when the current transaction commits (at once outside one)."""
    versions.bump(LIBRARY)


# --- Receivers (connected in CaselawConfig.ready) -------------------------------------


def _is_caselaw_model(sender) -> bool:
    return getattr(getattr(sender, "_meta", None), "app_label", None) == "caselaw"


def _model_saved_or_deleted(*, sender, instance, **kwargs) -> None:
    if sender is PageViewRestriction:
        # A case (or the library) made private or public again: the listing shows only
        # public cases. Rare enough to bump for any page.
        library_changed()
        return
    if not _is_caselaw_model(sender):
        return
    if isinstance(instance, Page) and kwargs.get("signal") is post_save:
        update_fields = kwargs.get("update_fields")
        if not instance.live:
            # A case readers do not see yet; unpublishing sends page_unpublished.
            return
        if update_fields and set(update_fields) <= DRAFT_FIELDS:
            return  # a draft saved on a live case: readers still see the published one
    library_changed()


def _terms_changed(*, sender, action, **kwargs) -> None:
    if action in ("post_add", "post_remove", "post_clear") and _is_caselaw_model(sender):
        library_changed()


def _page_event(*, sender=None, instance=None, **kwargs) -> None:
    # A case or a library page (the only page types of caselaw).
    page = instance.specific_deferred if instance is not None else None
    if isinstance(page, Page) and _is_caselaw_model(type(page)):
        library_changed()


def connect_receivers() -> None:
    post_save.connect(_model_saved_or_deleted, dispatch_uid="caselaw-library-saved")
    post_delete.connect(_model_saved_or_deleted, dispatch_uid="caselaw-library-deleted")
    m2m_changed.connect(_terms_changed, dispatch_uid="caselaw-library-terms")
    for signal in (page_published, page_unpublished, post_page_move, page_slug_changed):
        signal.connect(_page_event, dispatch_uid=f"caselaw-library-{id(signal)}")


# --- Keys ------------------------------------------------------------------------------


def library_params(params: QueryDict) -> QueryDict:
    """The parameters the library understands, in a fixed order (sorted by name, then by
    value, empty values dropped): two URLs that ask the same thing give the same copy."""
    pairs = sorted(
        (key, value)
        for key, values in params.lists()
        if key in LIBRARY_PARAMETERS
        for value in values
        if value.strip()
    )
    normalised = QueryDict(mutable=True)
    for key, value in pairs:
        normalised.appendlist(key, value)
    normalised._mutable = False
    return normalised


def _key(kind: str, *, index_id: int | None, language: str, host: str, params: QueryDict) -> str:
    query = urlencode(sorted(params.lists()), doseq=True)
    digest = hashlib.sha256(f"{host}|{index_id}|{query}".encode()).hexdigest()[:32]
    return f"caselaw:{kind}:{library_version()}:{release()}:{language}:{digest}"


def library_fragment_key(*, index_id: int, language: str, host: str, params: QueryDict) -> str:
    return _key("library", index_id=index_id, language=language, host=host, params=params)


def csv_export_key(*, index_id: int | None, language: str, params: QueryDict) -> str:
    return _key("csv", index_id=index_id, language=language, host="", params=params)


def vocabularies_key() -> str:
    return f"caselaw:vocabularies:{library_version()}"

"""Version counters that cached pages depend on, moved on only after a commit.

A cached page records, before it is rendered, the value of every counter it depends on
(`versions_read`); it is served only while all of them still hold (`versions_current`).
A change moves the counters of what it affects (`bump`), once its transaction has
committed: a reader who renders between the change and the commit sees the old content
with the old counters, so what it stores is out of date as soon as the commit lands.

Counters are named after the page tree (treebeard paths, four characters a level):

- ``tree:<path>``: moved when that page or anything below it changes;
- ``node:<path>``: moved when that page itself changes;
- ``scope:<path>``: moved when what is below that page changes address or audience
  (slug, move, privacy, unpublishing, deletion);
- ``global``: moved by what every page shows (site settings, partners, sites, locales).

A counter that is missing (evicted, or never used) starts at the current time in
nanoseconds, never at a fixed value, so an eviction cannot make an old page current again.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from wagtail.models import Page, ReferenceIndex

PREFIX = "pc:v:"
GLOBAL = "global"
STEPLEN = 4  # treebeard's path characters per level


def tree(path: str) -> str:
    return f"tree:{path}"


def node(path: str) -> str:
    return f"node:{path}"


def scope(path: str) -> str:
    return f"scope:{path}"


def path_prefixes(path: str) -> list[str]:
    """The paths of a page's ancestors and its own, root first."""
    return [path[:end] for end in range(STEPLEN, len(path) + 1, STEPLEN)]


def versions_read(names: Iterable[str]) -> dict[str, int]:
    """The current value of each counter (one cache round trip when all exist)."""
    keys = {PREFIX + name: name for name in names}
    found = cache.get_many(list(keys))
    values = {keys[key]: value for key, value in found.items()}
    for key, name in keys.items():
        if key not in found:
            cache.add(key, time.time_ns(), None)
            values[name] = cache.get(key)
    return values


def versions_current(versions: dict[str, int]) -> bool:
    found = cache.get_many([PREFIX + name for name in versions])
    return all(found.get(PREFIX + name) == value for name, value in versions.items())


# --- Moving counters on ----------------------------------------------------------------

_pending = threading.local()


def _pending_changes() -> dict[str, set]:
    changes = getattr(_pending, "changes", None)
    if changes is None:
        changes = _pending.changes = {"names": set(), "pages": set(), "objects": set()}
    return changes


def bump(*names: str) -> None:
    """Move these counters on once the current transaction commits (at once outside one)."""
    _pending_changes()["names"].update(names)
    transaction.on_commit(flush)


def bump_page(*, path: str, page_id: int | None = None, structural: bool = False) -> None:
    """A page changed: what shows it, or anything below it, is out of date. Structural
    changes (address, audience, existence) also reach everything below the page."""
    names = {tree(p) for p in path_prefixes(path)} | {node(path)}
    if structural:
        names.add(scope(path))
        if len(path) <= 3 * STEPLEN:
            # The home page and its sections: every page's menu links to them.
            names.add(GLOBAL)
    changes = _pending_changes()
    changes["names"].update(names)
    if page_id is not None:
        changes["pages"].add(page_id)
    transaction.on_commit(flush)


def bump_referrers(*, content_type_id: int, object_id) -> None:
    """An image, a document or a snippet changed: the pages that show it are out of date
    (found through Wagtail's reference index when the transaction has committed)."""
    _pending_changes()["objects"].add((content_type_id, str(object_id)))
    transaction.on_commit(flush)


def move_on(*names: str) -> None:
    """Move these counters on now (outside any transaction's bookkeeping)."""
    for name in names:
        key = PREFIX + name
        try:
            cache.incr(key)
        except ValueError:
            cache.add(key, time.time_ns(), None)


MANY = 1000


def move_on_many(names) -> None:
    """Move many counters on at once (thousands of learners assigned by a training plan):
    each is set to the time in nanoseconds, a value no earlier reading of it holds, with one
    round trip per thousand counters instead of one or two per counter."""
    names = list(names)
    for start in range(0, len(names), MANY):
        fresh = time.time_ns()
        cache.set_many({PREFIX + name: fresh for name in names[start : start + MANY]}, None)


def discard_pending() -> None:
    """Forget changes whose transaction never committed (a test's own transaction)."""
    _pending.changes = None


def flush() -> None:
    """Move on every pending counter. Many changes in one transaction register many
    callbacks; the first one does the work, the others find nothing left to do."""
    changes = _pending_changes()
    if not any(changes.values()):
        return
    _pending.changes = None
    names = set(changes["names"])
    names |= _referrer_names(pages=changes["pages"], objects=changes["objects"])
    move_on(*names)


def _referrer_names(*, pages: set[int], objects: set[tuple[int, str]]) -> set[str]:
    """Counters of the pages that link to or embed the changed pages and objects (one
    query for the references, one for the referring pages' paths)."""
    if not pages and not objects:
        return set()
    page_type = ContentType.objects.get_for_model(Page)
    targets = Q(pk__in=[])
    if pages:
        targets |= Q(to_content_type=page_type, to_object_id__in=[str(pk) for pk in pages])
    for content_type_id, object_id in objects:
        targets |= Q(to_content_type_id=content_type_id, to_object_id=object_id)
    referrers = ReferenceIndex.objects.filter(targets).values_list(
        "base_content_type_id", "object_id"
    )
    site_wide = {ct.pk for ct in ContentType.objects.get_for_models(*_site_wide_models()).values()}
    page_ids, names = set(), set()
    for base_type_id, object_id in referrers.distinct():
        if base_type_id == page_type.pk:
            page_ids.add(object_id)
        elif base_type_id in site_wide:
            names.add(GLOBAL)
    for path in Page.objects.filter(pk__in=page_ids).values_list("path", flat=True):
        names |= {tree(p) for p in path_prefixes(path)} | {node(path)}
    return names


# Models whose content every page shows (the site's settings, with their partner logos),
# registered by the app that owns them (`signals.site_settings_follow`).
_SITE_WIDE_MODELS: list = []


def site_wide_model_register(model) -> None:
    if model not in _SITE_WIDE_MODELS:
        _SITE_WIDE_MODELS.append(model)


def _site_wide_models() -> list:
    return list(_SITE_WIDE_MODELS)

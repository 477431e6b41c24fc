"""Progress is kept against the page in the default locale (Serbian), so that reading a
course in English or Serbian counts the same: the canonical page of a translation."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from wagtail.models import Locale, Page


@lru_cache(maxsize=1)
def default_locale_id() -> int:
    # The default locale's id never changes while the process runs.
    return Locale.get_default().pk


def canonical_id(page: Page) -> int:
    """The id of the same page in the default locale (one query, none in that locale)."""
    if page.locale_id == default_locale_id():
        return page.pk
    source = (
        Page.objects.filter(translation_key=page.translation_key, locale_id=default_locale_id())
        .values_list("pk", flat=True)
        .first()
    )
    return source or page.pk


def canonical_ids(*, pages: list[tuple[int, Any]], locale_id: int) -> dict[int, int]:
    """Page id → id of the same page in the default locale, for pages given as
    (id, translation_key) in one locale (one query, none for the default locale)."""
    if locale_id == default_locale_id():
        return {pk: pk for pk, _ in pages}
    by_key = dict(
        Page.objects.filter(
            translation_key__in=[key for _, key in pages], locale_id=default_locale_id()
        ).values_list("translation_key", "pk")
    )
    return {pk: by_key.get(key, pk) for pk, key in pages}

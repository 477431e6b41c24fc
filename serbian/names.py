"""People's names, searched as the site search searches pages: in either script, with or
without diacritics, so that "Ljubicic", "ljubičić" and "Љубичић" find one another.

A model keeps a folded copy of a name next to it (`folded()`: Latin, lower case, no
diacritics) and searches that copy with the folded query, word by word.
"""

from __future__ import annotations

from django.db.models import Q

from .pages import folded


def name_folded(*parts: str) -> str:
    """The folded form of a name given in parts: ("Марко", "Љубичић") → "marko ljubicic"."""
    return folded(" ".join(part for part in parts if part)).strip()


def name_search_q(query: str, *, field: str, also: tuple[str, ...] = ()) -> Q | None:
    """Every word of `query`, folded, in the folded name `field` (or in one of the `also`
    fields, case aside). None for a query without words."""
    words = folded(query).split()
    if not words:
        return None
    match = Q()
    for word in words:
        either = Q(**{f"{field}__contains": word})
        for other in also:
            either |= Q(**{f"{other}__icontains": word})
        match &= either
    return match

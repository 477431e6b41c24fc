"""Writes to the institution tree."""

from __future__ import annotations

from django.db import transaction

from .models import Institution, Region


@transaction.atomic
def institution_create(
    *,
    parent: Institution | None,
    code: str,
    name_sr: str,
    name_en: str,
    kind: str,
    region: str = Region.NATIONAL,
    is_active: bool = True,
) -> Institution:
    """Add a node under `parent`, or a new top-level node when `parent` is None.

    A materialised-path node cannot be saved plainly: treebeard works out its `path`
    and `depth` and updates the parent's child count.
    """
    node = Institution(
        code=code,
        name_sr=name_sr,
        name_en=name_en,
        kind=kind,
        region=region,
        is_active=is_active,
    )
    if parent is None:
        return Institution.add_root(instance=node)
    # The parent's path and child count may have changed since it was read.
    parent.refresh_from_db()
    return parent.add_child(instance=node)

"""Sections other apps add to My learning (trainings, say), without courses knowing them.

An app registers a reader from its AppConfig.ready():

    register_learning_section("trainings", my_trainings_section)

`reader(user)` returns a `LearningSection` (the template to include and its context, which
the template reads as `section`) or None when it has nothing to show that person. Sections
are shown in the order they were registered, after the learner's courses. My learning is
cached per learner: a section's app keeps that cache current (pagecache's
`learner_row_changed` on the rows it reads), and its reader keeps to a bounded number of
queries."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple


class LearningSection(NamedTuple):
    template: str
    context: dict[str, Any]


_READERS: dict[str, Callable[[Any], LearningSection | None]] = {}


def register_learning_section(name: str, reader: Callable[[Any], LearningSection | None]) -> None:
    """Add (or, under the same name, replace) a section of My learning."""
    _READERS[name] = reader


def learning_sections_for(*, user) -> list[LearningSection]:
    return [
        section
        for section in (reader(user) for reader in list(_READERS.values()))
        if section is not None
    ]

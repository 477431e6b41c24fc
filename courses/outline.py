"""The shape of a course outline as pages and shells show it: modules, their steps, and a
learner's progress. Plain data, no queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Step:
    page_id: int
    title: str
    url: str
    kind: str
    required: bool
    minutes: int
    done: bool = False
    translation_key: Any = None
    # Markers a cached course page fills per learner (courses.course_shell).
    marker_class: str = ""
    marker_label: str = ""


@dataclass
class Module:
    page_id: int
    title: str
    steps: list[Step] = field(default_factory=list)

    @property
    def minutes(self) -> int:
        return sum(s.minutes for s in self.steps)


@dataclass
class Progress:
    required: int
    done: int

    @property
    def percent(self) -> int:
        if not self.required:
            return 100 if self.done else 0
        return round(100 * self.done / self.required)

"""One row of statistics (Figures), the figures it holds and their labels, and K: the
fewest people a published figure may rest on."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _

SUPPRESSED = "x"


def min_cell() -> int:
    """K: the fewest people a published figure may rest on (settings.STATS_MIN_CELL)."""
    return max(1, int(getattr(settings, "STATS_MIN_CELL", 5)))


COUNT_FIELDS = (
    "enrolled",
    "started",
    "completed",
    "passed_quizzes",
    "certificates_valid",
    "certificates_expired",
    "certificates_revoked",
)


@dataclass
class Figures:
    """One row of statistics. Counts are exact until `published()`, which turns the hidden
    ones (`hidden`, filled by the disclosure control) into "x" and their rates into None.
    `people` holds, per figure, how many distinct people it rests on."""

    key: Any = None
    label: str = ""
    code: str = ""
    institution_id: int | None = None
    has_children: bool = False
    enrolled: int | str = 0
    started: int | str = 0
    completed: int | str = 0
    completion_rate: float | None = None
    passed_quizzes: int | str = 0
    average_final_score: float | None = None
    final_results: int = field(default=0, repr=False)
    median_days_to_complete: float | None = None
    certificates_valid: int | str = 0
    certificates_expired: int | str = 0
    certificates_revoked: int | str = 0
    suppressed: bool = False
    people: dict[str, int] = field(default_factory=dict, repr=False, compare=False)
    hidden: set[str] = field(default_factory=set, repr=False, compare=False)

    def compute_rate(self) -> None:
        if isinstance(self.enrolled, int) and isinstance(self.completed, int) and self.enrolled:
            self.completion_rate = round(100 * self.completed / self.enrolled, 1)
        else:
            self.completion_rate = None

    def published(self) -> Figures:
        """The figures as shown: hidden counts "x", hidden averages and medians None, and
        the completion rate None when its numerator or denominator is hidden."""
        self.compute_rate()
        changes: dict[str, Any] = {
            name: SUPPRESSED if name in COUNT_FIELDS else None for name in self.hidden
        }
        if {"enrolled", "completed"} & self.hidden:
            changes["completion_rate"] = None
        changes["suppressed"] = bool(self.hidden)
        return replace(self, **changes)

    def public(self) -> dict[str, Any]:
        """The figures every door shows: dashboard, exports, API."""
        names = [
            "enrolled",
            "started",
            "completed",
            "completion_rate",
            "passed_quizzes",
            "average_final_score",
            "median_days_to_complete",
            "certificates_valid",
            "certificates_expired",
            "certificates_revoked",
        ]
        return {name: getattr(self, name) for name in names}


# Each figure that may be hidden, and the people it rests on (a key of Figures.people).
RESTS_ON = {
    **{name: name for name in COUNT_FIELDS},
    "average_final_score": "final_results",
    "median_days_to_complete": "completed",
}
HIDEABLE = tuple(RESTS_ON)


FIGURE_FIELDS = tuple(Figures().public())
FIGURE_LABELS = {
    "enrolled": _("Enrolled"),
    "started": _("Started"),
    "completed": _("Completed"),
    "completion_rate": _("Completion rate (%)"),
    "passed_quizzes": _("Passed quizzes"),
    "average_final_score": _("Average final score (%)"),
    "median_days_to_complete": _("Median days to complete"),
    "certificates_valid": _("Certificates valid"),
    "certificates_expired": _("Certificates expired"),
    "certificates_revoked": _("Certificates revoked"),
}
assert set(FIGURE_LABELS) == set(FIGURE_FIELDS)  # noqa: S101


# The heading of a breakdown's first column, by breakdown.
KEY_HEADINGS = {
    "institution": _("Institution"),
    "profession": _("Profession"),
    "sex": _("Sex"),
    "region": _("Region"),
    "month": _("Month"),
}

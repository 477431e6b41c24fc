"""What a read asks for: course, profession, region, institution and period; for
protected viewers the period in whole calendar months."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, replace

from django.utils import timezone

from courses.api import CoursePage
from institutions.api import Institution

from .scope import OutOfScope, StatsScope


@dataclass(frozen=True)
class StatsFilters:
    institution: Institution | None = None
    course: CoursePage | None = None
    profession: str | None = None
    region: str | None = None
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None

    @property
    def start(self) -> datetime.datetime | None:
        return _day_start(self.date_from) if self.date_from else None

    @property
    def end(self) -> datetime.datetime | None:
        """Exclusive: the start of the day after `date_to`."""
        return _day_start(self.date_to + datetime.timedelta(days=1)) if self.date_to else None

    def as_params(self) -> dict[str, str]:
        """The filters as query parameters (the same names in the dashboard and the API)."""
        params = {
            "institution": self.institution.code if self.institution else "",
            "course": str(self.course.pk) if self.course else "",
            "profession": self.profession or "",
            "region": self.region or "",
            "from": self.date_from.isoformat() if self.date_from else "",
            "to": self.date_to.isoformat() if self.date_to else "",
        }
        return {k: v for k, v in params.items() if v}


def whole_months(filters: StatsFilters) -> StatsFilters:
    """The period widened to whole calendar months (from the 1st of `from`'s month to
    the last day of `to`'s month)."""
    date_from, date_to = filters.date_from, filters.date_to
    if date_from is not None:
        date_from = date_from.replace(day=1)
    if date_to is not None:
        next_month = (date_to.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
        date_to = next_month - datetime.timedelta(days=1)
    return replace(filters, date_from=date_from, date_to=date_to)


def effective_filters(*, scope: StatsScope, filters: StatsFilters) -> StatsFilters:
    """The filters a read really applies: for protected viewers, periods in whole months."""
    return whole_months(filters) if scope.is_protected else filters


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def check_in_scope(scope: StatsScope, filters: StatsFilters) -> None:
    if scope is None:
        raise OutOfScope("no scope")
    if filters.institution is not None and not scope.covers(filters.institution):
        raise OutOfScope(filters.institution.code)

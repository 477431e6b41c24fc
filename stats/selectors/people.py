"""Per-person lists: an operational list for managers within their subtrees, not
statistics (no figure, export or API answer lists persons)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import OuterRef, Q, Subquery
from django.utils.translation import gettext_lazy as _

from accounts.api import User
from courses.api import CoursePage, Enrolment
from institutions.api import Institution

from .scope import OutOfScope, StatsScope


@dataclass
class PersonOutstanding:
    user_id: int
    name: str
    email: str
    institution: str
    profession: str
    status: str
    enrolled_at: datetime.datetime | None


def people_not_completed(
    *, scope: StatsScope, course: CoursePage, institution: Institution | None = None
) -> list[PersonOutstanding]:
    """People (current members of the subtree) for whom `course` is meant (its audience
    professions, or everyone when it names none) and who have not completed it: not
    enrolled, enrolled, or started. Managers within their subtrees only; one query."""
    roots: tuple[Institution, ...] | None
    if scope.roots is None:
        roots = (institution,) if institution is not None else None
    else:
        if institution is not None:
            if not scope.may_list_people_of(institution):
                raise OutOfScope(institution.code)
            roots = (institution,)
        else:
            roots = scope.managed_roots
            if not roots:
                raise OutOfScope("not a manager")
    people = User.objects.filter(is_active=True, erased_at__isnull=True)
    if roots is not None:
        q = Q(pk__in=[])
        for root in roots:
            q |= Q(institution__path__startswith=root.path)
        people = people.filter(q)
    if course.audience_professions:
        people = people.filter(profession__in=course.audience_professions)
    current = Enrolment.objects.filter(course=course, archived_at__isnull=True)
    people = (
        people.exclude(pk__in=current.filter(completed_at__isnull=False).values("user_id"))
        .select_related("institution")
        .order_by("institution__path", "last_name", "first_name", "pk")
    )
    return [_person_row(p) for p in _with_enrolment(people, current)]


def _with_enrolment(people, current):
    mine = current.filter(user=OuterRef("pk"))
    return people.annotate(
        _enrolled_at=Subquery(mine.values("enrolled_at")[:1]),
        _started_at=Subquery(mine.values("started_at")[:1]),
    )


def _person_row(person) -> PersonOutstanding:
    if person._started_at is not None:
        status = str(_("Started"))
    elif person._enrolled_at is not None:
        status = str(_("Enrolled, not started"))
    else:
        status = str(_("Not enrolled"))
    return PersonOutstanding(
        user_id=person.pk,
        name=person.get_full_name() or person.email,
        email=person.email,
        institution=person.institution.name if person.institution else "",
        profession=person.get_profession_display(),
        status=status,
        enrolled_at=person._enrolled_at,
    )

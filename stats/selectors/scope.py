"""Who sees what: a viewer's scope (the subtrees of their role assignments), and the
institutions and courses a filter may name."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from accounts.api import Role, user_is_administrator
from courses.api import CoursePage, default_locale_id
from institutions.api import Institution

STEPLEN = Institution.steplen


@dataclass(frozen=True)
class StatsScope:
    """What one viewer may see.

    `roots`: the subtrees in scope, or None for everything (administrators, who alone see
    exact figures). `managed_roots`: the subtrees the viewer manages (per-person lists).
    """

    roots: tuple[Institution, ...] | None
    managed_roots: tuple[Institution, ...] = ()

    @property
    def is_everywhere(self) -> bool:
        return self.roots is None

    @property
    def is_protected(self) -> bool:
        """Whether the viewer gets protected figures (everyone but administrators)."""
        return self.roots is not None

    def covers(self, institution: Institution | None) -> bool:
        if self.roots is None:
            return True
        if institution is None:
            return False
        return any(institution.path.startswith(root.path) for root in self.roots)

    def may_list_people_of(self, institution: Institution | None) -> bool:
        if self.roots is None:
            return True
        if institution is None:
            return False
        return any(institution.path.startswith(root.path) for root in self.managed_roots)

    def path_q(self, field_name: str) -> Q:
        if self.roots is None:
            return Q()
        q = Q(pk__in=[])
        for root in self.roots:
            q |= Q(**{f"{field_name}__startswith": root.path})
        return q


def stats_scope_for(*, viewer) -> StatsScope | None:
    """The viewer's scope, or None when they may not see statistics at all."""
    if not (viewer and viewer.is_authenticated and viewer.is_active):
        return None
    if user_is_administrator(viewer):
        return StatsScope(roots=None)
    assignments = [
        a
        for a in viewer.cached_role_assignments
        if a.role in (Role.INSTITUTION_MANAGER, Role.MINISTRY_ANALYST) and a.institution_id
    ]
    if not assignments:
        return None
    roots = _outermost(a.institution for a in assignments)
    managed = _outermost(a.institution for a in assignments if a.role == Role.INSTITUTION_MANAGER)
    return StatsScope(roots=roots, managed_roots=managed)


def _outermost(institutions) -> tuple[Institution, ...]:
    """The given subtrees without those inside another one, in tree order."""
    result: list[Institution] = []
    for node in sorted(institutions, key=lambda i: i.path):
        if not any(node.path.startswith(r.path) for r in result):
            result.append(node)
    return tuple(result)


def institutions_in_scope(*, scope: StatsScope) -> QuerySet[Institution]:
    return Institution.objects.filter(scope.path_q("path")).order_by("path")


def institution_in_scope(*, scope: StatsScope, code: str) -> Institution | None:
    """The institution with this code if the scope covers it (unknown and out of scope
    look the same)."""
    institution = Institution.objects.filter(code=code).first()
    return institution if scope.covers(institution) else None


def courses_for_stats() -> QuerySet[CoursePage]:
    """Courses in the default locale (progress is kept against them)."""
    return CoursePage.objects.filter(locale_id=default_locale_id()).order_by("title")


def parent_in_scope(scope: StatsScope, institution: Institution) -> Institution | None:
    if institution.depth <= 1:
        return None
    parent = Institution.objects.filter(path=institution.path[:-STEPLEN]).first()
    return parent if scope.covers(parent) else None


class OutOfScope(Exception):
    """A filter reaches outside the viewer's scope."""

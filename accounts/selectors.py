"""Reads about people, and the one place that decides whose records a viewer may see.

- Administrators see everyone.
- An institution manager sees the people whose *current* institution lies within one of the
  subtrees they manage (materialised path prefix: one query, whatever the number of people).
- Everyone else sees nobody.
"""

from __future__ import annotations

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.db.models import Prefetch, Q, QuerySet
from django.db.models.functions import Lower

from institutions.api import Institution, institution_is_within
from serbian.api import name_search_q

from .models import Membership, Role, RoleAssignment, User


def user_is_administrator(user) -> bool:
    """Administrators are superusers (`role_grant` keeps the two in step)."""
    return bool(
        user.is_authenticated
        and user.is_active
        and (user.is_superuser or user.has_role(Role.ADMINISTRATOR))
    )


@dataclass(frozen=True)
class PeopleScope:
    """Whose records one viewer reaches: below `roots`, or everyone when `roots` is None."""

    roots: tuple[Institution, ...] | None

    @property
    def is_everywhere(self) -> bool:
        return self.roots is None

    def covers(self, institution: Institution | None) -> bool:
        """Whether `institution` (a person's, or a move's target) lies within the scope."""
        if self.roots is None:
            return True
        if institution is None:
            return False
        return any(institution_is_within(institution=institution, root=r) for r in self.roots)

    def path_q(self, field: str) -> Q:
        """A filter on `field`, a materialised path, matching the subtrees in scope."""
        if self.roots is None:
            return Q()
        q = Q(pk__in=[])
        for root in self.roots:
            q |= Q(**{f"{field}__startswith": root.path})
        return q


def people_scope_for(*, viewer) -> PeopleScope | None:
    """Whose records `viewer` may see, or None when they may not see other people at all."""
    if not (viewer.is_authenticated and viewer.is_active):
        return None
    if user_is_administrator(viewer):
        return PeopleScope(roots=None)
    roots = tuple(
        assignment.institution
        for assignment in viewer.cached_role_assignments
        if assignment.role == Role.INSTITUTION_MANAGER and assignment.institution_id
    )
    return PeopleScope(roots=roots) if roots else None


def people_matching(people: QuerySet[User], *, query: str) -> QuerySet[User]:
    """Those of `people` whose name (in either script, with or without diacritics) or email
    has every word of `query`."""
    match = name_search_q(query, field="name_folded", also=("email",))
    return people if match is None else people.filter(match)


def people_visible_to(*, viewer) -> QuerySet[User]:
    """The people `viewer` may see, with their institution and roles (no per-row queries)."""
    scope = people_scope_for(viewer=viewer)
    if scope is None:
        return User.objects.none()
    return (
        User.objects.filter(scope.path_q("institution__path"))
        .select_related("institution")
        .prefetch_related(
            Prefetch(
                "role_assignments",
                queryset=RoleAssignment.objects.select_related("institution").order_by(
                    "role", "institution__path"
                ),
            )
        )
    )


def institutions_visible_to(*, viewer) -> QuerySet[Institution]:
    """The institutions within `viewer`'s scope, in tree order (for filters)."""
    scope = people_scope_for(viewer=viewer)
    if scope is None:
        return Institution.objects.none()
    return Institution.objects.filter(scope.path_q("path")).order_by("path")


def institutions_open_to_moves_by(*, viewer) -> QuerySet[Institution]:
    """The active institutions `viewer` may move a person into."""
    return institutions_visible_to(viewer=viewer).filter(is_active=True)


def membership_history(*, user: User) -> QuerySet[Membership]:
    """Where `user` has been, the current institution first."""
    return (
        Membership.objects.filter(user=user)
        .select_related("institution")
        .order_by("-started_at", "-pk")
    )


def user_ids_by_email(*, emails) -> dict[str, int]:
    """Accounts that own any of `emails` (lower case), as their primary or another address;
    two queries whatever the number of addresses."""
    emails = {email.lower() for email in emails}
    if not emails:
        return {}
    found = dict(
        EmailAddress.objects.annotate(lower_email=Lower("email"))
        .filter(lower_email__in=emails)
        .values_list("lower_email", "user_id")
    )
    found.update(
        User.objects.annotate(lower_email=Lower("email"))
        .filter(lower_email__in=emails)
        .values_list("lower_email", "pk")
    )
    return found

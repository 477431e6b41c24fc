"""Who may import institutions and users, and where: the one place that decides.

Administrators import anywhere. An institution manager imports users into, and
institutions below, the subtree(s) they manage; they cannot add top-level
institutions. Everyone else may not import at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import QuerySet

from accounts.models import Role

from .models import ImportJob, Institution

if TYPE_CHECKING:
    from accounts.models import User


@dataclass(frozen=True)
class ImportScope:
    """Where one person may import: below `roots`, or everywhere when `roots` is None."""

    roots: tuple[Institution, ...] | None

    @property
    def is_everywhere(self) -> bool:
        return self.roots is None

    @property
    def may_add_top_level(self) -> bool:
        return self.is_everywhere

    def covers(self, *, path: str) -> bool:
        """Whether the institution at materialised path `path` is within reach."""
        if self.roots is None:
            return True
        return any(path.startswith(root.path) for root in self.roots)


def import_scope_for(*, user: User) -> ImportScope | None:
    """Where `user` may import, or None if they may not import at all."""
    if not user.is_authenticated or not user.is_active:
        return None
    if user.is_superuser or user.has_role(Role.ADMINISTRATOR):
        return ImportScope(roots=None)
    roots = tuple(
        assignment.institution
        for assignment in user.cached_role_assignments
        if assignment.role == Role.INSTITUTION_MANAGER and assignment.institution_id
    )
    return ImportScope(roots=roots) if roots else None


def import_jobs_visible_to(*, user: User) -> QuerySet[ImportJob]:
    """Imports `user` may follow: all for administrators, their own for managers."""
    scope = import_scope_for(user=user)
    jobs = ImportJob.objects.select_related("created_by")
    if scope is None:
        return jobs.none()
    if scope.is_everywhere:
        return jobs
    return jobs.filter(created_by=user)

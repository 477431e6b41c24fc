"""Who may import institutions and users, and where: the one place that decides.

Administrators import anywhere. An institution manager imports users into, and
institutions below, the subtree(s) they manage; they cannot add top-level
institutions. Everyone else may not import at all.
"""

from __future__ import annotations

from django.db.models import QuerySet

from institutions.api import ImportJob

from .models import User
from .selectors import PeopleScope, people_scope_for


def import_scope_for(*, user: User) -> PeopleScope | None:
    """Where `user` may import (administrators: everywhere; managers: their subtrees), or
    None if they may not import at all. Decided by accounts' people scope, the one place."""
    return people_scope_for(viewer=user)


def import_jobs_visible_to(*, user: User) -> QuerySet[ImportJob]:
    """Imports `user` may follow: all for administrators, their own for managers."""
    scope = import_scope_for(user=user)
    jobs = ImportJob.objects.select_related("created_by")
    if scope is None:
        return jobs.none()
    if scope.is_everywhere:
        return jobs
    return jobs.filter(created_by=user)

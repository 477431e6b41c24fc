"""Whom a plan reaches: its target as one filter on people, so that the database, not
Python, decides for 20,000 people at once. The same filter serves a saved plan and a form
being previewed before it is saved."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from accounts.api import User


@dataclass(frozen=True)
class Target:
    owner_path: str | None  # the plan's own institution; None: everyone
    institution_paths: tuple[str, ...] = ()
    professions: tuple[str, ...] = ()
    named_ids: tuple[int, ...] = ()

    @classmethod
    def of(cls, plan) -> Target:
        return cls(
            owner_path=plan.owner_institution.path if plan.owner_institution_id else None,
            institution_paths=tuple(i.path for i in plan.target_institutions.all()),
            professions=tuple(plan.target_professions or ()),
            named_ids=tuple(plan.target_people.values_list("pk", flat=True)),
        )

    def q(self) -> Q:
        """Active people named, or matching every part of the rule that is given (an
        institution subtree, a profession), always within the plan's own institution."""
        rule = Q()
        if self.institution_paths:
            within = Q(pk__in=[])
            for path in self.institution_paths:
                within |= Q(institution__path__startswith=path)
            rule &= within
        if self.professions:
            rule &= Q(profession__in=list(self.professions))
        if not self.institution_paths and not self.professions:
            rule = Q(pk__in=[])  # no rule: only the people named
        q = (Q(pk__in=list(self.named_ids)) | rule) & Q(is_active=True)
        if self.owner_path is not None:
            q &= Q(institution__path__startswith=self.owner_path)
        return q

    def people(self) -> QuerySet[User]:
        return User.objects.filter(self.q())

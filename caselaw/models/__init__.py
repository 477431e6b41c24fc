"""Case law: judgments as Wagtail pages, described by controlled vocabularies (snippets).

- `terms`: the vocabularies, the courts and the choices;
- `cases`: the page of a case, its groups of people and provisions, and the reads it is
  served with;
- `library`: the library page, above the search it serves.

The search (caselaw.forms, caselaw.caching, caselaw.selectors, caselaw.library) imports
`caselaw.models.terms` and `caselaw.models.cases`, never this package, which also holds
the library page above it.
"""

from .cases import (
    CasePage,
    CasePageForm,
    DefendantGroup,
    PeopleGroup,
    ProvisionApplied,
    VictimGroup,
)
from .library import CaseIndexPage
from .terms import (
    ECLI_PATTERN,
    Act,
    AgeGroup,
    Country,
    Court,
    CourtLevel,
    DefendantRole,
    ExploitationForm,
    LegalIssue,
    Means,
    Outcome,
    Scope,
    Sector,
    Sex,
    Term,
    VictimStatus,
    ecli_validator,
)

__all__ = [
    "ECLI_PATTERN",
    "Act",
    "AgeGroup",
    "CaseIndexPage",
    "CasePage",
    "CasePageForm",
    "Country",
    "Court",
    "CourtLevel",
    "DefendantGroup",
    "DefendantRole",
    "ExploitationForm",
    "LegalIssue",
    "Means",
    "Outcome",
    "PeopleGroup",
    "ProvisionApplied",
    "Scope",
    "Sector",
    "Sex",
    "Term",
    "VictimGroup",
    "VictimStatus",
    "ecli_validator",
]

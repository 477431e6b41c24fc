"""What other apps may use of caselaw (the case-law library). Import this module, not
caselaw's internals.

- `CasePage`: a court decision; quiz questions refer to cases (a scenario's case).
- `CaseIndexPage`: the library page, under the home page.
"""

from .models import CaseIndexPage, CasePage

__all__ = ["CaseIndexPage", "CasePage"]

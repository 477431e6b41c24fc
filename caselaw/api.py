"""What other apps may use of caselaw. Import this module, not caselaw's internals."""

from .models import CasePage  # noqa: F401  # Used by demo

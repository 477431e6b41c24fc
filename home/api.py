"""What other apps may use of home. Import this module, not home's internals."""

# Used by courses, caselaw
from .models import HomePage

__all__ = ["HomePage"]

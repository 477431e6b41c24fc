"""What other apps may use of institutions. Import this module, not institutions' internals."""

from .demo import demo_institutions  # noqa: E402, F401  # Used by demo
from .models import Institution, InstitutionKind  # noqa: F401  # Used by demo

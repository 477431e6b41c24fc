"""What other apps may use of institutions. Import this module, not institutions' internals."""

# Used by stats
from institutions.models import Institution, Region  # noqa: E402, F401

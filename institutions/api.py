"""What other apps may use of institutions. Import this module, not its internals."""

# Used by courses
from .models import Institution

__all__ = ["Institution"]

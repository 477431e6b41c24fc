"""What other apps may use of home. Import this module, not home's internals."""

from .models import HomePage  # noqa: F401  # Used by demo
from .selectors import home_page_in  # noqa: F401  # Used by demo

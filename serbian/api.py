"""What other apps may use of serbian. Import this module, not serbian's internals."""

# Used by courses
from .pages import SerbianScriptsPageMixin

__all__ = ["SerbianScriptsPageMixin"]

# Used by caselaw, search
from .transliteration import to_latin  # noqa: E402

__all__ += ["to_latin"]

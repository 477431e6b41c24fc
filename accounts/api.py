"""What other apps may use of accounts. Import this module, not accounts' internals."""

# Used by stats
from accounts.models import Profession, Role, User  # noqa: E402, F401
from accounts.personal_data import register_eraser, register_exporter  # noqa: E402, F401
from accounts.selectors import user_is_administrator  # noqa: E402, F401

"""What other apps may use of accounts. Import this module, not accounts' internals."""

from .models import (  # noqa: E402, F401  # Used by demo
    Membership,
    Profession,  # noqa: F401  # Used by demo
    Role,
    RoleAssignment,
    User,
)

"""What other apps may use of accounts. Import this module, not accounts' internals."""

# Used by courses, caselaw
from .models import Profession, Role
from .personal_data import register_exporter
from .signals import roles_changed

__all__ = ["Profession", "Role", "register_exporter", "roles_changed"]

"""What other apps may use of accounts (people, their institutions over time, their roles).
Import this module, not accounts' internals.

People and roles
- `User` (the user model; `.has_role(role)`, `.is_staff_role`), `Membership` (a person's
  institution over time), `RoleAssignment`.
- `Profession`, `FormOfAddress`, `Sex` (self-declared, optional), `Role`: choices.
  `SCOPED_ROLES`: roles whose reach is a subtree of institutions. `ROLE_GROUPS`: the
  Django group that goes with each role.
- `user_create(...)`, `role_grant(*, user, role, institution=None)`: writes (the demo).

Whose records a viewer reaches (the one place that decides)
- `user_is_administrator(user)`.
- `people_scope_for(*, viewer)` -> `PeopleScope` or None; `people_visible_to(*, viewer)`,
  `institutions_visible_to(*, viewer)`: querysets within that scope.
- `user_ids_by_email(*, emails)`: {email: user id} for existing accounts.

Sessions
- `session_has_mfa(request)`: whether this session passed a second factor.

Signals
- `roles_changed` (kwargs: user): roles were taken away (course authorship follows).
- `form_of_address_changed` (kwargs: user): after the commit (certificates are redrawn).
- `people_changed` (kwargs: user_ids): after the commit that created people, moved them to
  another institution, changed their profession or closed their account (training plans
  follow); `people_changes_batched()` gathers a bulk change into one announcement.

Personal data (export and erasure gather every app's part)
- `register_exporter(section, exporter)`, `register_eraser(section, eraser)`: called from the
  apps' AppConfig.ready().

The profile page
- `register_profile_section(name, *, template, form_for)`: another app's part of the
  profile form (notification preferences), saved with it (see `accounts.profile_sections`).

Demo
- `demo_account_lines()`, `write_demo_accounts(out, style, lines)`: the demo's accounts and how
  `make run` prints them.
"""

from .demo import demo_account_lines, write_demo_accounts
from .mfa import session_has_mfa
from .models import (
    SCOPED_ROLES,
    FormOfAddress,
    Membership,
    Profession,
    Role,
    RoleAssignment,
    Sex,
    User,
)
from .personal_data import register_eraser, register_exporter
from .profile_sections import register_profile_section
from .roles import ROLE_GROUPS
from .selectors import (
    PeopleScope,
    institutions_visible_to,
    people_scope_for,
    people_visible_to,
    user_ids_by_email,
    user_is_administrator,
)
from .services import role_grant, user_create
from .signals import (
    form_of_address_changed,
    people_changed,
    people_changes_batched,
    roles_changed,
)

__all__ = [
    "people_changed",
    "people_changes_batched",
    "demo_account_lines",
    "write_demo_accounts",
    "ROLE_GROUPS",
    "SCOPED_ROLES",
    "FormOfAddress",
    "Membership",
    "PeopleScope",
    "Profession",
    "Role",
    "RoleAssignment",
    "Sex",
    "User",
    "form_of_address_changed",
    "institutions_visible_to",
    "people_scope_for",
    "people_visible_to",
    "register_eraser",
    "register_exporter",
    "register_profile_section",
    "role_grant",
    "roles_changed",
    "session_has_mfa",
    "user_create",
    "user_ids_by_email",
    "user_is_administrator",
]

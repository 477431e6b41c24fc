"""What other apps may use of institutions (the institution tree). Import this module, not
institutions' internals. Institutions know no people: accounts sits above them (a person
belongs to an institution) and holds the admin of the tree and the bulk import of people.

The tree
- `Institution`: a node (treebeard `MP_Node`); `.name` in the reader's language,
  `.subtree()`. `InstitutionKind`, `Region`: its choices. `code_validator`: its code's rule.
- `institution_create(...)`: add a node under a parent (or a root).
- `institution_choices_for_signup()`: the institutions offered at sign-up.
- `institution_is_within(*, institution, root)`: whether `institution` is `root` or below it.

Admin forms (used by accounts' People and institution-tree admin)
- `INSTITUTION_FIELDS`, `InstitutionCreateForm`, `InstitutionEditForm`.
- `InstitutionTreeChoiceField`: a choice of institution, indented by depth.

Bulk onboarding's record of an upload (the import itself is accounts.imports)
- `ImportJob`, `ImportKind`, `ImportStatus`.

Demo
- `demo_institutions()`: the demonstration institutions (ops.demo_history enrols people in them).
"""

from .admin_forms import (
    INSTITUTION_FIELDS,
    InstitutionCreateForm,
    InstitutionEditForm,
    InstitutionTreeChoiceField,
)
from .demo import demo_institutions
from .models import (
    ImportJob,
    ImportKind,
    ImportStatus,
    Institution,
    InstitutionKind,
    Region,
    code_validator,
)
from .selectors import institution_choices_for_signup, institution_is_within
from .services import institution_create

__all__ = [
    "demo_institutions",
    "INSTITUTION_FIELDS",
    "ImportJob",
    "ImportKind",
    "ImportStatus",
    "Institution",
    "InstitutionCreateForm",
    "InstitutionEditForm",
    "InstitutionKind",
    "InstitutionTreeChoiceField",
    "Region",
    "code_validator",
    "institution_choices_for_signup",
    "institution_create",
    "institution_is_within",
]

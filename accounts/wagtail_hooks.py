"""People in the Wagtail admin: the scoped People area (administrators and institution managers).

Wagtail's own Users admin is fitted to our user model through `accounts.apps.WagtailUsersConfig`
(see `admin_views.PlatformUserViewSet`).
"""

from wagtail import hooks

from .admin_views import PeopleViewSet
from .audit_admin import AuditViewSet, CSPReportViewSet


@hooks.register("register_admin_viewset")
def register_people_viewset():
    return PeopleViewSet("people")


# Wagtail's Users admin would let an administrator add anyone to any group in bulk (bypassing
# roles and their scopes) and delete people (and with them their learning records). Roles
# change in People; a person leaves through erasure. Both actions are therefore refused.
from wagtail.users.views.bulk_actions.assign_role import AssignRoleBulkAction  # noqa: E402
from wagtail.users.views.bulk_actions.delete import DeleteBulkAction  # noqa: E402


@hooks.register("register_bulk_action", order=100)
class RefusedAssignRoleBulkAction(AssignRoleBulkAction):
    def check_perm(self, obj):
        return False


@hooks.register("register_bulk_action", order=100)
class RefusedDeleteBulkAction(DeleteBulkAction):
    def check_perm(self, obj):
        return False


# The institution tree's admin, registered after People (the menu keeps its order).
from . import institution_admin  # noqa: E402, F401


@hooks.register("register_admin_viewset")
def register_audit_viewset():
    return AuditViewSet("audit")


@hooks.register("register_admin_viewset")
def register_csp_report_viewset():
    return CSPReportViewSet("csp_reports", url_prefix="csp-reports")

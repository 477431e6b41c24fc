from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _
from wagtail.users import apps as wagtail_users_apps


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        # Inside ready(): these modules import models, which Django allows only once the app
        # registry is ready.
        from audit.api import erase_audit_names, export_audit_events
        from pagecache.api import staff_flag_forget

        from . import personal_data, signals
        from .admin_access import admin_refusals_as_403
        from .roles import ensure_role_groups

        post_migrate.connect(ensure_role_groups, dispatch_uid="ensure_role_groups")
        admin_refusals_as_403()

        personal_data.register_exporter("account", personal_data.export_account)
        personal_data.register_exporter("institution_history", personal_data.export_memberships)
        # The audit log sits below accounts (accounts records its actions there), so it cannot
        # register its part of a person's data itself: accounts does it for it.
        personal_data.register_exporter("security_log", export_audit_events)
        personal_data.register_eraser("security_log", erase_audit_names)
        # Someone whose roles changed may have lost the staff view of cached pages.
        signals.roles_changed.connect(staff_flag_forget, dispatch_uid="pagecache.staff_flag")


class WagtailUsersConfig(wagtail_users_apps.WagtailUsersAppConfig):
    """Wagtail's Users admin with our forms: email login, given and family names, and no
    direct editing of groups or the superuser flag (roles change in the People area).

    Listed in INSTALLED_APPS in place of "wagtail.users".
    """

    # Not a candidate when Django picks the configuration of the "accounts" app.
    default = False
    user_viewset = "accounts.admin_views.PlatformUserViewSet"

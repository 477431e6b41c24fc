from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users import apps as wagtail_users_apps


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import personal_data, signals  # noqa: F401
        from .admin_access import admin_refusals_as_403
        from .roles import ensure_role_groups

        post_migrate.connect(ensure_role_groups, dispatch_uid="ensure_role_groups")
        admin_refusals_as_403()

        personal_data.register_exporter("account", personal_data.export_account)
        personal_data.register_exporter("institution_history", personal_data.export_memberships)


class WagtailUsersConfig(wagtail_users_apps.WagtailUsersAppConfig):
    """Wagtail's Users admin with our forms: email login, given and family names, and no
    direct editing of groups or the superuser flag (roles change in the People area).

    Listed in INSTALLED_APPS in place of "wagtail.users".
    """

    # Not a candidate when Django picks the configuration of the "accounts" app.
    default = False
    user_viewset = "accounts.admin_views.PlatformUserViewSet"

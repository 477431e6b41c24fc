from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import personal_data, signals  # noqa: F401
        from .roles import ensure_role_groups

        post_migrate.connect(ensure_role_groups, dispatch_uid="ensure_role_groups")

        personal_data.register_exporter("account", personal_data.export_account)
        personal_data.register_exporter("institution_history", personal_data.export_memberships)

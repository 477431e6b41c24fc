from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = _("Audit log")

    def ready(self):
        # Inside ready(): the receivers import models, allowed once the app registry is ready.
        # (A person's entries are exported and de-named through accounts, which registers
        # audit's personal data: see AccountsConfig.ready().)
        from . import signals  # noqa: F401

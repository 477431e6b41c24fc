from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = _("Audit log")

    def ready(self):
        from accounts import personal_data

        from . import signals  # noqa: F401
        from .personal_data import erase_audit_names, export_audit_events

        personal_data.register_exporter("security_log", export_audit_events)
        personal_data.register_eraser("security_log", erase_audit_names)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OfflineConfig(AppConfig):
    name = "offline"
    verbose_name = _("Offline learning")

    def ready(self):
        from accounts.api import register_eraser, register_exporter

        from . import personal_data

        register_exporter("offline", personal_data.export_offline_completions)
        register_eraser("offline", personal_data.erase_offline_completions)

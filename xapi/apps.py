from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class XapiConfig(AppConfig):
    name = "xapi"
    verbose_name = _("xAPI statements")

    def ready(self):
        # Imported here: the receivers import the other apps' models.
        from accounts.api import register_eraser, register_exporter

        from . import personal_data, receivers

        receivers.connect()
        register_exporter("xapi", personal_data.export_statements)
        register_eraser("xapi", personal_data.erase_statements)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaselawConfig(AppConfig):
    name = "caselaw"
    verbose_name = _("Case law")

    def ready(self):
        # Inside ready(): these modules import models, allowed once the app registry is ready.
        from .caching import connect_receivers

        connect_receivers()

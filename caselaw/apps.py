from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaselawConfig(AppConfig):
    name = "caselaw"
    verbose_name = _("Case law")

    def ready(self):
        # Imported here, not at the top: Django imports an AppConfig before any model, and
        # caching imports the search, which imports the models.
        from .caching import connect_receivers

        connect_receivers()

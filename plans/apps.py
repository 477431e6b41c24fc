from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = _("Training plans")

    def ready(self):
        # Imported here, not at the top: Django imports an AppConfig before any model.
        from .receivers import connect

        connect()

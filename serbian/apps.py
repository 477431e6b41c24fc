from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SerbianConfig(AppConfig):
    name = "serbian"
    verbose_name = _("Serbian scripts")

    def ready(self):
        # Inside ready(): glossary imports models, allowed once the app registry is ready.
        from . import glossary

        glossary.connect()

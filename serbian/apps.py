from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SerbianConfig(AppConfig):
    name = "serbian"
    verbose_name = _("Serbian scripts")

    def ready(self):
        # Inside ready(): these modules import models, allowed once the app registry is ready.
        from . import glossary, urls_for_script

        urls_for_script.install()
        glossary.connect()

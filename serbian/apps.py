from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SerbianConfig(AppConfig):
    name = "serbian"
    verbose_name = _("Serbian scripts")

    def ready(self):
        from . import glossary

        glossary.connect()

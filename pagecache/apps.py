from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagecacheConfig(AppConfig):
    name = "pagecache"
    verbose_name = _("Page cache")

    def ready(self):
        # Inside ready(): these modules import models, allowed once the app registry is ready.
        from . import signals

        signals.connect()

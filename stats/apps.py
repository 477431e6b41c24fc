from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatsConfig(AppConfig):
    name = "stats"
    verbose_name = _("Statistics")

    def ready(self):
        # Inside ready(): these modules import models, which Django loads only after every
        # app's configuration (an app module may not import models at import time).
        from accounts.api import register_eraser, register_exporter

        from .personal_data import personal_data_erase_statistics, personal_data_statistics

        register_exporter("statistics", personal_data_statistics)
        register_eraser("statistics", personal_data_erase_statistics)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Home and site settings")

    def ready(self):
        # Inside ready(): models can be imported only once the app registry is ready.
        from pagecache.api import site_settings_follow

        from .models import PartnerLogo, ProgrammeSettings

        # Every page shows the programme's settings and partner logos: a change moves the
        # page cache's `global` counter (the cache knows no app, so home tells it).
        site_settings_follow(settings_model=ProgrammeSettings, shown_models=(PartnerLogo,))

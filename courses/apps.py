from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Courses")

    def ready(self):
        # Imported here, not at the top: Django imports an AppConfig before any model,
        # and the receivers import the models.
        from . import receivers

        receivers.connect()

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Courses")

    def ready(self):
        from accounts.personal_data import register_exporter

        from . import api
        from .models import LessonPage
        from .selectors import personal_data_learning

        api.register_step_model(LessonPage)
        register_exporter("learning", personal_data_learning)

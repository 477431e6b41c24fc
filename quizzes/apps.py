from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuizzesConfig(AppConfig):
    name = "quizzes"
    verbose_name = _("Quizzes")

    def ready(self):
        from courses import api

        from .models import QuizPage

        api.register_step_model(QuizPage)

        from accounts.personal_data import register_exporter

        from .personal_data import personal_data_quizzes

        register_exporter("quizzes", personal_data_quizzes)
        # Quiz start pages are cached through pagecache: register how they are filled.
        from . import quiz_shell  # noqa: F401

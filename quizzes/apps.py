from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuizzesConfig(AppConfig):
    name = "quizzes"
    verbose_name = _("Quizzes")

    def ready(self):
        from courses import api
        from pagecache.store import learner_row_changed

        from .models import QuizPage

        api.register_step_model(QuizPage)

        from accounts.personal_data import register_exporter

        from .personal_data import personal_data_quizzes

        register_exporter("quizzes", personal_data_quizzes)
        # Quiz start pages are cached through pagecache: register how they are filled.
        # A learner's attempts and results are on their cached quiz panels.
        from django.db.models.signals import post_delete, post_save

        from . import quiz_shell  # noqa: F401
        from .models import Attempt, QuizResult

        for model in (Attempt, QuizResult):
            for signal in (post_save, post_delete):
                signal.connect(
                    learner_row_changed,
                    sender=model,
                    dispatch_uid=f"quizzes.learner.{model.__name__}.{id(signal)}",
                )

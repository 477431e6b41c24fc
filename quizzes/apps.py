from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class QuizzesConfig(AppConfig):
    name = "quizzes"
    verbose_name = _("Quizzes")

    def ready(self):
        # Inside ready(): these modules import models, allowed once the app registry is ready.
        from accounts.api import register_exporter
        from courses.api import register_step_model
        from pagecache.api import learner_row_changed
        from serbian.api import serbian_text_source_register

        from . import quiz_panel  # noqa: F401 - registers how quiz start pages are filled
        from .models import Attempt, QuizPage, QuizResult
        from .overview import quiz_overview_for
        from .personal_data import personal_data_quizzes
        from .spelling import serbian_question_texts

        register_step_model(QuizPage)
        register_exporter("quizzes", personal_data_quizzes)
        # The quiz page's own render (previews) shows the learner's part of the start page;
        # the code that reads it imports the models, so it is handed to the page type here.
        QuizPage.learner_overview_register(quiz_overview_for)
        # Quiz start pages are cached through pagecache (quiz_shell builds them, quiz_panel
        # fills them). A learner's attempts and results are on their cached quiz panels.
        for model in (Attempt, QuizResult):
            for signal in (post_save, post_delete):
                signal.connect(
                    learner_row_changed,
                    sender=model,
                    dispatch_uid=f"quizzes.learner.{model.__name__}.{id(signal)}",
                )
        # Serbian questions are checked by the spelling report with the pages.
        serbian_text_source_register(serbian_question_texts)

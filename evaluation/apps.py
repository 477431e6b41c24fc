from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "evaluation"
    verbose_name = _("Evaluation")

    def ready(self):
        # Imported here, not at the top: Django imports an AppConfig before any model.
        from accounts.api import register_exporter
        from courses.api import course_completed
        from notifications.api import register_email_kind
        from trainings.api import training_completed

        from .personal_data import personal_data_surveys
        from .services import KIND_INVITATION, invite_after_course, invite_after_training

        register_exporter("evaluation", personal_data_surveys)
        register_email_kind(KIND_INVITATION, _("Invitations to answer a survey"))
        course_completed.connect(invite_after_course)
        training_completed.connect(invite_after_training)

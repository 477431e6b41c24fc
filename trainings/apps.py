from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class TrainingsConfig(AppConfig):
    name = "trainings"
    verbose_name = _("Trainings")

    def ready(self):
        # Imported here, not at the top: Django imports an AppConfig before any model.
        from accounts.api import register_exporter
        from certificates.api import attendance_description_register
        from courses.api import course_completed

        from .attendance import trainings_complete_after_course
        from .authoring import calendar_saved, organisers_after_migrate
        from .certification import certificate_after_training, training_described
        from .models import TrainingIndexPage
        from .personal_data import personal_data_trainings
        from .signals import training_completed

        post_save.connect(calendar_saved, sender=TrainingIndexPage)
        post_migrate.connect(organisers_after_migrate, sender=self)
        register_exporter("trainings", personal_data_trainings)
        course_completed.connect(trainings_complete_after_course)
        training_completed.connect(certificate_after_training)
        attendance_description_register(training_described)

from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class TrainingsConfig(AppConfig):
    name = "trainings"
    verbose_name = _("Trainings")

    def ready(self):
        # Imported here, not at the top: Django imports an AppConfig before any model.
        from accounts.api import register_exporter
        from certificates.api import attendance_description_register
        from courses.api import course_completed, register_learning_section

        from .attendance import trainings_complete_after_course
        from .authoring import calendar_saved, organisers_after_migrate
        from .certification import certificate_after_training, training_described
        from .models import Attendance, Registration, TrainingIndexPage, TrainingSession
        from .my_learning import (
            attendance_changed,
            my_trainings_section,
            registration_changed,
            session_changed,
        )
        from .personal_data import personal_data_trainings
        from .signals import training_completed

        post_save.connect(calendar_saved, sender=TrainingIndexPage)
        post_migrate.connect(organisers_after_migrate, sender=self)
        register_exporter("trainings", personal_data_trainings)
        course_completed.connect(trainings_complete_after_course)
        training_completed.connect(certificate_after_training)
        attendance_description_register(training_described)
        # My learning shows a learner's trainings, and follows their places and attendance.
        register_learning_section("trainings", my_trainings_section)
        for signal in (post_save, post_delete):
            signal.connect(
                registration_changed,
                sender=Registration,
                dispatch_uid=f"trainings.registration.{id(signal)}",
            )
            signal.connect(
                attendance_changed,
                sender=Attendance,
                dispatch_uid=f"trainings.attendance.{id(signal)}",
            )
        post_save.connect(
            session_changed, sender=TrainingSession, dispatch_uid="trainings.session_changed"
        )

from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Courses")

    def ready(self):
        # Inside ready(): these modules import models, allowed once the app registry is ready.
        from accounts.api import register_exporter, roles_changed
        from pagecache.api import learner_row_changed

        from . import authoring, course_shell, lesson_shell  # noqa: F401 - register how pages are filled
        from .models import CourseIndexPage, CoursePage, Enrolment, LessonPage, StepCompletion
        from .progress_signals import step_changed
        from .selectors import personal_data_learning
        from .steps import register_step_model

        register_step_model(LessonPage)
        register_exporter("learning", personal_data_learning)

        # The "Course review" workflow and the senior trainers' publishing right: after
        # every migrate, and whenever a course catalogue page is created (demo, admin, tests).
        post_migrate.connect(
            authoring.ensure_course_workflow_after_migrate,
            dispatch_uid="courses.ensure_course_workflow",
        )
        post_save.connect(
            authoring.course_index_saved,
            sender=CourseIndexPage,
            dispatch_uid="courses.course_index_saved",
        )
        # Someone who is no longer a trainer loses the courses they were given.
        roles_changed.connect(
            authoring.course_assignments_revoke_if_not_trainer,
            dispatch_uid="courses.revoke_if_not_trainer",
        )
        # Lesson and course pages are cached through pagecache (course_shell, lesson_shell).
        # A learner's own cached pages (My learning) follow their enrolments and progress.
        for signal in (post_save, post_delete):
            signal.connect(
                learner_row_changed, sender=Enrolment, dispatch_uid=f"courses.enr.{id(signal)}"
            )
            signal.connect(
                step_changed, sender=StepCompletion, dispatch_uid=f"courses.step.{id(signal)}"
            )
        # A new translation of a course is editable by the course's authors.
        post_save.connect(
            authoring.course_page_saved, sender=CoursePage, dispatch_uid="courses.course_page_saved"
        )

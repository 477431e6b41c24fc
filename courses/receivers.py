"""What courses connect when the app is ready (CoursesConfig.ready): lessons as steps,
the learning part of a person's data, the course workflow, trainers' courses, and the
cached pages of a learner, which follow their enrolments and progress."""

from django.db.models.signals import post_delete, post_migrate, post_save

from accounts.api import register_exporter, roles_changed
from pagecache.api import learner_changed, learner_row_changed

from . import authoring
from .models import CourseIndexPage, CoursePage, Enrolment, LessonPage, StepCompletion
from .selectors import personal_data_learning
from .steps import register_step_model


def connect() -> None:
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
    # Lesson and course pages are cached through pagecache (their shells register how
    # they are filled when courses.models imports them). A learner's own cached pages
    # (My learning) follow their enrolments and progress.
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


def step_changed(*, instance, raw=False, **kwargs):
    if raw:
        return
    enrolment = instance._state.fields_cache.get("enrolment")
    user_id = (
        enrolment.user_id
        if enrolment is not None
        else Enrolment.objects.filter(pk=instance.enrolment_id)
        .values_list("user_id", flat=True)
        .first()
    )
    learner_changed(user_id)

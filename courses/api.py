"""What other apps may use of courses. Import this module, not courses' internals.

- `STEP_MODELS`: the page types that are steps of a course (lessons; quizzes add
  themselves in their AppConfig.ready()). A step model has a boolean `required` field.
- `course_completed`: a signal sent once, after the commit, when a learner completes a
  course (kwargs: `enrolment`). Certificates listen to it.
- `step_completed(*, user, page)`: a step (e.g. a passed quiz) is done; completes the
  course when it was the last one.
- `enrolment_for(*, user, course)`: the current enrolment or None.
"""

from django.dispatch import Signal

STEP_MODELS: list = []

course_completed = Signal()


def register_step_model(model) -> None:
    if model not in STEP_MODELS:
        STEP_MODELS.append(model)


def step_completed(*, user, page):
    from .services import step_complete_for_user

    return step_complete_for_user(user=user, page=page)


def enrolment_for(*, user, course):
    from .selectors import current_enrolment

    return current_enrolment(user=user, course=course)


def course_of(page):
    from .selectors import course_of as _course_of

    return _course_of(page)


from .models import CoursePage, Enrolment, EnrolmentSource, LessonPage, ModulePage, StepCompletion  # noqa: E402, F401  # Used by demo  # noqa: E402, F401  # Used by demo

"""What other apps may use of courses. Import this module, not courses' internals.

- `STEP_MODELS`: the page types that are steps of a course (lessons; quizzes add
  themselves in their AppConfig.ready()). A step model has a boolean `required` field.
- `course_completed`: a signal sent once, after the commit, when a learner completes a
  course (kwargs: `enrolment`). Certificates listen to it.
- `step_completed(*, user, page)`: a step (e.g. a passed quiz) is done; completes the
  course when it was the last one.
- `enrolment_for(*, user, course)`: the current enrolment or None.
- Report permissions (courses.reports.permissions): `user_may_see_course_reports(user)`
  (administrators, trainers, senior trainers), `user_may_see_course_report(*, user,
  course)` (that course: administrators, or whoever may edit it), `courses_reported_to(user)`
  (the courses, in the default locale, `user` may report on).
"""

from django.dispatch import Signal

from .steps import STEP_MODELS as STEP_MODELS
from .steps import register_step_model as register_step_model

course_completed = Signal()


def step_completed(*, user, page):
    from .services import step_complete_for_user

    return step_complete_for_user(user=user, page=page)


def enrolment_for(*, user, course):
    from .selectors import current_enrolment

    return current_enrolment(user=user, course=course)


def course_of(page):
    from .selectors import course_of as _course_of

    return _course_of(page)


# Report permissions
from .reports.permissions import (  # noqa: E402
    courses_reported_to as courses_reported_to,
)
from .reports.permissions import (  # noqa: E402
    user_may_see_course_report as user_may_see_course_report,
)
from .reports.permissions import (  # noqa: E402
    user_may_see_course_reports as user_may_see_course_reports,
)

# Used by caselaw
from .selectors import course_is_visible_to as course_is_visible_to  # noqa: E402

# Used by search
from .selectors import course_paths_hidden_from as course_paths_hidden_from  # noqa: E402

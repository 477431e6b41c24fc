"""What other apps may use of courses. Import this module, not courses' internals.

Steps and completion
- `STEP_MODELS`: the page types that are steps of a course (lessons; quizzes add
  themselves in their AppConfig.ready() with `register_step_model(model)`). A step model
  has a boolean `required` field.
- `course_completed`: a signal sent once, after the commit, when a learner completes a
  course (kwargs: `enrolment`). Certificates listen to it.
- `enrolment_completed` (kwargs: `enrolment`): the same completion, sent inside its
  transaction; `enrolments_created` (kwargs: `course_id`, `user_ids`): people enrolled in
  bulk, inside the transaction (bulk_create sends no post_save). xAPI listens to both.
- `step_completed(*, user, page, at=None)`: a step (e.g. a passed quiz) is done; completes
  the course when it was the last one. `at`: when it was done, if not now (a lesson marked
  done offline): the step, the enrolment's activity and the completion are dated then,
  never later than now and never moving a later time back.
- `enrolment_for(*, user, course)`: the current enrolment or None.

Pages and progress (models other apps query or read)
- `CourseIndexPage`, `CoursePage`, `ModulePage`, `LessonPage`; `Enrolment`,
  `EnrolmentSource`, `StepCompletion`.
- `course_of(page)`: the course a page belongs to (None outside courses).
- `lesson_context_for(*, lesson, user, request=None, course=None)`: the outline and
  progress around a step (quiz pages).
- `canonical_id(page)`: the id of the same page in the default locale, where progress is kept;
  `default_locale_id()`: that locale's id.

My learning
- `register_learning_section(name, reader)`: another app's section of My learning;
  `reader(user)` returns a `LearningSection(template, context)` or None (see
  `courses.learning_sections`).
- `translations_for_reader(*, pages, locale_id, model=Page, only=None)`: page id → its live
  translation in `locale_id` (one query); `reading_locale_id()`: the active content locale.

Visibility
- `course_is_visible_to(*, course, user)`: whether `user` may see the course and its pages.
- `course_paths_hidden_from(*, user)`: tree paths of the restricted courses `user` may not see
  (site search leaves them out).

Training plans
- `course_audience_q(course, *, prefix="")`: the people a course is open to, as a filter.
- `enrolments_create_for_plan(*, users, course, enrolled_by=None)`: enrol in bulk those of
  `users` (a queryset) a plan requires to take `course` and whom it is open to.
- `enrolments_restart_for_plan(*, user_ids, course)`: re-certification, a fresh enrolment
  (the completed one archived).

Authorship (courses own the "Course authors: <id>" groups; nobody else reads their names)
- `course_ids_authored_by(*, user)`: the ids of the courses `user` may edit as an author.
- `user_is_course_author(*, user, course_id)`: whether `user` is an author of that course.
- `course_assign_trainer(*, course, user)`: make a trainer an author of a course.
- `course_trainers(*, course)`: the people who author a course (quizzes remind them of
  essays waiting for a grade).

Report permissions
- `user_may_see_course_reports(user)`, `user_may_see_course_report(*, user, course)`,
  `courses_reported_to(user)`: who may see course reports, and on which courses.
"""

from .authoring import (
    course_assign_trainer,
    course_ids_authored_by,
    course_trainers,
    user_is_course_author,
)
from .learning_sections import LearningSection, register_learning_section
from .models import (
    CourseIndexPage,
    CoursePage,
    Enrolment,
    EnrolmentSource,
    LessonPage,
    ModulePage,
    StepCompletion,
)
from .permissions import (
    courses_reported_to,
    user_may_see_course_report,
    user_may_see_course_reports,
)
from .selectors import (
    canonical_id,
    course_is_visible_to,
    course_of,
    course_paths_hidden_from,
    default_locale_id,
    lesson_context_for,
    reading_locale_id,
    translations_for_reader,
)
from .selectors import current_enrolment as enrolment_for
from .services import (
    course_audience_q,
    enrolments_create_for_plan,
    enrolments_restart_for_plan,
)
from .services import step_complete_for_user as step_completed
from .signals import course_completed, enrolment_completed, enrolments_created
from .steps import STEP_MODELS, register_step_model

__all__ = [
    "STEP_MODELS",
    "CourseIndexPage",
    "CoursePage",
    "Enrolment",
    "EnrolmentSource",
    "LearningSection",
    "LessonPage",
    "ModulePage",
    "StepCompletion",
    "canonical_id",
    "course_assign_trainer",
    "course_audience_q",
    "enrolments_create_for_plan",
    "enrolments_restart_for_plan",
    "course_completed",
    "enrolment_completed",
    "enrolments_created",
    "course_ids_authored_by",
    "course_is_visible_to",
    "course_of",
    "course_paths_hidden_from",
    "course_trainers",
    "courses_reported_to",
    "default_locale_id",
    "enrolment_for",
    "lesson_context_for",
    "reading_locale_id",
    "register_learning_section",
    "register_step_model",
    "step_completed",
    "translations_for_reader",
    "user_is_course_author",
    "user_may_see_course_report",
    "user_may_see_course_reports",
]

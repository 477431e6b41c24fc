"""Signals courses sends (re-exported by `courses.api`)."""

from django.dispatch import Signal

# Sent once, after the commit, when a learner completes a course (kwargs: `enrolment`).
# Certificates listen to it.
course_completed = Signal()

# Sent inside the transaction that enrols people in bulk (a manager's selection, a plan),
# where bulk_create sends no post_save (kwargs: `course_id`, `user_ids`). Single enrolments
# are created with save() and announce themselves through post_save. xAPI listens.
enrolments_created = Signal()

# Sent inside the transaction that completes an enrolment, before `course_completed`
# (kwargs: `enrolment`): a listener's writes commit or roll back with the completion.
enrolment_completed = Signal()

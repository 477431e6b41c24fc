"""Signals courses sends (re-exported by `courses.api`)."""

from django.dispatch import Signal

# Sent once, after the commit, when a learner completes a course (kwargs: `enrolment`).
# Certificates listen to it.
course_completed = Signal()

"""Signals quizzes sends (re-exported by `quizzes.api`)."""

from django.dispatch import Signal

# Sent inside the transaction that scores an attempt (on submission, on expiry, or when the
# last essay of it is graded), kwargs: `attempt` (score, passed, marks set). The score is
# written with update(), which sends no post_save. xAPI listens to it.
attempt_scored = Signal()

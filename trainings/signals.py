from django.dispatch import Signal

# Sent once, after the commit, when a training completes for a participant
# (kwargs: registration). Surveys listen to it.
training_completed = Signal()

# Sent inside the transaction that records attendance, by an organiser's marks or a
# participant's check-in (kwargs: session_id, registration_ids). Marks are written in bulk,
# which sends no post_save. xAPI listens to it.
attendance_recorded = Signal()

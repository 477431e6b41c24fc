from django.dispatch import Signal

# Sent once, after the commit, when a training completes for a participant
# (kwargs: registration). Surveys listen to it.
training_completed = Signal()

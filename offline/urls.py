"""Under /<lang>/learning/offline/: a course's offline copy, the learner's saved courses'
status, and the synchronisation of what was done offline."""

from django.urls import path  # noqa: F401

app_name = "offline"

urlpatterns: list = []

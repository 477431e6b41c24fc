"""Under /<lang>/learning/offline/: a course's offline copy, the learner's saved courses'
status, and the synchronisation of what was done offline."""

from django.urls import path

from . import views

app_name = "offline"

urlpatterns = [
    path("courses/<int:course_id>/", views.course_copy, name="copy"),
    path("status/", views.status, name="status"),
    path("sync/", views.sync, name="sync"),
    path("quiz/<int:page_id>/", views.quiz_placeholder, name="quiz"),
]

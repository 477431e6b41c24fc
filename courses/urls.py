from django.urls import path

from . import views

app_name = "courses"

urlpatterns = [
    path("", views.learning_dashboard, name="my_learning"),
    path("enrol/<int:course_id>/", views.enrol, name="enrol"),
    path("done/<int:page_id>/", views.step_done, name="step_done"),
    path("restart/<int:enrolment_id>/", views.restart, name="restart"),
]

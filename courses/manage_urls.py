from django.urls import path

from . import manage_views

app_name = "courses_manage"

urlpatterns = [
    path("", manage_views.enrol_people, name="enrol_people"),
]

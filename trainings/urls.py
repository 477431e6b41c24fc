from django.urls import path

from . import views

app_name = "trainings"

urlpatterns = [
    path("<int:training_id>/register/", views.register, name="register"),
    path("<int:training_id>/nominate/", views.nominate, name="nominate"),
    path("<int:training_id>/organise/", views.organise, name="organise"),
    path("registrations/<int:registration_id>/cancel/", views.cancel, name="cancel"),
    path("sessions/<int:session_id>/cancel/", views.cancel_session, name="cancel_session"),
    path("sessions/<int:session_id>/attendance/", views.attendance, name="attendance"),
    path("sessions/<int:session_id>/sign-in-sheet/", views.sign_in_sheet, name="sign_in_sheet"),
    path("check-in/<int:session_id>/<str:key>/", views.check_in_view, name="check_in"),
]

from django.urls import path

from . import views

app_name = "certificates"

urlpatterns = [
    path("", views.my_certificates, name="mine"),
    path("<int:pk>/pdf/", views.download, name="download"),
    path("<int:pk>/badge.jwt", views.badge_download, name="badge"),
    path("<int:pk>/badge.json", views.badge_json, name="badge_json"),
    path("verify/", views.verify_form, name="verify_form"),
    # Before verify/<code>/: "pdf" is no code (no check symbol), but keep the order plain.
    path("verify/pdf/", views.verify_pdf, name="verify_pdf"),
    path("verify/<str:code>/", views.verify, name="verify"),
]

from django.urls import path

from . import import_views as views

app_name = "onboarding"

urlpatterns = [
    path("import/", views.import_upload, name="import_upload"),
    path("import/<int:pk>/", views.import_job_detail, name="import_job"),
    path("import/templates/<str:kind>.csv", views.import_template, name="import_template"),
]

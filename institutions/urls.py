from django.urls import path

from . import views

app_name = "institutions"

urlpatterns = [
    path("import/", views.import_upload, name="import_upload"),
    path("import/<int:pk>/", views.import_job_detail, name="import_job"),
    path("import/templates/<str:kind>.csv", views.import_template, name="import_template"),
]

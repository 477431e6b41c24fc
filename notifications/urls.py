from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("<int:notification_id>/read/", views.mark_read, name="mark_read"),
    path("read/", views.mark_all_read, name="mark_all_read"),
]

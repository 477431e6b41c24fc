from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("personal-data/", views.personal_data_download, name="personal_data"),
    path("erase/", views.erasure, name="erasure"),
]

"""The installable app: the manifest and the offline page (under /<lang>/)."""

from django.urls import path

from . import app_views

app_name = "offline_app"

urlpatterns: list = [
    path("manifest.webmanifest", app_views.manifest, name="manifest"),
    path("offline/", app_views.offline_page, name="page"),
]

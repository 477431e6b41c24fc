"""The installable app: the manifest and the offline page (under /<lang>/)."""

from django.urls import path  # noqa: F401

app_name = "offline_app"

urlpatterns: list = []

"""Without a language prefix: the service worker, at /sw.js so that its scope is the site."""

from django.urls import path

from . import app_views

urlpatterns: list = [
    path("sw.js", app_views.service_worker, name="service_worker"),
]

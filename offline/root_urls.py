"""Without a language prefix: the service worker, at /sw.js so that its scope is the site."""

from django.urls import path  # noqa: F401

urlpatterns: list = []

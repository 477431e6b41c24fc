"""The installable app: its manifest, the page shown offline for a page not saved, and
the service worker's script (served from the site's root so that its scope is the site)."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .installable import manifest_for, service_worker_script


@require_GET
def manifest(request: HttpRequest) -> JsonResponse:
    """The web app manifest, in the reader's language and script (/<lang>/manifest.webmanifest)."""
    response = JsonResponse(
        manifest_for(request), content_type="application/manifest+json; charset=utf-8"
    )
    response["Cache-Control"] = "public, max-age=3600"
    return response


@require_GET
def offline_page(request: HttpRequest) -> HttpResponse:
    """What a page not saved on the device shows offline (the service worker keeps a copy
    per language, fetched without the learner's cookies)."""
    return render(request, "offline/offline_page.html")


@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    """/sw.js: static/js/sw.js with the app's settings (asset URLs, offline pages) before it."""
    response = HttpResponse(service_worker_script(), content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    response["Service-Worker-Allowed"] = "/"
    return response

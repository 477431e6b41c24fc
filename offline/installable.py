"""What makes the site an installable app: the manifest's content and the service
worker's script with the settings it needs (static/js/sw.js is plain JavaScript; the
URLs that depend on the deployment, hashed static names included, come from here)."""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation

from home.api import ProgrammeSettings

# The programme's colours (static/css/site.css: --brand and the page background).
THEME_COLOUR = "#0b4f8a"
BACKGROUND_COLOUR = "#ffffff"

ICONS = (
    ("img/app-192.png", "192x192", "any"),
    ("img/app-512.png", "512x512", "any"),
    ("img/app-maskable-512.png", "512x512", "maskable"),
)
# Cached at the service worker's install, for every page (the offline page needs them).
APP_ASSETS = ("css/site.css", "js/offline.js", "img/favicon.svg")
SERVICE_WORKER_SOURCE = "js/sw.js"
CONFIG_MARKER = "/*OFFLINE_CONFIG*/"


def manifest_for(request: HttpRequest) -> dict:
    language = translation.get_language()
    programme = ProgrammeSettings.current(request)
    return {
        "id": "/",
        "name": programme.name_for(language),
        "short_name": programme.short_name_for(language),
        "lang": language,
        "dir": "ltr",
        "start_url": f"/{language}/",
        "scope": "/",
        "display": "standalone",
        "theme_color": THEME_COLOUR,
        "background_color": BACKGROUND_COLOUR,
        "icons": [
            {
                "src": staticfiles_storage.url(name),
                "sizes": sizes,
                "type": "image/png",
                "purpose": purpose,
            }
            for name, sizes, purpose in ICONS
        ],
    }


def offline_pages() -> dict[str, str]:
    """The offline page's URL in each language ("sr-latn": "/sr-latn/offline/", ...)."""
    pages = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            pages[code] = reverse("offline_app:page")
    return pages


def _source() -> str:
    found = finders.find(SERVICE_WORKER_SOURCE)
    if found:
        with open(found, encoding="utf-8") as handle:
            return handle.read()
    with staticfiles_storage.open(SERVICE_WORKER_SOURCE) as handle:
        return handle.read().decode("utf-8")


def _build_script() -> str:
    source = _source()
    config = {
        "offlinePages": offline_pages(),
        "defaultLanguage": settings.LANGUAGE_CODE,
        "assets": [staticfiles_storage.url(name) for name in APP_ASSETS],
        "staticUrl": settings.STATIC_URL,
    }
    version = hashlib.sha256(
        (json.dumps(config, sort_keys=True) + source).encode("utf-8")
    ).hexdigest()[:12]
    config["version"] = version
    line = f"self.OFFLINE_CONFIG = {json.dumps(config, sort_keys=True)};"
    return source.replace(CONFIG_MARKER, line, 1)


@lru_cache(maxsize=1)
def _built_script() -> str:
    return _build_script()


def service_worker_script() -> str:
    """The script served at /sw.js (read once per process, unless DEBUG)."""
    if settings.DEBUG:
        return _build_script()
    return _built_script()

"""Where the language switcher goes: the same page in the chosen language.

English content is a separate Wagtail translation, often with its own slugs, so
swapping the language prefix of a URL is not enough. Serbian Cyrillic and Latin share
one content locale, so for them the page is the same and only the prefix changes.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.http import HttpRequest
from django.urls import Resolver404, resolve
from django.utils import translation
from wagtail.models import Locale, Page


def page_url_in_language(*, request: HttpRequest, next_path: str, language: str) -> str | None:
    """The URL of the page at `next_path` in `language`: its translation if it has a live
    one (with `next_path`'s query string), else its nearest ancestor's. None when
    `next_path` is not a Wagtail page."""
    path, query = urlsplit(next_path).path, urlsplit(next_path).query
    from_language = translation.get_language_from_path(path)
    if not from_language:
        return None
    with translation.override(from_language):
        try:
            match = resolve(path)
        except Resolver404:
            return None
        if match.url_name != "wagtail_serve":
            return None
        page = Page.find_for_request(request, match.args[0] if match.args else "")
    if page is None:
        return None
    with translation.override(language):
        try:
            locale = Locale.get_active()
        except Locale.DoesNotExist:
            return None
        for candidate in [page, *reversed(page.get_ancestors().filter(depth__gt=1))]:
            translated = candidate.get_translation_or_none(locale)
            if translated is not None and translated.live:
                url = translated.get_url(request)
                # The same page keeps what the reader chose on it (filters, a search);
                # an ancestor, reached because the page is not translated, does not.
                return f"{url}?{query}" if query and candidate is page else url
    return None

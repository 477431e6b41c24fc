"""Page URLs keep the reader's script.

Serbian content lives in one Wagtail locale, `sr`, and is read under two interface
languages: `/sr-latn/` (Latin, the default) and `/sr/` (Cyrillic). Wagtail builds a page's
URL with the active language when that language is a variant of the page's locale, so a
Latin reader stays under `/sr-latn/` and a Cyrillic reader under `/sr/`. But when the
active language is English and the page exists only in Serbian (a course not translated
yet), Wagtail falls back to the locale's own code, `sr`, and sends the English reader to
the Cyrillic interface. The default Serbian interface is Latin: those links go to
`/sr-latn/`.

Wagtail has no setting for this. Its documented way to change a page's URL is to override
`get_url_parts` on the page type: `ScriptKeepingUrlMixin` does, and every page type of ours
takes it through `serbian.pages.SerbianScriptsPageMixin` (tests/serbian/test_urls_for_script.py
fails for a page type without it). Wagtail's own `Page` is left as it is: a plain `Page`
instance (not `.specific`) builds Wagtail's URL, so links to content are built from specific
pages (search results, course lists).
"""

from django.conf import settings
from django.utils import translation

CONTENT_PREFIX = "/sr/"


def _default_serbian_prefix() -> str:
    return f"/{settings.LANGUAGE_CODE}/"


def url_in_readers_script(path: str | None) -> str | None:
    """`/sr/…` becomes `/sr-latn/…` unless the reader chose Cyrillic."""
    if not path or not path.startswith(CONTENT_PREFIX) or translation.get_language() == "sr":
        return path
    return _default_serbian_prefix() + path[len(CONTENT_PREFIX) :]


class ScriptKeepingUrlMixin:
    """Mix into a Page subclass before Page: its URLs keep the reader's script."""

    def get_url_parts(self, request=None):
        parts = super().get_url_parts(request)
        if not parts or not parts[2]:
            return parts
        site_id, root_url, page_path = parts
        return site_id, root_url, url_in_readers_script(page_path)

"""Page URLs keep the reader's script.

Serbian content lives in one Wagtail locale, `sr`, and is read under two interface
languages: `/sr-latn/` (Latin, the default) and `/sr/` (Cyrillic). Wagtail builds a page's
URL with the active language when that language is a variant of the page's locale, so a
Latin reader stays under `/sr-latn/` and a Cyrillic reader under `/sr/`. But when the
active language is English and the page exists only in Serbian (a course not translated
yet), Wagtail falls back to the locale's own code, `sr`, and sends the English reader to
the Cyrillic interface. The default Serbian interface is Latin: those links go to
`/sr-latn/`.

Wagtail has no setting for this, so `install()` wraps `Page.get_url_parts` once, at
start-up (see SerbianConfig.ready); every page type inherits it.
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


def install() -> None:
    from wagtail.models import Page

    if getattr(Page.get_url_parts, "_keeps_reader_script", False):
        return
    original = Page.get_url_parts

    def get_url_parts(self, request=None):
        parts = original(self, request)
        if not parts or not parts[2]:
            return parts
        site_id, root_url, page_path = parts
        return site_id, root_url, url_in_readers_script(page_path)

    get_url_parts._keeps_reader_script = True
    Page.get_url_parts = get_url_parts

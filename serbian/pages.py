"""What every content page type takes from the serbian app.

- Preview in both scripts: authors write in either script; the admin's preview menu
  offers the page as a Cyrillic reader and as a Latin reader sees it.
- Search in both scripts: the page's text is also indexed in Latin and without
  diacritics, and queries are turned into Latin (serbian.search), so a query in either
  script, with or without diacritics, finds content written in either script.
- URLs in the reader's script (serbian.urls_for_script): an English reader sent to a page
  that exists only in Serbian lands in the Latin interface, not in Cyrillic.
"""

from contextlib import nullcontext

from django.utils import translation
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from .transliteration import to_latin
from .urls_for_script import ScriptKeepingUrlMixin

# Letters a reader may type without their diacritics.
_FOLD = str.maketrans({"č": "c", "ć": "c", "đ": "dj", "š": "s", "ž": "z"})


def folded(text: str) -> str:
    """Latin Serbian without diacritics: "Đorđe Žižić" → "djordje zizic"."""
    return to_latin(text).lower().translate(_FOLD)


class SerbianScriptsPageMixin(ScriptKeepingUrlMixin):
    """Mix into a Page subclass before Page: `class LessonPage(SerbianScriptsPageMixin, Page)`.

    Subclasses list the fields whose text readers search in `script_search_fields`
    (besides the title); StreamField and rich text are indexed as plain text."""

    script_search_fields: tuple[str, ...] = ()

    preview_modes = [
        ("", _("As written")),
        ("sr", _("Serbian, Cyrillic")),
        ("sr-latn", _("Serbian, Latin")),
    ]

    search_fields_scripts = [
        index.SearchField("search_text_latin"),
        index.SearchField("search_text_folded"),
    ]

    def serve_preview(self, request, mode_name):
        """The preview in the script the author picked (the active language otherwise)."""
        with translation.override(mode_name) if mode_name else nullcontext():
            response = self.preview_response(request, mode_name)
            if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                response.render()  # inside the override: templates read the language
        return response

    def preview_response(self, request, mode_name):
        """Page types that render through `serve` (lessons) override this."""
        return super().serve_preview(request, mode_name)

    def _script_search_text(self) -> str:
        parts = [self.title]
        for name in self.script_search_fields:
            value = getattr(self, name, "")
            field = self._meta.get_field(name)
            if hasattr(field, "get_searchable_content"):  # StreamField, RichTextField
                parts.extend(strip_tags(str(text)) for text in field.get_searchable_content(value))
            else:
                parts.append(strip_tags(str(value or "")))
        return " ".join(p for p in parts if p)

    def search_text_latin(self) -> str:
        return to_latin(self._script_search_text())

    def search_text_folded(self) -> str:
        return folded(self._script_search_text())

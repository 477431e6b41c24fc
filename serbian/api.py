"""What other apps may use of serbian (the two scripts, names, the spelling report). Import
this module, not serbian's internals.

Scripts
- `to_latin(text)`, `to_cyrillic(text)`, `latin_to_cyrillic(text)`: transliteration.
- `for_reader(text, language=None)`: Serbian content in the script of the reader's language.
- `folded(text)`: text folded for script- and accent-blind comparison and search.
- `SerbianScriptsPageMixin`: a page type whose Serbian content reads in either script
  (search in both, titles per reader, URLs that keep the reader's script).
- `url_in_readers_script(path)`: a Serbian page's path under the reader's script (`/sr/…`
  becomes `/sr-latn/…` unless the reader chose Cyrillic), for URLs built from plain `Page` rows.

Names
- `name_folded(*parts)`: a name given in parts, folded for search.
- `name_search_q(query, *, field, also=())`: a Q matching a folded name field, either script.

The spelling report
- `serbian_text_source_register(source)`: add published Serbian texts beyond pages (quizzes
  register their questions); `source()` yields (where, text).
"""

from .names import name_folded, name_search_q
from .pages import SerbianScriptsPageMixin, folded
from .report import serbian_text_source_register
from .transliteration import for_reader, latin_to_cyrillic, to_cyrillic, to_latin
from .urls_for_script import url_in_readers_script

__all__ = [
    "SerbianScriptsPageMixin",
    "folded",
    "for_reader",
    "latin_to_cyrillic",
    "name_folded",
    "name_search_q",
    "serbian_text_source_register",
    "to_cyrillic",
    "to_latin",
    "url_in_readers_script",
]

"""Words the transliteration rules changed that a Serbian dictionary does not know.

Published Serbian content (the text of live pages in the Serbian locale: courses,
lessons, case law, quizzes; and the Serbian questions of the bank) is run through the
Latin → Cyrillic rules; the words converted letter by letter (not kept in Latin, not in
the glossary) are looked up in Debian's Serbian hunspell dictionary. What it does not know
is likely a name or a foreign term: a trainer adds it to the glossary (kept in Latin, or
with its established Cyrillic form) or leaves it as it is.
"""

from __future__ import annotations

import shutil
import subprocess  # noqa: S404 - hunspell is run with a fixed argument list, no shell
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _
from wagtail.models import Page

from .transliteration import latin_to_cyrillic, to_latin, words_changed_by_rules

DICTIONARY = "/usr/share/hunspell/sr_Latn_RS"
# Enough words per hunspell run to keep the pipe short.
_BATCH = 5000


class DictionaryMissing(RuntimeError):
    """hunspell or its Serbian dictionary is not installed."""


@dataclass
class ReviewWord:
    word: str
    cyrillic: str
    count: int = 0
    places: list[str] = field(default_factory=list)


# Other apps' published Serbian texts beyond pages (quiz questions), registered in their
# AppConfig.ready(): each source yields (where, text) pairs, the text in either script.
_TEXT_SOURCES: list = []


def serbian_text_source_register(source) -> None:
    if source not in _TEXT_SOURCES:
        _TEXT_SOURCES.append(source)


def published_serbian_texts():
    """(where, text) for every piece of published Serbian content, in Latin."""
    pages = (
        Page.objects.live()
        .filter(depth__gt=1, locale__language_code="sr")
        .specific()
        .order_by("path")
    )
    for page in pages:
        text = page._script_search_text() if hasattr(page, "_script_search_text") else page.title
        yield page.title, to_latin(text)
    for source in _TEXT_SOURCES:
        for where, text in source():
            yield where, to_latin(text)


def unknown_words(words: list[str], *, dictionary: str = DICTIONARY) -> set[str]:
    """The words hunspell does not know (its `-l` mode), run in batches."""
    hunspell = shutil.which("hunspell")
    if hunspell is None:
        raise DictionaryMissing(
            _("hunspell is not installed: install the hunspell and hunspell-sr packages.")
        )
    if not Path(dictionary + ".dic").exists():
        raise DictionaryMissing(
            _("The Serbian dictionary %(path)s is missing: install the hunspell-sr package.")
            % {"path": dictionary + ".dic"}
        )
    unknown: set[str] = set()
    for start in range(0, len(words), _BATCH):
        batch = "\n".join(words[start : start + _BATCH]) + "\n"
        result = subprocess.run(  # noqa: S603
            [hunspell, "-i", "utf-8", "-d", dictionary, "-l"],
            input=batch.encode(),
            capture_output=True,
            check=True,
            timeout=120,
        )
        unknown.update(result.stdout.decode().split())
    return unknown


def words_to_review(texts=None, *, dictionary: str = DICTIONARY) -> list[ReviewWord]:
    """Words of published content that the rules changed and the dictionary does not know,
    the most frequent first."""
    counts: Counter[str] = Counter()
    places: dict[str, list[str]] = {}
    for where, text in published_serbian_texts() if texts is None else texts:
        for word in words_changed_by_rules(text):
            counts[word] += 1
            seen = places.setdefault(word, [])
            if where not in seen and len(seen) < 5:
                seen.append(where)
    # A word's parts are looked up one by one ("crno-beli" is two words to hunspell).
    parts = sorted({part for word in counts for part in word.split("-") if part})
    unknown = unknown_words(parts, dictionary=dictionary)
    review = [
        ReviewWord(word, latin_to_cyrillic(word), counts[word], places[word])
        for word in counts
        if any(part in unknown for part in word.split("-"))
    ]
    review.sort(key=lambda r: (-r.count, r.word.lower()))
    return review

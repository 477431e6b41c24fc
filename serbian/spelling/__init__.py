"""Spelling of every Serbian string the site shows, checked with Debian's hunspell-sr.

What is read:
- our interface catalogues, `locale/sr_Latn` and the Cyrillic `locale/sr` generated from
  it (a transliteration slip shows in the Cyrillic one only);
- allauth's Serbian catalogues, for the parts of allauth the site installs, except the
  strings our catalogue translates itself (ours wins: LOCALE_PATHS comes first). A wrong
  word there is fixed by translating the string ourselves (serbian/allauth_messages.py);
- Serbian text written literally in templates (text runs with a Serbian letter);
- the Serbian half of the demo content files (DEMO_FILES) and the case-law vocabularies.

Placeholders, HTML tags, URLs, e-mail addresses, ECLI and case numbers, MIME types and
author-marked spans are not Serbian prose and are left out (the transliterator's own
rules). Latin words go to hunspell's `sr_Latn_RS`, Cyrillic ones to `sr_RS`.

A word is wrong when hunspell does not know it and `accepted.txt` (reviewed legal terms,
names, acronyms; in Latin, which accepts the Cyrillic spelling too) does not list it, or
when `rejected.txt` lists it: real words that are never right here ("projavite" for
"prijavite"), which no dictionary can catch.
"""

from __future__ import annotations

import importlib
import re
import shutil
import subprocess
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import allauth
import polib
import yaml
from django.conf import settings

from serbian.transliteration import _PROTECTED, to_latin

HERE = Path(__file__).resolve().parent
ACCEPTED_FILE = HERE / "accepted.txt"
REJECTED_FILE = HERE / "rejected.txt"
DICTIONARY_LATIN = "sr_Latn_RS"
DICTIONARY_CYRILLIC = "sr_RS"

# A word: letters only, standing alone (not part of "IPv6" or "sr_Latn").
_WORD = re.compile(r"\b[^\W\d_]+\b")
# "broj(evi)", "(re)integracija": both readings are checked.
_OPTIONAL_PART = re.compile(r"([^\W\d_]*)\(([^\W\d_]+)\)([^\W\d_]*)")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-zČĆĐŠŽčćđšž]")
MIXED_SCRIPTS = "one script: the word mixes Latin and Cyrillic letters"
_SERBIAN_LETTER = re.compile(r"[čćžšđČĆŽŠĐ\u0400-\u04ff]")
# Demo data: keys that hold codes, not prose.
_NOT_PROSE = frozenset(
    {
        "slug", "url", "source_url", "email", "contact_email", "code", "key", "kind",
        "ecli", "institution", "profession", "preferred_language", "role", "scope",
        "region", "course", "module", "final", "sort_order", "level", "training",
        "organiser", "places_by", "online_url", "start", "end", "pre_test", "post_test",
        "full_marks_before",
    }
)  # fmt: skip
# Demo data: sections of a file whose text is Serbian unless a key says otherwise.
_SERBIAN_SECTIONS = frozenset({"programme_settings", "partners"})


@dataclass(frozen=True)
class Text:
    """A Serbian string and where it is; `files` (relative) let a report find the line."""

    where: str
    text: str
    files: tuple[str, ...] = ()  # the source files it may come from


@dataclass(frozen=True)
class Misspelling:
    word: str
    places: tuple[str, ...]
    right: str = ""  # for a rejected word: what to write instead

    def __str__(self) -> str:
        fix = f" (write: {self.right})" if self.right else ""
        shown = ", ".join(self.places[:5])
        more = f" and {len(self.places) - 5} more" if len(self.places) > 5 else ""
        return f"{self.word}{fix}: {shown}{more}"


# --- Words --------------------------------------------------------------------------


def words_of(text: str) -> list[str]:
    """The Serbian words of `text`, with what is not prose left out."""
    text = unicodedata.normalize("NFC", text)
    text = re.sub(r"\[\[.*?\]\]", " ", text, flags=re.DOTALL)  # "not Serbian" marker
    text = _PROTECTED.sub(" ", text)

    def both_readings(match: re.Match) -> str:
        before, optional, after = match.groups()
        if not before and not after:
            return f" {optional} "
        return f" {before}{after} {before}{optional}{after} "

    text = _OPTIONAL_PART.sub(both_readings, text)
    # One letter is an enumerator, a unit or a symbol: "tačka (b)", "3 h", "x".
    return [word for word in _WORD.findall(text) if len(word) > 1]


@cache
def accepted_words() -> frozenset[str]:
    return frozenset(_list_lines(ACCEPTED_FILE))


@cache
def rejected_words() -> tuple[tuple[str, str], ...]:
    """(pattern, right): `projav*` matches every word that begins so."""
    out = []
    for line in _list_lines(REJECTED_FILE):
        wrong, _, right = (part.strip() for part in line.partition("→"))
        out.append((wrong.lower(), right))
    return tuple(out)


def _list_lines(path: Path) -> list[str]:
    lines = (line.split("#", 1)[0].strip() for line in path.read_text().splitlines())
    return [line for line in lines if line]


def is_accepted(word: str, accepted: frozenset[str]) -> bool:
    """Listed as written, or listed in lower case (which accepts "Word" and "WORD" too, as
    hunspell does for its own words). A Cyrillic word is looked up in Latin."""
    latin = to_latin(word)
    return latin in accepted or latin.lower() in accepted


def rejection(word: str, rejected: Iterable[tuple[str, str]]) -> str | None:
    """What to write instead of `word`, if it is a listed real-word error."""
    latin = to_latin(word).lower()
    for pattern, right in rejected:
        if pattern.endswith("*") and latin.startswith(pattern[:-1]) or latin == pattern:
            return right
    return None


def hunspell_unknown(words: Iterable[str]) -> set[str]:
    """The words hunspell-sr does not know (Cyrillic ones in sr_RS, the rest in Latin)."""
    if shutil.which("hunspell") is None:
        raise RuntimeError(
            "hunspell is not installed: apt-get install hunspell hunspell-sr (see .ci/run)"
        )
    words = set(words)
    cyrillic = {w for w in words if _CYRILLIC.search(w)}
    unknown = set()
    for dictionary, batch in (
        (DICTIONARY_CYRILLIC, cyrillic),
        (DICTIONARY_LATIN, words - cyrillic),
    ):
        if not batch:
            continue
        result = subprocess.run(  # noqa: S603 (a fixed program, words on stdin)
            ["hunspell", "-i", "utf-8", "-d", dictionary, "-l"],  # noqa: S607
            input="\n".join(sorted(batch)),
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode or "Can't open" in result.stderr:
            raise RuntimeError(
                f"hunspell -d {dictionary} failed ({result.stderr.strip()}): "
                "apt-get install hunspell-sr"
            )
        unknown.update(result.stdout.split())
    return unknown & words


def misspellings(
    texts: Iterable[Text],
    *,
    accepted: frozenset[str] | None = None,
    rejected: Iterable[tuple[str, str]] | None = None,
) -> list[Misspelling]:
    """Every wrong word in `texts`, with the places it appears, sorted by word."""
    accepted = accepted_words() if accepted is None else accepted
    rejected = rejected_words() if rejected is None else tuple(rejected)
    seen_in: dict[str, dict[Text, None]] = {}  # word → the texts it is in, in order
    for text in texts:
        for word in words_of(text.text):
            seen_in.setdefault(word, {})[text] = None
    unknown = hunspell_unknown(seen_in)
    found = []
    for word in sorted(seen_in):
        right = rejection(word, rejected)
        if _CYRILLIC.search(word) and _LATIN.search(word):
            right = MIXED_SCRIPTS
        if right is None and (word not in unknown or is_accepted(word, accepted)):
            continue
        places = tuple(dict.fromkeys(_place(text, word) for text in seen_in[word]))
        found.append(Misspelling(word, places, right or ""))
    return found


def _place(text: Text, word: str) -> str:
    """`text.where`, with the line of the source file the word is on when we can find it."""
    pattern = re.compile(rf"(?<![^\W\d_]){re.escape(word)}(?![^\W\d_])")
    for file in text.files:
        for number, line in enumerate(_source_lines(file), start=1):
            if pattern.search(unicodedata.normalize("NFC", line)):
                return f"{file}:{number} ({text.where})"
    return text.where


@cache
def _source_lines(relative: str) -> tuple[str, ...]:
    return tuple((Path(settings.BASE_DIR) / relative).read_text().splitlines())


# --- Where Serbian text is ----------------------------------------------------------


def catalogue_texts(path: Path, *, label: str | None = None) -> Iterator[Text]:
    """The translations in a .po file."""
    label = label or str(path.relative_to(settings.BASE_DIR))
    for entry in polib.pofile(str(path)):
        if entry.obsolete:
            continue
        msgid = entry.msgid if len(entry.msgid) <= 40 else entry.msgid[:37] + "…"
        for text in (entry.msgstr, *entry.msgstr_plural.values()):
            if text:
                yield Text(f"{label}:{entry.linenum} msgid “{msgid}”", text)


def interface_catalogues() -> list[Path]:
    base = Path(settings.BASE_DIR) / "locale"
    return sorted([*base.glob("sr_Latn/LC_MESSAGES/*.po"), *base.glob("sr/LC_MESSAGES/*.po")])


def allauth_texts() -> Iterator[Text]:
    """allauth's Serbian strings for the parts of allauth the site installs, less those our
    own catalogue translates (Django looks in LOCALE_PATHS first)."""
    ours = set()
    for path in interface_catalogues():
        ours.update((e.msgctxt, e.msgid) for e in polib.pofile(str(path)) if e.msgstr)
    parts = {"allauth", "core"} | {
        app.split(".")[1] for app in settings.INSTALLED_APPS if app.startswith("allauth.")
    }
    root = Path(allauth.__file__).resolve().parent / "locale"
    for language in ("sr_Latn", "sr"):
        path = root / language / "LC_MESSAGES" / "django.po"
        for entry in polib.pofile(str(path)):
            if entry.obsolete or (entry.msgctxt, entry.msgid) in ours:
                continue
            if not any(_allauth_part(file) in parts for file, _ in entry.occurrences):
                continue
            for text in (entry.msgstr, *entry.msgstr_plural.values()):
                if text:
                    yield Text(f"allauth {language} msgid “{entry.msgid[:50]}”", text)


def _allauth_part(occurrence: str) -> str:
    """ "allauth/account/forms.py" → "account"; "allauth/templates/mfa/x.html" → "mfa"."""
    pieces = occurrence.split("/")
    if pieces and pieces[0] == "allauth":
        pieces = pieces[1:]
    if pieces and pieces[0] == "templates":
        pieces = pieces[1:]
    return pieces[0] if pieces else ""


_TEMPLATE_NOISE = re.compile(
    r"\{%\s*comment\s*%\}.*?\{%\s*endcomment\s*%\}|\{#.*?#\}"
    r"|<(script|style)\b.*?</\1>|\{%.*?%\}|\{\{.*?\}\}|<[^>]+>",
    re.DOTALL,
)


def template_texts() -> Iterator[Text]:
    """Text written literally in templates (not through {% translate %}) that contains a
    Serbian letter: the runs between tags, one Text each."""
    base = Path(settings.BASE_DIR)
    for path in sorted((base / "templates").rglob("*")):
        if path.suffix not in {".html", ".txt", ".xml"}:
            continue
        source = path.read_text()
        relative = str(path.relative_to(base))
        for run in _TEMPLATE_NOISE.sub("\n", source).split("\n"):
            if _SERBIAN_LETTER.search(run):
                yield Text(relative, run.strip(), (relative,))


# Demo content files (YAML, see config.demo_files): (pattern, read as Serbian throughout?).
# Elsewhere only what sits under an "sr" key or a `*_sr` name, or under one of
# _SERBIAN_SECTIONS, is Serbian.
DEMO_FILES = (
    ("institutions/demo_content/*.yaml", False),
    ("accounts/demo_content/*.yaml", True),  # names of people
    ("home/demo_content/*.yaml", False),
    ("courses/demo_content/**/*.yaml", False),
    ("quizzes/demo_content/*.yaml", False),
    ("caselaw/demo_content/*.yaml", False),
    ("certificates/demo_content/*.yaml", True),
    ("trainings/demo_content/*.yaml", False),
    ("evaluation/demo_content/*.yaml", True),  # surveys written in Serbian
)
# The case-law vocabularies, (slug, Serbian, English) rows: Python, used by migrations too.
VOCABULARIES = ("caselaw.vocabularies", "VOCABULARIES")


def demo_texts() -> Iterator[Text]:
    base = Path(settings.BASE_DIR)
    for pattern, serbian in DEMO_FILES:
        for path in sorted(base.glob(pattern)):
            relative = str(path.relative_to(base))
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            for where, text in _serbian_strings(data, "", serbian=serbian):
                yield Text(f"{relative} {where.lstrip('.')}", text, (relative,))
    module_name, attribute = VOCABULARIES
    module = importlib.import_module(module_name)
    for key, rows in getattr(module, attribute).items():
        for row in rows:
            yield Text(f"{module_name}.{attribute}.{key}", row[1], (_module_file(module),))


def _module_file(module) -> str:
    base = Path(settings.BASE_DIR).resolve()
    return str(Path(module.__file__).resolve().relative_to(base))


def _serbian_strings(value, path: str, *, serbian: bool) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        if serbian and not value.startswith(("https://", "http://")):
            yield path, value
        return
    if isinstance(value, dict):
        for key, item in value.items():
            key = str(key)
            if key in _NOT_PROSE or key == "en" or key.endswith("_en"):
                continue
            here = f"{path}.{key}"
            is_serbian = serbian or key == "sr" or key.endswith("_sr") or key in _SERBIAN_SECTIONS
            yield from _serbian_strings(item, here, serbian=is_serbian)
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from _serbian_strings(item, f"{path}[{index}]", serbian=serbian)


def project_texts() -> Iterator[Text]:
    """All the Serbian text this checker reads (see the module's docstring)."""
    for path in interface_catalogues():
        yield from catalogue_texts(path)
    yield from allauth_texts()
    yield from template_texts()
    yield from demo_texts()

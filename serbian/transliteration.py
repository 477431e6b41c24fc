"""Serbian Cyrillic ↔ Latin transliteration.

Cyrillic → Latin is letter for letter. Latin → Cyrillic must decide whether lj, nj and
dž are one letter (љ, њ, џ) or two (a prefix ending in n or d before j or ž:
"nadživeti" → "надживети", "injekcija" → "инјекција"); the words and stems where they are
two letters are listed below.

Text that is not Serbian is never touched: HTML tags and attributes, URLs, email
addresses, code, ECLI identifiers and case numbers, Roman numerals, acronyms of
international bodies, format placeholders such as %(name)s or {name}, and any span an
author marks (`<span lang="…">`, `<span class="notranslit">`, `<code>`, or the
«[[…]]» marker in plain text).
"""

from __future__ import annotations

import re
from functools import lru_cache

CYR_TO_LAT = {
    "А": "A", "Б": "B", "В": "V", "Г": "G", "Д": "D", "Ђ": "Đ", "Е": "E", "Ж": "Ž",
    "З": "Z", "И": "I", "Ј": "J", "К": "K", "Л": "L", "Љ": "Lj", "М": "M", "Н": "N",
    "Њ": "Nj", "О": "O", "П": "P", "Р": "R", "С": "S", "Т": "T", "Ћ": "Ć", "У": "U",
    "Ф": "F", "Х": "H", "Ц": "C", "Ч": "Č", "Џ": "Dž", "Ш": "Š",
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "ђ": "đ", "е": "e", "ж": "ž",
    "з": "z", "и": "i", "ј": "j", "к": "k", "л": "l", "љ": "lj", "м": "m", "н": "n",
    "њ": "nj", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "ћ": "ć", "у": "u",
    "ф": "f", "х": "h", "ц": "c", "ч": "č", "џ": "dž", "ш": "š",
}  # fmt: skip

_LAT_SINGLE = {
    "a": "а", "b": "б", "v": "в", "g": "г", "d": "д", "đ": "ђ", "e": "е", "ž": "ж",
    "z": "з", "i": "и", "j": "ј", "k": "к", "l": "л", "m": "м", "n": "н", "o": "о",
    "p": "п", "r": "р", "s": "с", "t": "т", "ć": "ћ", "u": "у", "f": "ф", "h": "х",
    "c": "ц", "č": "ч", "š": "ш",
    # Letters outside the Serbian alphabet, met in loanwords and names.
    "q": "кв", "w": "в", "x": "кс", "y": "ј",
}  # fmt: skip
_LAT_DIGRAPH = {"lj": "љ", "nj": "њ", "dž": "џ"}

# Word beginnings in which lj, nj or dž are two letters, with "|" where the letters part.
# Matched case-insensitively at the start of a word; the rest of the word is converted
# as usual. Extend the list when an author reports a wrong spelling; for a one-off,
# authors can mark the word as "do not transliterate".
TWO_LETTER_STEMS = (
    # n + j
    "in|jekc", "in|jekt", "in|junkt", "kon|jug", "kon|junk", "kon|jukt", "van|jezi",
    "van|jug", "tan|jug",
    # d + ž: the prefixes nad-, od-, pod-, pred- before ž
    "nad|žanj", "nad|že", "nad|ži", "nad|žnje", "nad|žup", "od|žal", "od|živ", "pod|žanr",
    "pod|žup", "pod|že", "pred|žet", "pred|živ",
)  # fmt: skip
_SPLITS = tuple((stem.replace("|", ""), stem.index("|")) for stem in TWO_LETTER_STEMS)

# Acronyms and names that stay in Latin script.
KEEP_LATIN_WORDS = frozenset(
    {
        "UNODC", "IOM", "UNHCR", "UNICEF", "ILO", "OSCE", "OEBS", "ECHR", "ECtHR", "EU",
        "GRETA", "UN", "UNDP", "OHCHR", "CEDAW", "CRC", "ODIHR", "NGO", "ECLI", "PDF",
        "CSV", "XLSX", "JSON", "API", "TOTP", "MFA", "QR", "HUDOC", "SHERLOC", "ID", "URL",
        "ASTRA", "Atina", "Europol", "Interpol", "INTERPOL", "EUROPOL", "Frontex", "FRONTEX",
        "OK", "E-mail", "email", "e-mail", "Wagtail", "Moodle", "GIFT", "XML", "HTML",
        "CSP", "HTTP", "HTTPS", "SVG", "ICS", "UTF", "WebM", "Excel", "Reporting",
        "x",  # the mark of a hidden figure in statistics
    }
)  # fmt: skip

# Pieces of text that are never transliterated, in the order they are looked for.
_PROTECTED = re.compile(
    r"""
    <(?:code|pre|kbd|samp)\b[^>]*>.*?</(?:code|pre|kbd|samp)>   # code
  | <span\b[^>]*\b(?:lang=|class="[^"]*\bnotranslit\b)[^>]*>.*?</span>  # marked spans
  | <[^>]+>                                         # any other tag with its attributes
  | \[\[.*?\]\]                                     # plain-text marker [[…]]
  | &[a-zA-Z]+;|&\#\d+;|&\#[xX][0-9a-fA-F]+;       # HTML entities
  | (?:https?|ftp)://[^\s<>"']+ | www\.[^\s<>"']+   # URLs
  | [\w.+-]+@[\w-]+(?:\.[\w-]+)+                    # email addresses
  | ECLI:[A-Za-z0-9.:]+                             # ECLI identifiers
  | \b(?:application|text|image|audio|video|multipart)/[\w.+-]+  # media (MIME) types
  | \b(?:report-uri|report-to|[a-z]+-src(?:-elem|-attr)?)\b  # CSP directive names
  | \bsr[-_][Ll]atn\b                              # the language code of Serbian Latin
  | (?<![\w.])\.[a-z][a-z0-9]{1,4}\b                # file extensions: .txt, .xlsx
  | %\([\w.]+\)[sdfir] | %[sdfir] | \{[a-zA-Z_0-9]*\} | \{\{.*?\}\} | \{%.*?%\}  # placeholders
  | \b[^\W\d_]{1,4}\.?\d{0,2}\s?\d+/\d{2,4}\b        # case numbers: "K 123/19", "Kž1 12/2020"
  | \b\d+[-/]\d+(?:[-/]\d+)*\b                     # application numbers: 25965/04
  | \b(?=[MDCLXVI]{2,8}\b)M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})\b  # Roman
    """,
    re.VERBOSE | re.DOTALL,
)
_WORD = re.compile(r"[A-Za-zČĆĐŠŽčćđšž]+")


def cyrillic_to_latin(text: str) -> str:
    """Letter for letter; Љ, Њ, Џ become Lj/LJ, Nj/NJ, Dž/DŽ by the case of what follows."""
    if not text:
        return text
    out = []
    length = len(text)
    for i, ch in enumerate(text):
        latin = CYR_TO_LAT.get(ch)
        if latin is None:
            out.append(ch)
            continue
        if len(latin) == 2 and ch.isupper():
            nxt = text[i + 1] if i + 1 < length else ""
            prev = text[i - 1] if i > 0 else ""
            if (nxt.isalpha() and nxt.isupper()) or (not nxt.isalpha() and prev.isupper()):
                latin = latin.upper()
        out.append(latin)
    return "".join(out)


@lru_cache(maxsize=4096)
def _word_to_cyrillic(word: str) -> str:
    lower = word.lower()
    # Positions where a would-be digraph starts but is two letters.
    split_at = {at - 1 for stem, at in _SPLITS if lower.startswith(stem)}
    out = []
    i = 0
    while i < len(word):
        pair = lower[i : i + 2]
        if pair in _LAT_DIGRAPH and i not in split_at:
            cyr = _LAT_DIGRAPH[pair]
            out.append(cyr.upper() if word[i].isupper() else cyr)
            i += 2
            continue
        ch = word[i]
        cyr = _LAT_SINGLE.get(ch.lower())
        if cyr is None:
            out.append(ch)
        elif ch.isupper():
            out.append(cyr[0].upper() + cyr[1:])
        else:
            out.append(cyr)
        i += 1
    return "".join(out)


def _latin_segment_to_cyrillic(segment: str) -> str:
    def convert(match: re.Match) -> str:
        word = match.group(0)
        return word if word in KEEP_LATIN_WORDS else _word_to_cyrillic(word)

    return _WORD.sub(convert, segment)


def _map_unprotected(text: str, fn) -> str:
    """Apply `fn` to the parts of `text` that are Serbian prose; keep the rest as is."""
    out = []
    last = 0
    for match in _PROTECTED.finditer(text):
        out.append(fn(text[last : match.start()]))
        piece = match.group(0)
        # The plain-text marker [[…]] is the author's: drop the brackets, keep the words.
        out.append(piece[2:-2] if piece.startswith("[[") else piece)
        last = match.end()
    out.append(fn(text[last:]))
    return "".join(out)


def latin_to_cyrillic(text: str) -> str:
    """Serbian Latin → Cyrillic, leaving protected pieces as they are."""
    if not text:
        return text
    return _map_unprotected(text, _latin_segment_to_cyrillic)


def to_latin(text: str) -> str:
    """Any Serbian text (Cyrillic, Latin or mixed) → Latin, protected pieces untouched."""
    if not text:
        return text
    return _map_unprotected(text, cyrillic_to_latin)


def to_cyrillic(text: str) -> str:
    """Any Serbian text (Latin, Cyrillic or mixed) → Cyrillic. Cyrillic letters stay."""
    return latin_to_cyrillic(text)


# Interface languages that read Serbian content, and the script each reads it in.
READER_SCRIPTS = {"sr": to_cyrillic, "sr-latn": to_latin}
# Fragments up to this size are remembered once converted (per process), so a course
# page or a catalogue is transliterated once, not on every request.
_REMEMBERED_UP_TO = 200_000


@lru_cache(maxsize=512)
def _for_reader_remembered(text: str, language: str) -> str:
    return READER_SCRIPTS[language](text)


def for_reader(text: str, language: str | None = None) -> str:
    """Serbian content in the script of the reader's interface language (the active one
    unless given): Cyrillic under `sr`, Latin under `sr-latn`; other languages unchanged."""
    from django.utils.translation import get_language

    language = language or get_language()
    if not text or language not in READER_SCRIPTS:
        return text
    if len(text) <= _REMEMBERED_UP_TO:
        return _for_reader_remembered(str(text), language)
    return READER_SCRIPTS[language](text)

"""Serbian Cyrillic ↔ Latin transliteration.

Cyrillic → Latin is letter for letter. Latin → Cyrillic must decide whether lj, nj and
dž are one letter (љ, њ, џ) or two (a prefix ending in n or d before j or ž:
"nadživeti" → "надживети", "injekcija" → "инјекција"); the words and stems where they are
two letters are listed below.

Text that is not Serbian is never touched: HTML tags and attributes, URLs, email
addresses, code, ECLI identifiers, case and application numbers, certificate serials and
verification codes, units of measure after a number, format placeholders such as
%(name)s or {name}, and any span an author or a template marks (`<span lang="…">`,
`<span translate="no">`, `<span class="notranslit">`, `<code>`, or the «[[…]]» marker in
plain text; templates mark code values with the `code` filter of serbian_script).

Words that cannot be Serbian stay as written: those with q, w, x or y, and those with a
letter group that Serbian spelling does not make (ch, sh, th, ou, ck, tz; Serbian words
that join such letters across a prefix, "ishod", "prethodni", "pouzdan", "kocka", are
recognised). Roman numerals stay in Latin where the context makes them numerals ("XXI
veka", "član IV", "Luj XIV"), not because a word is written in capitals ("MI i VI").
The glossary that trainers keep in the admin (serbian.glossary) names the terms that stay
in Latin and the established Cyrillic forms ("Rantsev" → "Ранцев").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from django.utils.translation import get_language

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

# Letter groups that Serbian spelling does not make, each with the letters that may
# follow it where a Serbian word joins the two letters across a prefix or a compound
# ("is|hod", "pret|hodni", "po|uzdan", "koc|ka"). The continuations are those of the
# words of Debian's Serbian dictionary (hunspell-sr, sr_Latn_RS.dic) that hold the group.
# A word with one of the groups not followed by such letters is not Serbian.
_SERBIAN_AFTER = {
    "ch": "aj",
    "sh": "ab af aj al ar at au av az ej ek em en ia ib ih ij im io it iz ić la le lj ob "
    "od oh ol or ođ ra rp rv te tj uk um va",
    "th": "al e ef ej el em ez il ir is it ja la od or ođ ra ri rk uj uk um va",
    "ou": "ba be bi bo da do ds dv dž el fo ga gl go je ka ki kl ko kr la lj ln lu me mi "
    "mj ml mn mo mr na nd ne ni nj pa pi po pr rb re ri rl ru sa se sk sl sm sn sp st sv "
    "tb te to tr ts tv va ve vj vo za zd ze zg zi zl zr zv ča če či čk čl čn ša ši šk šn "
    "št ži c$ d$ h$ k$ l$ m$ v$ z$",
    # Serbian c + k is always followed by a vowel, v or r ("kocka", "peckav", "kockar").
    "ck": "a e i o u v r",
    "tz": "at v",
}


def _foreign_groups_pattern() -> re.Pattern:
    parts = []
    for group, after in _SERBIAN_AFTER.items():
        allowed = "|".join(a[:-1] + r"\b" if a.endswith("$") else a for a in after.split())
        parts.append(f"{group}(?!{allowed})")
    return re.compile("[qwxy]|" + "|".join(parts))


_FOREIGN_LETTERS = _foreign_groups_pattern()
_SERBIAN_ONLY_LETTERS = re.compile("[čćđšž]")

# Technical terms of the interface that stay in Latin. Names, organisations and phrases
# are in the glossary that trainers keep (serbian.models.GlossaryEntry).
KEEP_LATIN_WORDS = frozenset(
    {
        "PDF", "CSV", "XLSX", "JSON", "API", "TOTP", "MFA", "QR", "ID", "URL", "ECLI",
        "HUDOC", "SHERLOC", "OK", "E-mail", "e-mail", "email", "Email", "Wagtail",
        "Moodle", "GIFT", "XML", "HTML", "CSP", "HTTP", "HTTPS", "SVG", "ICS",
        "UTF", "WebM", "Excel", "Reporting", "hunspell", "cloze", "iCalendar",
        "Open", "Badges", "VC", "JWT", "xAPI", "LRS", "KB", "MB", "UUID",
        "x",  # the mark of a hidden figure in statistics
    }
)  # fmt: skip

_UPPER = "A-ZČĆĐŠŽ"
_LOWER = "a-zčćđšž"

# Pieces of text that are never transliterated, in the order they are looked for.
_PROTECTED = re.compile(
    rf"""
    <(?:code|pre|kbd|samp)\b[^>]*>.*?</(?:code|pre|kbd|samp)>   # code
  | <span\b[^>]*\b(?:lang=|translate="no"|class="[^"]*\bnotranslit\b)[^>]*>.*?</span>  # marked
  | <[^>]+>                                         # any other tag with its attributes
  | \[\[.*?\]\]                                     # plain-text marker [[…]]
  | &[a-zA-Z]+;|&\#\d+;|&\#[xX][0-9a-fA-F]+;       # HTML entities
  | (?:https?|ftp)://[^\s<>"']+ | www\.[^\s<>"']+   # URLs
  | [\w.+-]+@[\w-]+(?:\.[\w-]+)+                    # email addresses
  | ECLI:[A-Za-z0-9.:]+                             # ECLI identifiers
  | \b(?:application|text|image|audio|video|multipart)/[\w.+-]+  # media (MIME) types
  | \b(?:report-uri|report-to|[a-z]+-src(?:-elem|-attr)?)\b  # CSP directive names
  | \bsr[-_][Ll]atn\b                              # the language code of Serbian Latin
  | \bhunspell-sr\b                                # the Serbian dictionaries' package
  | \{{\d*:[A-Z_]+:[^}}\n]*\}}                        # a Moodle cloze gap: {{1:SHORTANSWER:=…}}
  | \b(?:SHORTANSWER(?:_C)?|NUMERICAL|MULTICHOICE(?:_[VH]?S|_[VH])?|MULTIRESPONSE(?:_H?S|_H)?
       |SAC?|MWC?|NM|MC[VH]?S?|MR[H]?S?)\b             # Moodle's cloze type names
  | (?<![\w.])\.[a-z][a-z0-9]{{1,4}}\b                # file extensions: .txt, .xlsx
  | %\([\w.]+\)[sdfir] | %[sdfir]                  # placeholders, and template tags
  | \{{[a-zA-Z_0-9]*\}} | \{{\{{.*?\}}\}} | \{{%.*?%\}}
  | \b[A-Z]{{1,5}}-\d{{4}}-\d{{4,}}\b                 # certificate serials: CT-2026-000001
  | \b[0-9A-Z]{{4}}(?:-[0-9A-Z]{{4}}){{2,}}\b         # verification codes: 7K3M-Q9XD-…
    # Case numbers: a court register's mark (a capital, up to three small letters, a
    # digit or two) and the number: "K 123/19", "Kž1 12/2020". Words are not marks.
  | \b(?!(?:A|I|U|Br|Broj|Od|Do|Iz|Za|Na|Sa|Po|Pod|Uz|Čl|Član|Tač|Stav)\b)
    [{_UPPER}][{_LOWER}]{{0,3}}\d{{0,2}}\s\d+/\d{{2,4}}\b
  | \b[{_UPPER}][{_LOWER}]{{0,3}}\d{{1,2}}-\d+/\d{{2,4}}\b  # "Kž1-12/2020"
  | \b\d+[-/]\d+(?:[-/]\d+)*\b                     # application numbers: 25965/04
  | (?<=\d)\s?(?:km|kg|cm|mm|ml|min|h|m|MB|GB|kB|KB)\b  # units after a number: 40 h
    """,
    re.VERBOSE | re.DOTALL,
)
# A word, hyphenated compounds whole ("non-refoulement", "e-mail", "crno-beli").
_WORD = re.compile(rf"[A-Za-z{_LOWER}{_UPPER}]+(?:-[A-Za-z{_LOWER}{_UPPER}]+)*")

# Roman numerals: only where the context makes them numerals.
_ROMAN = re.compile(r"(?=[MDCLXVI])M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
_ROMAN_BEFORE = re.compile(
    r"(?:član|glav|poglavlj|odeljak|odeljk|tom|knjig|knjiz|tačk|stav|aneks|protokol|prilog|"
    r"odsek|svesk|svesc)[a-zčćđšž]{0,3}|de(?:o|la|lu|lom)"
)
_ROMAN_AFTER = re.compile(
    r"(?:vek|stoleć|milenij|razred|stepen|kategorij|svetsk|kongres|poglavlj|glav)"
    r"[a-zčćđšž]{0,4}\b|(?:st\.|deo|dela|delu|tom|toma)(?![a-zčćđšž])",
    re.IGNORECASE,
)
_PREVIOUS_WORD = re.compile(rf"([{_UPPER}{_LOWER}A-Za-z]+)[\s\u00a0]+$")
_NEXT_WORD = re.compile(r"^[\s\u00a0]+(\S+)")
# Capitalised words before a numeral that are not a ruler's name.
_NOT_A_NAME = frozenset(
    {
        "A", "Ali", "I", "Ili", "Ni", "Niti", "Da", "Ne", "Mi", "Vi", "Oni", "One", "Ona",
        "On", "Ono", "Ja", "Ti", "Smo", "Ste", "Su", "Je", "Sve", "Svi", "Kad", "Kada",
        "Ako", "Još", "Sad", "Sada", "Tu", "Tada", "Evo", "Eto", "To", "Ta", "Taj", "Zato",
        "Jer", "Pa", "Te",
    }
)  # fmt: skip


def _is_roman_numeral_in_context(word: str, before: str, after: str) -> bool:
    if not word.isupper() or not _ROMAN.fullmatch(word):
        return False
    prev = _PREVIOUS_WORD.search(before[-40:])
    if prev:
        prev_word = prev.group(1)
        if _ROMAN_BEFORE.fullmatch(prev_word.lower()):
            return True
        # A ruler: "Luj XIV", "Petar II", "Aleksandar I".
        if prev_word[0].isupper() and not prev_word.isupper() and prev_word not in _NOT_A_NAME:
            return True
    nxt = _NEXT_WORD.match(after[:40])
    return bool(nxt and _ROMAN_AFTER.match(nxt.group(1)))


@lru_cache(maxsize=8192)
def is_foreign_word(word: str) -> bool:
    """A word Serbian spelling cannot make (q, w, x, y, or a foreign letter group)."""
    lower = word.lower()
    if _SERBIAN_ONLY_LETTERS.search(lower):
        return False
    return bool(_FOREIGN_LETTERS.search(lower))


# --- The glossary -----------------------------------------------------------------------

# Serbian case endings a term takes: after a name ("Ranceva", "Rancevom") or, after a
# hyphen, after an acronym ("IOM-a", "OEBS-om").
_ENDING = r"(?:ima|ama|om|em|og|a|u|e|i)"
_HYPHEN_ENDING = re.compile(r"-[a-zčćđšž]{1,4}\Z")


@dataclass(frozen=True)
class Glossary:
    """Terms kept in Latin (Cyrillic form None) or written in an established Cyrillic
    form, matched as whole words (a Cyrillic form also with a Serbian case ending)."""

    token: object = None
    forms: dict[str, str | None] = field(default_factory=dict)
    pattern: re.Pattern | None = None

    @classmethod
    def build(cls, entries, token=None) -> Glossary:
        forms: dict[str, str | None] = {}
        for latin, cyrillic in entries:
            latin = (latin or "").strip()
            if not latin:
                continue
            forms[latin] = (cyrillic or "").strip() or None
            # A lowercase phrase may begin a sentence: "Non-refoulement je…".
            if latin[0].islower():
                capital = latin[0].upper() + latin[1:]
                cyr = forms[latin]
                forms.setdefault(capital, cyr[0].upper() + cyr[1:] if cyr else None)
        if not forms:
            return cls(token=token)
        # Grouped by first letter (longest first within each), so that the engine tries
        # one group at a word's start instead of every entry: a page of text is
        # transliterated about as fast with the glossary as without.
        by_first: dict[str, list[str]] = {}
        for latin in sorted(forms, key=len, reverse=True):
            rest = re.escape(latin[1:])
            if latin[-1].isalnum():
                ending = f"{_ENDING}?" if forms[latin] else ""
                rest += rf"(?:-[a-zčćđšž]{{1,4}}|{ending})(?![\w-])"
            by_first.setdefault(latin[0], []).append(rest)
        words, others = [], []
        for first, rests in by_first.items():
            group = f"{re.escape(first)}(?:{'|'.join(rests)})"
            (words if first.isalnum() else others).append(group)
        alternatives = others + ([rf"(?<![\w-])(?:{'|'.join(words)})"] if words else [])
        return cls(token=token, forms=forms, pattern=re.compile("|".join(alternatives)))

    def replace(self, found: str) -> str:
        if found in self.forms:
            latin, ending = found, ""
        else:  # with a case ending
            latin = max((f for f in self.forms if found.startswith(f)), key=len)
            ending = found[len(latin) :]
        cyrillic = self.forms[latin]
        if cyrillic is None:
            return found
        return cyrillic + _word_to_cyrillic(ending)


NO_GLOSSARY = Glossary()


# Where the trainers' glossary comes from: none until serbian.glossary, which reads it from
# the database, installs its reader (SerbianConfig.ready()).
_glossary_source = None


def glossary_source_set(source) -> None:
    """`source()` returns the current Glossary (serbian.glossary.current)."""
    global _glossary_source
    _glossary_source = source


def _current_glossary() -> Glossary:
    """The trainers' glossary when Django is set up and its table exists; none otherwise."""
    return NO_GLOSSARY if _glossary_source is None else _glossary_source()


# --- Latin → Cyrillic -------------------------------------------------------------------


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
            out.append(cyr.upper())
        else:
            out.append(cyr)
        i += 1
    return "".join(out)


@lru_cache(maxsize=8)
def _segment_pattern(glossary_pattern: re.Pattern | None) -> re.Pattern:
    """The glossary's terms, then words: one pass over a segment."""
    if glossary_pattern is None:
        return re.compile(f"(?P<w>{_WORD.pattern})")
    return re.compile(f"(?P<g>{glossary_pattern.pattern})|(?P<w>{_WORD.pattern})")


def _latin_segment_to_cyrillic(segment: str, glossary: Glossary, changed: list | None) -> str:
    def convert(match: re.Match) -> str:
        word = match.group(0)
        if match.lastgroup == "g":
            return glossary.replace(word)
        if word in KEEP_LATIN_WORDS or is_foreign_word(word):
            return word
        hyphen_ending = _HYPHEN_ENDING.search(word)
        if hyphen_ending and word[: hyphen_ending.start()] in KEEP_LATIN_WORDS:
            return word  # "PDF-a"
        if _is_roman_numeral_in_context(word, segment[: match.start()], segment[match.end() :]):
            return word
        cyrillic = _word_to_cyrillic(word)
        if changed is not None and cyrillic != word:
            changed.append(word)
        return cyrillic

    return _segment_pattern(glossary.pattern).sub(convert, segment)


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


def latin_to_cyrillic(text: str, glossary: Glossary | None = None) -> str:
    """Serbian Latin → Cyrillic, leaving protected pieces as they are. The trainers'
    glossary applies unless another is given (`NO_GLOSSARY`: the rules alone)."""
    if not text:
        return text
    glossary = _current_glossary() if glossary is None else glossary
    return _map_unprotected(text, lambda s: _latin_segment_to_cyrillic(s, glossary, None))


def words_changed_by_rules(text: str, glossary: Glossary | None = None) -> list[str]:
    """The Latin words of `text` that Latin → Cyrillic converts letter by letter (not
    kept, not protected, not in the glossary), in order, repeats included."""
    glossary = _current_glossary() if glossary is None else glossary
    changed: list[str] = []
    _map_unprotected(text or "", lambda s: _latin_segment_to_cyrillic(s, glossary, changed))
    return changed


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
def _for_reader_remembered(text: str, language: str, glossary_token) -> str:
    return READER_SCRIPTS[language](text)


def for_reader(text: str, language: str | None = None) -> str:
    """Serbian content in the script of the reader's interface language (the active one
    unless given): Cyrillic under `sr`, Latin under `sr-latn`; other languages unchanged."""
    language = language or get_language()
    if not text or language not in READER_SCRIPTS:
        return text
    if len(text) <= _REMEMBERED_UP_TO:
        token = _current_glossary().token if language == "sr" else None
        return _for_reader_remembered(str(text), language, token)
    return READER_SCRIPTS[language](text)

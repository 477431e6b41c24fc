"""A warning, not a block: text of a case that looks like a person's full name.

Records name people by initials (L.E.) or by the court's own pseudonym. A run of two or
more capitalised words ("Marko Petrović", "Марко Петровић") in a field where names turn up
is probably a full name, unless it is a phrase we know: a court, a country, an
institution, a month, a word that starts a sentence. Editors may still save: the court
itself sometimes names a party, and only a person can judge that.
"""

from __future__ import annotations

import re

from serbian.api import folded

# A capitalised word in Latin or Cyrillic script (Serbian letters included), possibly
# hyphenated (Jean-Pierre, Petrović-Njegoš).
_UPPER = "A-ZČĆŠŽĐА-ЯЂЈЉЊЋЏ"
_LOWER = "a-zčćšžđа-яђјљњћџéèëáíóúñç'"
_WORD = rf"[{_UPPER}][{_LOWER}]+(?:-[{_UPPER}][{_LOWER}]+)?"
_RUN = re.compile(rf"{_WORD}(?:[ \u00a0]+{_WORD})+")
_TOKEN = re.compile(_WORD)

# Words that are capitalised for other reasons. Compared folded (Latin, lower case,
# no diacritics), so one entry covers both scripts.
_KNOWN_WORDS = {
    # articles, pronouns, sentence starters, forms of address
    "mr", "mrs", "ms", "miss", "dr", "g", "gdja", "gospodin", "gospodja",
    "the", "a", "an", "in", "on", "at", "of", "for", "by", "with", "after", "before",
    "when", "while", "this", "that", "these", "those", "her", "his", "she", "he", "they",
    "it", "its", "their", "there", "both", "all", "one", "two", "three", "some", "many",
    "as", "but", "and", "or", "if", "then", "since", "until", "during", "from", "to",
    "under", "however", "although", "because", "having", "was", "were", "is", "are",
    "no", "not", "neither", "nor", "also", "only", "each", "every", "other", "others",
    "u", "na", "za", "od", "do", "po", "sa", "iz", "kod", "i", "ili", "ali", "nakon",
    "pre", "posle", "tokom", "ona", "oni", "njen", "njegov", "taj", "ta",
    # institutions and legal vocabulary
    "court", "courts", "european", "human", "rights", "grand", "chamber", "committee",
    "supreme", "constitutional", "appeal", "appeals", "appellate", "higher", "basic",
    "high", "district", "first", "second", "third", "fourth", "fifth", "government",
    "state", "states", "republic", "kingdom", "united", "nations", "union", "council",
    "convention", "protocol", "article", "articles", "criminal", "code", "law", "act",
    "ministry", "interior", "justice", "police", "office", "prosecutor", "prosecutors",
    "public", "centre", "center", "social", "work", "welfare", "agency", "national",
    "referral", "mechanism", "crown", "prosecution", "service", "home", "secretary",
    "judge", "judges", "applicant", "applicants", "victim", "victims", "defendant",
    "sud", "vrhovni", "ustavni", "apelacioni", "visi", "osnovni", "tuzilastvo", "javno",
    "republika", "republike", "srbija", "srbije", "ministarstvo", "unutrasnjih",
    "poslova", "zakon", "zakonik", "krivicni", "clan", "evropski", "ljudska", "prava",
    "centar", "socijalni", "rad", "policija", "uprava", "beograd", "beogradu",
    # countries and places that appear in the demo and in Serbian practice
    "france", "cyprus", "russia", "greece", "austria", "croatia", "serbia", "germany",
    "italy", "nigeria", "togo", "ukraine", "moldova", "romania", "bulgaria", "albania",
    "bosnia", "herzegovina", "montenegro", "north", "macedonia", "vietnam", "bangladesh",
    "britain", "england", "wales", "scotland", "paris", "athens", "vienna", "zagreb",
    "manolada", "limassol", "dubai", "belgrade", "nis", "novi", "sad", "kragujevac",
    "middle", "east", "west", "south", "europe", "africa", "asia",
    # months and days
    "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december", "januar", "februar", "mart",
    "maj", "jun", "jul", "avgust", "septembar", "oktobar", "novembar", "decembar",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
}  # fmt: skip

# Beginnings of words that Serbian inflects: "Ujedinjenog Kraljevstva", "Grčke".
_KNOWN_STEMS = (
    "ujedinjen", "kraljev", "arapsk", "emirat", "francusk", "hrvatsk", "austrij", "rusij",
    "grck", "kipr", "srbij", "nemack", "italij", "evrop", "vijetnam", "nigerij", "filipin",
    "banglades", "ugand", "togo", "sjedinjen", "americk", "drzav", "republik", "ministarstv",
    "tuzilast", "sud", "vrhovn", "ustavn", "apelacion", "osnovn", "visi", "beograd",
    "konvencij", "protokol", "zakon", "clan", "veliko", "vece", "vec",
)  # fmt: skip


def _known(word: str) -> bool:
    word = folded(word)
    return word in _KNOWN_WORDS or word.startswith(_KNOWN_STEMS)


# Fields of CasePage where a name could slip in; inline groups add their labels.
NAME_FIELDS = (
    "title",
    "holding",
    "summary",
    "significance",
    "verdict",
    "sentences",
    "confiscation",
    "compensation",
)


def _plain(text: str) -> str:
    return re.sub(r"<[^>]+>", " ", text or "")


def names_in(text: str) -> list[str]:
    """Runs of two or more capitalised words that are not known phrases."""
    found = []
    for run in _RUN.finditer(_plain(text)):
        # Two neighbouring words, neither of them a known one.
        unknown = [not _known(w) for w in _TOKEN.findall(run.group(0))]
        if any(a and b for a, b in zip(unknown, unknown[1:], strict=False)):
            found.append(run.group(0))
    return found


def anonymity_warnings(fields: dict[str, str], labels: dict[str, str]) -> list[str]:
    """One message per field that looks like it holds a full name: 'Summary: "Marko
    Petrović"'. `fields` maps a field name to its text, `labels` to its label."""
    messages = []
    for name, text in fields.items():
        hits = names_in(text)
        if hits:
            shown = ", ".join(f"“{hit}”" for hit in dict.fromkeys(hits))
            messages.append(f"{labels.get(name, name)}: {shown}")
    return messages


def case_anonymity_warnings(case) -> list[str]:
    """Warnings for a CasePage (saved or not) and its victim groups' labels."""
    fields, labels = {}, {}
    for name in NAME_FIELDS:
        fields[name] = str(getattr(case, name, "") or "")
        labels[name] = str(case._meta.get_field(name).verbose_name).capitalize()
    for number, group in enumerate(case.victim_groups.all(), start=1):
        key = f"victim_group_{number}"
        fields[key] = group.label
        labels[key] = f"{group._meta.verbose_name.capitalize()} {number}"
    return anonymity_warnings(fields, labels)

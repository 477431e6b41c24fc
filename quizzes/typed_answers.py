"""How typed answers compare: text without case, diacritics or script, and numbers written
either way ("3,5" or "3.5"). Used by grading (short text, numeric) and by the cloze gaps
(`cloze_grading`), which also compare with case kept (SHORTANSWER_C)."""

from __future__ import annotations

import unicodedata
from decimal import Decimal, InvalidOperation

from serbian.api import folded, to_latin

# `folded` without lowering the case: "Đorđe" → "Djordje".
_FOLD_KEEPING_CASE = str.maketrans(
    {
        "č": "c",
        "ć": "c",
        "đ": "dj",
        "š": "s",
        "ž": "z",
        "Č": "C",
        "Ć": "C",
        "Đ": "Dj",
        "Š": "S",
        "Ž": "Z",
    }
)


def normalise_text(text: str, *, keep_case: bool = False) -> str:
    """Short answers compare without case, diacritics or script: "Đorđe", "djordje" and
    "Ђорђе" are the same answer. `keep_case`: "Đorđe" and "Ђорђе" still are, "djordje" is
    not."""
    text = " ".join(str(text).split())
    text = to_latin(text).translate(_FOLD_KEEPING_CASE) if keep_case else folded(text)
    decomposed = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in decomposed if not unicodedata.combining(c))
    return text if keep_case else text.casefold()


def parse_number(text) -> Decimal | None:
    if text is None:
        return None
    cleaned = str(text).strip().replace(" ", "").replace("\u00a0", "").replace(",", ".")
    if not cleaned or len(cleaned) > 40:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None

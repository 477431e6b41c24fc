"""Grading a cloze question (see `quizzes.cloze` for its gaps): each gap as Moodle grades
the sub-question it stands for, the question as the weighted mean of its gaps.

A response is {gap number (str): value}, unanswered gaps left out:
- a short answer or a number: the text typed;
- a choice (drop-down or radio buttons): the text of the answer chosen;
- a multiple response: the texts of the answers ticked.

Answers are named by their text, not their place: a later version that reorders a gap's
answers (a regrade) still reads the response as the learner meant it.

Per gap, as Moodle's sub-questions:
- short answer: the answers are compared with the typed text as `typed_answers` compares
  text (without case, diacritics or script; with case for SHORTANSWER_C); "*" matches any
  run of characters, "\\*" a star;
- numerical: a number within an answer's tolerance ("*": any number);
- when several answers match, the best counts (Moodle takes the first written, which
  differs only where an author put a lower-scored catch-all before the right answer);
- choice: the fraction of the answer chosen (negative fractions subtract);
- multiple response: the sum of the fractions ticked, between 0 and 1.

The question: Σ (weight × gap fraction) / Σ weight, between 0 and 1. Pure functions, no
queries.
"""

from __future__ import annotations

import re
from decimal import Decimal

from django.utils.translation import gettext as _

from .cloze import CHOICE, MULTI, NUMERIC, ClozeAnswer, ClozeGap, cloze_gaps
from .typed_answers import normalise_text, parse_number

ZERO = Decimal("0")
ONE = Decimal("1")
QUANTUM = Decimal("0.00001")
_STARS = re.compile(r"(?<!\\)\*+")


def _clamp(value: Decimal) -> Decimal:
    return min(ONE, max(ZERO, value)).quantize(QUANTUM)


def _edges_kept(bit: str, normalised: str) -> str:
    """A piece of a pattern between stars, normalised, keeping a space at either edge."""
    if not normalised:
        return " " if bit and bit.isspace() else ""
    return (" " if bit[:1].isspace() else "") + normalised + (" " if bit[-1:].isspace() else "")


def _glob(pieces: list[str], text: str) -> bool:
    """`text` is the pieces in order with anything between them: the first piece leads,
    the last ends, the others are found leftmost in between (linear in the text's length,
    whatever the number of stars: no regular expression to backtrack)."""
    first, *middle, last = pieces
    end = len(text) - len(last)
    if end < len(first) or not text.startswith(first) or not text.endswith(last):
        return False
    position = len(first)
    for piece in middle:
        found = text.find(piece, position, end)
        if found < 0:
            return False
        position = found + len(piece)
    return True


def text_matches(pattern: str, typed: str, *, case_sensitive: bool = False) -> bool:
    """Whether `typed` matches an answer of a short-answer gap (`*` a wildcard)."""
    given = normalise_text(typed, keep_case=case_sensitive)
    bits = _STARS.split(pattern)
    if len(bits) == 1:
        return normalise_text(pattern.replace("\\*", "*"), keep_case=case_sensitive) == given
    pieces = []
    for bit in bits:
        bit = bit.replace("\\*", "*")
        pieces.append(_edges_kept(bit, normalise_text(bit, keep_case=case_sensitive)))
    return _glob(pieces, given)


def _number_matches(answer: ClozeAnswer, value: Decimal) -> bool:
    if answer.text == "*":
        return True
    number = parse_number(answer.text)
    return number is not None and abs(value - number) <= answer.tolerance


def matching_answer(gap: ClozeGap, value) -> ClozeAnswer | None:
    """The answer of a single-answer gap that `value` earns (the best of those matching),
    None if none does. Not for multiple-response gaps."""
    if value is None or isinstance(value, list | dict):
        return None
    value = str(value)
    if gap.kind == CHOICE:
        return next((a for a in gap.answers if a.text == value), None)
    if gap.kind == NUMERIC:
        number = parse_number(value)
        if number is None:
            return None
        matching = [a for a in gap.answers if _number_matches(a, number)]
    else:
        if not value.strip():
            return None
        matching = [
            a for a in gap.answers if text_matches(a.text, value, case_sensitive=gap.case_sensitive)
        ]
    return max(matching, key=lambda a: a.fraction, default=None)


def ticked(gap: ClozeGap, value) -> list[ClozeAnswer]:
    """A multiple-response gap's answers that `value` ticks (in the gap's order)."""
    if not isinstance(value, list):
        return []
    chosen = {v for v in value if isinstance(v, str)}
    return [a for a in gap.answers if a.text in chosen]


def gap_fraction(gap: ClozeGap, value) -> Decimal:
    """What one gap's answer earns: 0 to 1, or below 0 for a penalised choice."""
    if gap.kind == MULTI:
        return _clamp(sum((a.fraction for a in ticked(gap, value)), ZERO))
    answer = matching_answer(gap, value)
    return ZERO if answer is None else min(ONE, answer.fraction)


def cloze_grade(question, response) -> Decimal:
    if not isinstance(response, dict):
        return ZERO
    gaps = cloze_gaps(question.text)
    total = sum(gap.weight for gap in gaps)
    if not total:
        return ZERO
    earned = sum(
        (gap.weight * gap_fraction(gap, response.get(str(gap.number))) for gap in gaps), ZERO
    )
    return _clamp(earned / total)


def right_value(gap: ClozeGap):
    """A response to `gap` that earns full marks: a wildcard answer with its stars left
    out; for a numerical "*" (any number), 0."""
    if gap.kind == MULTI:
        return [a.text for a in gap.answers if a.fraction > 0]
    best = max(gap.answers, key=lambda a: a.fraction, default=None)
    if best is None:
        return None
    if gap.kind == NUMERIC:
        return "0" if best.text == "*" else best.text
    if gap.kind == CHOICE:
        return best.text
    return _STARS.sub("", best.text).replace("\\*", "*")


def cloze_correct_response(question) -> dict[str, object]:
    return {str(gap.number): right_value(gap) for gap in cloze_gaps(question.text)}


def gap_feedback(gap: ClozeGap, value) -> list[str]:
    """The feedback of the answers `value` chose, ticked or matched."""
    if value is None:
        return []
    chosen = ticked(gap, value) if gap.kind == MULTI else [matching_answer(gap, value)]
    return [a.feedback for a in chosen if a is not None and a.feedback]


def cloze_feedback(question, response) -> list[str]:
    """Every gap's feedback, each saying its gap."""
    if not isinstance(response, dict):
        return []
    return [
        _("Gap %(number)s: %(feedback)s") % {"number": gap.number, "feedback": text}
        for gap in cloze_gaps(question.text)
        for text in gap_feedback(gap, response.get(str(gap.number)))
    ]

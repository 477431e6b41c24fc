"""A cloze question in an attempt: the order of each gap's choices, the form's fields, what
the page and the review show of each gap, and the figures statistics give per answer.

Nothing here reveals the key while an attempt is open. Each gap is a field of its own,
`q<slot>_<gap number>`; a choice's value is the attempt's opaque token for it (`forms.py`'s
keyed HMAC of the attempt, the slot, the gap and the answer), never its place in the text.
Shuffled gaps (MCS, MRS, …) show their choices in an order drawn when the attempt starts
and kept in `AttemptQuestion.option_order` (one list of answer indices per gap), uniformly
at random: an order forced to differ from the author's would tell, in a gap of two, which
answer the author wrote first (usually the right one). A typed gap is as wide as the
longest of its answers, plus up to 15 % drawn per attempt, as Moodle sizes it, so that
its width does not measure the right answer.

The question text around the gaps is the trainer's rich text: the gaps are replaced by
markers (`<span data-cloze-gap="n"></span>`) that the template tag `cloze_text` fills in
once the text is rendered and put in the reader's script.
"""

from __future__ import annotations

import itertools
import random
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from .cloze import CHOICE, GAP, MULTI, NUMERIC, ClozeGap, cloze_gaps
from .cloze_grading import gap_feedback, gap_fraction, matching_answer, ticked
from .typed_answers import parse_number

MARKER = '<span data-cloze-gap="{number}"></span>'
MARKER_PATTERN = re.compile(r'<span data-cloze-gap="(\d+)"></span>')
MAX_TEXT = 500
MAX_SIZE = 60


def gap_purpose(number: int) -> str:
    """The token purpose of gap `number`'s choices (see `forms.answer_tokens`)."""
    return f"gap{number}"


def has_choices(gap: ClozeGap) -> bool:
    return gap.kind in (CHOICE, MULTI)


# --- Starting an attempt --------------------------------------------------------------------


def cloze_option_order(question, *, shuffle: bool, rng: random.Random) -> list[list[int]]:
    """Per gap, its answers' indices in the order this attempt shows them: shuffled where
    the gap's type says so (and the quiz shuffles), the author's order otherwise; empty
    for a typed gap."""
    order = []
    for gap in cloze_gaps(question.text):
        indices = list(range(len(gap.answers))) if has_choices(gap) else []
        if gap.shuffle and shuffle:
            rng.shuffle(indices)
        order.append(indices)
    return order


def gap_order(option_order, gap: ClozeGap) -> list[int]:
    """The stored order of `gap`'s choices, or the author's when it does not fit the gap
    (a version with other answers, after a regrade)."""
    stored = option_order[gap.number - 1] if len(option_order or []) >= gap.number else None
    count = len(gap.answers)
    if isinstance(stored, list) and sorted(stored) == list(range(count)):
        return stored
    return list(range(count))


# --- Tokens and the form --------------------------------------------------------------------


def cloze_tokens_wanted(question) -> list[tuple[str, int]]:
    """(purpose, answer index) of every choice of every choice gap."""
    return [
        (gap_purpose(gap.number), index)
        for gap in cloze_gaps(question.text)
        if has_choices(gap)
        for index in range(len(gap.answers))
    ]


def gap_field(field_name: str, gap: ClozeGap) -> str:
    return f"{field_name}_{gap.number}"


def cloze_response_parse(question, tokens, data, *, number: int) -> dict[str, Any] | None:
    """{gap number: value} from the POSTed fields of one cloze question (`tokens`: its
    `forms.AnswerTokens`; `number`: the question's number on the page, for messages);
    ValidationError for anything the page could not have sent."""
    name = tokens.field
    gaps = {str(gap.number): gap for gap in cloze_gaps(question.text)}
    if name in data:
        raise ValidationError(_("An answer is not in the expected form."))
    response: dict[str, Any] = {}
    for key in data:
        if not key.startswith(name + "_"):
            continue
        gap = gaps.get(key[len(name) + 1 :])
        if gap is None:
            raise ValidationError(_("An answer was sent for a gap the question does not have."))
        values = data.getlist(key)
        value = _gap_value(gap, tokens, values, question_number=number)
        if value not in (None, "", []):
            response[str(gap.number)] = value
    return response or None


def _gap_value(gap: ClozeGap, tokens, values: list[str], *, question_number: int):
    purpose = gap_purpose(gap.number)
    answers = gap.answers
    if gap.kind == MULTI:
        indices = [tokens.value(purpose, v) for v in values if v != ""]
        if len(set(indices)) != len(indices):
            raise ValidationError(_("An answer is not in the expected form."))
        return [answers[i].text for i in sorted(indices)]
    if len(values) > 1:
        raise ValidationError(
            _("Choose only one option.")
            if gap.kind == CHOICE
            else _("An answer is not in the expected form.")
        )
    value = values[0] if values else ""
    if gap.kind == CHOICE:
        return answers[tokens.value(purpose, value)].text if value else None
    text = value.strip()
    if len(text) > MAX_TEXT:
        raise ValidationError(_("An answer is too long."))
    if text and gap.kind == NUMERIC and parse_number(text) is None:
        raise ValidationError(
            _("Question %(question)s, gap %(gap)s: “%(value)s” is not a number.")
            % {"question": question_number, "gap": gap.number, "value": text[:40]}
        )
    return text


# --- What the page shows --------------------------------------------------------------------


@dataclass
class GapChoice:
    id: str  # the attempt's token
    text: str
    selected: bool = False
    correct: bool | None = None


@dataclass
class ShownGap:
    """A gap as the page shows it; the review fills `mark`, `correct_text`, `feedback`."""

    number: int
    count: int
    kind: str
    layout: str
    field: str
    size: int = 0
    value: str = ""
    choices: list[GapChoice] = field(default_factory=list)
    mark: str = ""  # "right", "partly" or "wrong"
    correct_text: str = ""
    feedback: list[str] = field(default_factory=list)

    @property
    def is_typed(self) -> bool:
        return self.kind not in (CHOICE, MULTI)


def text_with_markers(text: str) -> str:
    """The question text with each gap replaced by its marker (no answer left in it)."""
    numbers = itertools.count(1)
    return GAP.sub(lambda _match: MARKER.format(number=next(numbers)), text or "")


def _size(aq, gap: ClozeGap, value: str) -> int:
    """Moodle's width: the longest answer (or the answer typed, if longer), plus up to
    15 % (drawn per attempt and gap, so that it stays put between pages), at most 60."""
    size = max([1, *(len(a.text) for a in gap.answers)])
    if len(value) > size:
        size = len(value) + 1
    digest = salted_hmac("quizzes.cloze.size", f"{aq.attempt_id}:{aq.slot}:{gap.number}").digest()
    size += digest[0] % (int(size * 0.15) + 1)
    return min(size, MAX_SIZE)


def cloze_shown(aq, tokens) -> tuple[str, list[ShownGap]]:
    """The text with markers and the gaps of `aq` as its page shows them, with the
    learner's saved answers."""
    question = aq.content
    response = aq.response if isinstance(aq.response, dict) else {}
    gaps = cloze_gaps(question.text)
    shown = []
    for gap in gaps:
        value = response.get(str(gap.number))
        item = ShownGap(
            number=gap.number,
            count=len(gaps),
            kind=gap.kind,
            layout=gap.layout,
            field=gap_field(tokens.field, gap),
        )
        if has_choices(gap):
            chosen = set(value) if isinstance(value, list) else {value}
            purpose = gap_purpose(gap.number)
            item.choices = [
                GapChoice(
                    id=tokens.token(purpose, index),
                    text=gap.answers[index].text,
                    selected=gap.answers[index].text in chosen,
                )
                for index in gap_order(aq.option_order, gap)
            ]
        else:
            item.value = value if isinstance(value, str) else ""
            item.size = _size(aq, gap, item.value)
        shown.append(item)
    return text_with_markers(question.text), shown


def _number(value: Decimal) -> str:
    return format(value.normalize(), "f")


def _correct_text(gap: ClozeGap) -> str:
    if gap.kind == MULTI:
        return ", ".join(a.text for a in gap.answers if a.fraction > 0)
    full = [a for a in gap.answers if a.fraction >= 1]
    if gap.kind == NUMERIC:
        return " / ".join(
            _("any number")
            if a.text == "*"
            else f"{_number(parse_number(a.text) or Decimal(0))} ± {_number(a.tolerance)}"
            for a in full
        )
    return " / ".join(a.text for a in full)


def cloze_review_fill(gaps: list[ShownGap], question, response, allow: dict[str, bool]):
    """What the review may show of each gap, as the quiz's review options allow now:
    the learner's answer (`response`), right or wrong (`marks`), the correct answer
    (`correct`), the chosen answers' feedback (`feedback`)."""
    response = response if isinstance(response, dict) else {}
    by_number = {gap.number: gap for gap in cloze_gaps(question.text)}
    for item in gaps:
        gap = by_number[item.number]
        value = response.get(str(gap.number))
        if not allow["response"]:
            item.value = ""
            for choice in item.choices:
                choice.selected = False
        if allow["marks"]:
            fraction = gap_fraction(gap, value)
            item.mark = "right" if fraction >= 1 else "partly" if fraction > 0 else "wrong"
        if allow["correct"]:
            item.correct_text = _correct_text(gap)
            right = {a.text for a in gap.answers if a.fraction > 0}
            if gap.kind == CHOICE:
                right = {max(gap.answers, key=lambda a: a.fraction).text}
            for choice in item.choices:
                choice.correct = choice.text in right
        if allow["feedback"]:
            item.feedback = gap_feedback(gap, value)


# --- Reading responses back -----------------------------------------------------------------


def cloze_readable(question, response) -> list:
    """The answers in the order of the gaps (None for a gap left empty): the personal-data
    export."""
    response = response if isinstance(response, dict) else {}
    return [response.get(str(gap.number)) for gap in cloze_gaps(question.text)]


def cloze_option_shares(question, rows) -> list[tuple[str, float]]:
    """Per gap: for choices, the share of the attempts choosing each answer; for typed
    gaps, the share matching each answer. `rows`: the attempt questions of one version."""
    count = len(rows)
    shares = []
    responses = [r.response if isinstance(r.response, dict) else {} for r in rows]
    for gap in cloze_gaps(question.text):
        key = str(gap.number)
        for answer in gap.answers:
            if gap.kind == MULTI:
                hits = sum(answer in ticked(gap, r.get(key)) for r in responses if key in r)
            else:
                hits = sum(matching_answer(gap, r.get(key)) == answer for r in responses)
            label = _("Gap %(number)s: %(answer)s") % {"number": gap.number, "answer": answer.text}
            shares.append((label, round(100 * hits / count, 1) if count else 0.0))
    return shares

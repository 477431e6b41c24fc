"""The attempt form: what the page's fields are called, and reading a page's answers back.

Nothing on the page names a database id, and nothing in it correlates with the key. Each
question's field is named after its slot in the attempt (`q3`); options, true/false
values, matching prompts and choices and ordering items are opaque per-attempt tokens, a
keyed HMAC (the site's secret key) of the attempt, the slot, a purpose and the option,
so a choice's value never equals a prompt's field name, and ascending values follow no
order of the bank:

- single, multiple, true/false: `q<slot>` = an option token (repeated for multiple);
- numeric, short text, essay: `q<slot>` = the text typed (an essay up to `MAX_ESSAY`
  characters, see `quizzes.essays`);
- matching: `q<slot>_<prompt token>` = a choice token;
- ordering: `q<slot>_<item token>` = a position from 1;
- cloze: `q<slot>_<gap number>` = the text typed, or a choice token (repeated for a
  multiple-response gap); see `cloze_pages`.

Stored responses stay in the terms of `grading.py` (option ids, booleans, {prompt id:
choice id}, {item id: position}, a cloze's {gap: answer text}): the tokens are translated
here and nowhere else.
Anything else that looks like an answer (another page's question, an unknown token, a value
of the wrong type, an oversized value) refuses the whole page: the caller saves nothing
from that request.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from .cloze_pages import cloze_response_parse, cloze_tokens_wanted
from .essays import MAX_ESSAY, essay_response
from .grading import parse_number, prompts_of
from .models.choices import QuestionKind

FIELD = re.compile(r"^q(\d{1,5})(?:_([A-Za-z0-9_-]{1,40}))?$")
MAX_TEXT = 500
MAX_VALUE = 2000
MAX_FIELDS = 1000
TOKEN_LENGTH = 10
SALT = "quizzes.forms.attempt-token"

# Purposes: the same option gets unrelated tokens as a choice, a prompt or an item.
OPTION, TRUE_FALSE, PROMPT, CHOICE, ITEM = "option", "true-false", "prompt", "choice", "item"


def _token(aq, purpose: str, value, length: int) -> str:
    digest = salted_hmac(SALT, f"{aq.attempt_id}:{aq.slot}:{purpose}:{value}").digest()
    return base64.urlsafe_b64encode(digest).decode()[:length]


def true_false_order(aq) -> list[bool]:
    """The order of True and False on this attempt's page (stored when it started)."""
    order = [v for v in (aq.option_order or []) if isinstance(v, bool)]
    return order if sorted(order) == [False, True] else [True, False]


@dataclass
class AnswerTokens:
    """One attempt question's tokens, both ways. `field` is its field name."""

    field: str
    to_token: dict[tuple[str, object], str] = field(default_factory=dict)
    to_value: dict[tuple[str, str], object] = field(default_factory=dict)

    def token(self, purpose: str, value) -> str:
        return self.to_token[(purpose, value)]

    def value(self, purpose: str, token: str):
        """The option id (or boolean) a token stands for; ValidationError if none."""
        try:
            return self.to_value[(purpose, token)]
        except KeyError:
            raise ValidationError(
                _("An answer names an option that is not in the question.")
            ) from None


def answer_tokens(aq) -> AnswerTokens:
    """The tokens of `aq`'s options as shown in this attempt (from `aq.content`)."""
    question = aq.content
    kind = question.kind
    wanted: list[tuple[str, object]] = []
    if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        wanted = [(OPTION, pk) for pk in aq.option_order]
    elif kind == QuestionKind.TRUE_FALSE:
        wanted = [(TRUE_FALSE, value) for value in (True, False)]
    elif kind == QuestionKind.MATCHING:
        wanted = [(PROMPT, p.pk) for p in prompts_of(question)]
        wanted += [(CHOICE, pk) for pk in aq.option_order]
    elif kind == QuestionKind.ORDERING:
        wanted = [(ITEM, pk) for pk in aq.option_order]
    elif kind == QuestionKind.CLOZE:
        wanted = cloze_tokens_wanted(question)
    tokens = AnswerTokens(field=f"q{aq.slot}")
    for length in (TOKEN_LENGTH, 40):  # a collision within one question: longer tokens
        tokens.to_token = {w: _token(aq, w[0], w[1], length) for w in wanted}
        tokens.to_value = {(w[0], t): w[1] for w, t in tokens.to_token.items()}
        if len(tokens.to_value) == len(wanted):
            break
    return tokens


def parse_page_responses(*, attempt_questions, data) -> dict[int, object]:
    """{attempt question id: response} for the questions shown on this page; raises
    ValidationError with a message fit for the learner."""
    by_slot = {aq.slot: aq for aq in attempt_questions}
    keys = [k for k in data if k.startswith("q") and k[1:2].isdigit()]
    if len(keys) > MAX_FIELDS:
        raise ValidationError(_("Too many answers in one request."))
    for key in keys:
        match = FIELD.match(key)
        if match is None:
            raise ValidationError(_("An answer is not in the expected form."))
        if int(match.group(1)) not in by_slot:
            raise ValidationError(_("An answer was sent for a question not on this page."))
        essay = by_slot[int(match.group(1))].content.kind == QuestionKind.ESSAY
        for value in data.getlist(key):
            # An essay's line breaks arrive as CRLF; the box's maxlength counts them once.
            length = len(value.replace("\r\n", "\n")) if essay else len(value)
            if length > (MAX_ESSAY if essay else MAX_VALUE):
                raise ValidationError(_("An answer is too long."))
    return {aq.pk: _parse_one(aq, answer_tokens(aq), data) for aq in attempt_questions}


def _single(values: list[str]) -> str | None:
    if len(values) > 1:
        raise ValidationError(_("Choose only one option."))
    return values[0] if values and values[0] != "" else None


def _parse_one(aq, tokens: AnswerTokens, data):
    kind = aq.content.kind
    if kind == QuestionKind.CLOZE:
        return cloze_response_parse(aq.content, tokens, data, number=aq.slot)
    name = tokens.field
    values = data.getlist(name)
    extra = [k for k in data if k.startswith(name + "_")]
    if extra and kind not in (QuestionKind.MATCHING, QuestionKind.ORDERING):
        raise ValidationError(_("An answer is not in the expected form."))
    if values and kind in (QuestionKind.MATCHING, QuestionKind.ORDERING):
        raise ValidationError(_("An answer is not in the expected form."))
    if kind == QuestionKind.SINGLE:
        chosen = _single(values)
        return None if chosen is None else tokens.value(OPTION, chosen)
    if kind == QuestionKind.MULTIPLE:
        chosen = [tokens.value(OPTION, v) for v in values if v != ""]
        if len(set(chosen)) != len(chosen):
            raise ValidationError(_("An answer is not in the expected form."))
        return sorted(chosen) or None
    if kind == QuestionKind.TRUE_FALSE:
        chosen = _single(values)
        return None if chosen is None else tokens.value(TRUE_FALSE, chosen)
    if kind in (QuestionKind.NUMERIC, QuestionKind.SHORT_TEXT):
        if len(values) > 1:
            raise ValidationError(_("An answer is not in the expected form."))
        text = values[0].strip() if values else ""
        if len(text) > MAX_TEXT:
            raise ValidationError(_("An answer is too long."))
        if not text:
            return None
        if kind == QuestionKind.NUMERIC and parse_number(text) is None:
            raise ValidationError(_("“%(value)s” is not a number.") % {"value": text[:40]})
        return text
    if kind == QuestionKind.ESSAY:
        if len(values) > 1:
            raise ValidationError(_("An answer is not in the expected form."))
        return essay_response(
            values[0] if values else "", template=aq.content.essay_response_template
        )
    if kind == QuestionKind.MATCHING:
        return _parse_keyed(
            tokens, data, key_purpose=PROMPT, value_of=lambda v: tokens.value(CHOICE, v)
        )
    if kind == QuestionKind.ORDERING:
        count = len(aq.option_order)
        return _parse_keyed(tokens, data, key_purpose=ITEM, value_of=lambda v: _position(v, count))
    return None


def _position(value: str, count: int) -> int:
    if not value.isdigit() or len(value) > 4 or not 1 <= int(value) <= count:
        raise ValidationError(_("An answer names an option that is not in the question."))
    return int(value)


def _parse_keyed(tokens: AnswerTokens, data, *, key_purpose: str, value_of):
    """Matching and ordering: {prompt or item id (str): choice id or position}."""
    prefix = tokens.field + "_"
    result = {}
    for key in data:
        if not key.startswith(prefix):
            continue
        option_id = tokens.value(key_purpose, key[len(prefix) :])
        values = data.getlist(key)
        if len(values) != 1:
            raise ValidationError(_("An answer is not in the expected form."))
        if values[0] == "":
            continue
        result[str(option_id)] = value_of(values[0])
    return result or None

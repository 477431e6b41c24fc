"""Reading the answers of one page of an attempt from a plain HTML form.

Field names: `q<attempt question id>` (single, true/false, multiple, numeric, short text)
and `q<attempt question id>_<option id>` (a matching prompt, an ordering item). Anything
else that looks like an answer (another attempt's question, another page's, an unknown
option, a value of the wrong type, an oversized value) refuses the whole page: the caller
saves nothing from that request.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .grading import parse_number, prompts_of
from .models import QuestionKind

FIELD = re.compile(r"^q(\d+)(?:_(\d+))?$")
MAX_TEXT = 500
MAX_VALUE = 2000
MAX_FIELDS = 1000


def _int(value: str) -> int:
    if not value.isdigit() or len(value) > 12:
        raise ValidationError(_("An answer is not in the expected form."))
    return int(value)


def parse_page_responses(*, attempt_questions, data) -> dict[int, object]:
    """{attempt question id: response} for the questions shown on this page; raises
    ValidationError with a message fit for the learner."""
    by_id = {aq.pk: aq for aq in attempt_questions}
    keys = [k for k in data if FIELD.match(k)]
    if len(keys) > MAX_FIELDS:
        raise ValidationError(_("Too many answers in one request."))
    for key in keys:
        for value in data.getlist(key):
            if len(value) > MAX_VALUE:
                raise ValidationError(_("An answer is too long."))
        aq_id = int(FIELD.match(key).group(1))
        if aq_id not in by_id:
            raise ValidationError(_("An answer was sent for a question not on this page."))
    return {aq.pk: _parse_one(aq, data) for aq in attempt_questions}


def _parse_one(aq, data):
    question = aq.content
    kind = question.kind
    name = f"q{aq.pk}"
    values = data.getlist(name)
    allowed = set(aq.option_order)
    extra = [k for k in data if k.startswith(name + "_") and FIELD.match(k)]
    if extra and kind not in (QuestionKind.MATCHING, QuestionKind.ORDERING):
        raise ValidationError(_("An answer is not in the expected form."))
    if kind == QuestionKind.SINGLE:
        if len(values) > 1:
            raise ValidationError(_("Choose only one option."))
        if not values or values[0] == "":
            return None
        option = _int(values[0])
        if option not in allowed:
            raise ValidationError(_("An answer names an option that is not in the question."))
        return option
    if kind == QuestionKind.MULTIPLE:
        chosen = [_int(v) for v in values if v != ""]
        if len(set(chosen)) != len(chosen) or not set(chosen) <= allowed:
            raise ValidationError(_("An answer names an option that is not in the question."))
        return sorted(chosen) or None
    if kind == QuestionKind.TRUE_FALSE:
        if len(values) > 1:
            raise ValidationError(_("Choose only one option."))
        if not values or values[0] == "":
            return None
        if values[0] not in ("true", "false"):
            raise ValidationError(_("An answer is not in the expected form."))
        return values[0] == "true"
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
    if kind == QuestionKind.MATCHING:
        prompts = {str(p.pk) for p in prompts_of(question)}
        return _parse_keyed(aq, data, keys=prompts, value_ok=lambda v: _int(v) in allowed)
    if kind == QuestionKind.ORDERING:
        count = len(aq.option_order)
        items = {str(pk) for pk in aq.option_order}
        return _parse_keyed(
            aq, data, keys=items, value_ok=lambda v: 1 <= _int(v) <= count, as_position=True
        )
    return None


def _parse_keyed(aq, data, *, keys: set[str], value_ok, as_position: bool = False):
    prefix = f"q{aq.pk}_"
    result = {}
    for key in data:
        if not key.startswith(prefix):
            continue
        sub = key[len(prefix) :]
        if sub not in keys:
            raise ValidationError(_("An answer names an option that is not in the question."))
        values = data.getlist(key)
        if len(values) != 1:
            raise ValidationError(_("An answer is not in the expected form."))
        if values[0] == "":
            continue
        if not value_ok(values[0]):
            raise ValidationError(_("An answer names an option that is not in the question."))
        result[sub] = int(values[0])
    return result or None

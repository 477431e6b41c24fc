"""Grading: the fraction of a question's marks a response earns, for every question type.

Pure functions over a question with its options loaded (no queries of their own), so that
grading a whole attempt costs the same few queries whatever its length.

Responses, as stored on `AttemptQuestion.response` (None: not answered):
- single choice: an option id; true / false: a boolean;
- multiple response: a list of option ids;
- matching: {prompt option id (str): chosen option id} (the choice is shown by its match text);
- ordering: {item option id (str): position from 1};
- numeric: the number as text; short text: the text typed;
- cloze: {gap number (str): the text typed, or the text of the answer(s) chosen} (see
  `cloze_grading`).
"""

from __future__ import annotations

from decimal import Decimal

from .cloze_grading import cloze_correct_response, cloze_feedback, cloze_grade
from .models.choices import QuestionKind
from .typed_answers import normalise_text, parse_number

ZERO = Decimal("0")
ONE = Decimal("1")
QUANTUM = Decimal("0.00001")


def _clamp(value: Decimal) -> Decimal:
    return min(ONE, max(ZERO, value)).quantize(QUANTUM)


def prompts_of(question) -> list:
    """Matching: the options with a prompt (the others are distractor matches)."""
    return [o for o in question.options.all() if o.text.strip()]


def multiple_fractions(question) -> dict[int, Decimal]:
    """Multiple response: what ticking each option is worth. Right options carry their
    positive fraction; a wrong option costs its own negative fraction, or, when the author
    left it at 0, as much as one right option is worth, so ticking everything never pays."""
    options = list(question.options.all())
    right = [o for o in options if o.fraction > 0]
    penalty = -(ONE / len(right)) if right else -ONE
    return {o.pk: (o.fraction if o.fraction != 0 else penalty) for o in options}


def grade(question, response) -> Decimal:
    """The fraction (0 to 1) of the question's marks that `response` earns."""
    if response is None or response == "" or response == [] or response == {}:
        return ZERO
    kind = question.kind
    if kind == QuestionKind.SINGLE:
        for option in question.options.all():
            if option.pk == response:
                return _clamp(option.fraction)
        return ZERO
    if kind == QuestionKind.MULTIPLE:
        worth = multiple_fractions(question)
        return _clamp(sum((worth.get(pk, ZERO) for pk in set(response)), ZERO))
    if kind == QuestionKind.TRUE_FALSE:
        return ONE if response is question.true_false_answer else ZERO
    if kind == QuestionKind.MATCHING:
        prompts = prompts_of(question)
        if not prompts:
            return ZERO
        match_of = {o.pk: o.match_text.strip() for o in question.options.all()}
        right = sum(
            1
            for prompt in prompts
            if (chosen := response.get(str(prompt.pk))) is not None
            and match_of.get(chosen) == prompt.match_text.strip()
        )
        return _clamp(Decimal(right) / len(prompts))
    if kind == QuestionKind.ORDERING:
        items = list(question.options.all())  # in their correct order
        if not items:
            return ZERO
        right = sum(1 for index, item in enumerate(items, 1) if response.get(str(item.pk)) == index)
        return _clamp(Decimal(right) / len(items))
    if kind == QuestionKind.NUMERIC:
        value = parse_number(response)
        if value is None or question.numeric_answer is None:
            return ZERO
        if abs(value - question.numeric_answer) <= question.numeric_tolerance:
            return ONE
        best = ZERO  # partial-credit answers (imported from GIFT or Moodle XML)
        for option in question.options.all():
            number, margin = parse_number(option.text), parse_number(option.match_text or "0")
            if number is not None and margin is not None and abs(value - number) <= margin:
                best = max(best, option.fraction)
        return _clamp(best)
    if kind == QuestionKind.SHORT_TEXT:
        given = normalise_text(response)
        best = ZERO
        for option in question.options.all():
            if option.text.strip() and normalise_text(option.text) == given:
                best = max(best, option.fraction)
        return _clamp(best)
    if kind == QuestionKind.CLOZE:
        return cloze_grade(question, response)
    return ZERO


def correct_response(question):
    """The response that earns full marks (for the review, when the policy shows it)."""
    kind = question.kind
    options = list(question.options.all())
    if kind == QuestionKind.SINGLE:
        best = max(options, key=lambda o: o.fraction, default=None)
        return best.pk if best else None
    if kind == QuestionKind.MULTIPLE:
        return [o.pk for o in options if o.fraction > 0]
    if kind == QuestionKind.TRUE_FALSE:
        return question.true_false_answer
    if kind == QuestionKind.MATCHING:
        return {str(o.pk): o.match_text for o in options if o.text.strip()}
    if kind == QuestionKind.ORDERING:
        return [o.pk for o in options]
    if kind == QuestionKind.NUMERIC:
        return question.numeric_answer
    if kind == QuestionKind.SHORT_TEXT:
        return [o.text for o in options if o.fraction == ONE]
    if kind == QuestionKind.CLOZE:
        return cloze_correct_response(question)
    return None


def feedback_for(question, response) -> list[str]:
    """Per-option feedback for what the learner chose."""
    if response is None:
        return []
    if question.kind == QuestionKind.CLOZE:
        return cloze_feedback(question, response)
    chosen: set = set()
    if question.kind == QuestionKind.SINGLE:
        chosen = {response}
    elif question.kind == QuestionKind.MULTIPLE:
        chosen = set(response)
    elif question.kind == QuestionKind.SHORT_TEXT:
        given = normalise_text(response)
        return [
            o.feedback
            for o in question.options.all()
            if o.feedback and normalise_text(o.text) == given
        ]
    return [o.feedback for o in question.options.all() if o.pk in chosen and o.feedback]

"""Reads for an open attempt: its pages, the questions as the answering form shows them,
and the summary before submitting.

What reaches a learner's browser while an attempt is open is built here, from the
question's text and its options' text only: fractions, keys and feedback are never put in
the context of an open attempt, so no template can leak them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from ..cloze_pages import cloze_readable, cloze_shown
from ..essays import essay_shown
from ..forms import CHOICE, ITEM, OPTION, PROMPT, TRUE_FALSE, answer_tokens, true_false_order
from ..grading import prompts_of
from ..models.attempts import Attempt, AttemptQuestion
from ..models.choices import QuestionKind


def attempt_for_user(*, attempt_id: int, user) -> Attempt:
    return get_object_or_404(
        Attempt.objects.select_related("quiz", "served_from"), pk=attempt_id, user=user
    )


def attempt_pages(attempt: Attempt) -> list[int]:
    return sorted(set(attempt.questions.values_list("page", flat=True)))


def attempt_questions_on_page(*, attempt: Attempt, page: int) -> list[AttemptQuestion]:
    return list(
        AttemptQuestion.objects.filter(attempt=attempt, page=page)
        .select_related("version")
        .order_by("slot")
    )


@dataclass
class Choice:
    """An option as the page shows it: `id` is its opaque token (a position 1…n for an
    ordering item's choices), never a database id."""

    id: str | int
    text: str
    selected: bool = False
    correct: bool | None = None
    position: str | int | None = None


@dataclass
class ShownQuestion:
    """A question as the learner sees it: text and options only, unless `review` fills the
    rest. `field` is the form field's name, `number` what the learner reads."""

    field: str
    number: int
    kind: str
    text: str
    marks: Any
    page: int = 1
    scenario_text: str | None = None
    scenario_case: Any = None
    choices: list[Choice] = field(default_factory=list)
    prompts: list[Choice] = field(default_factory=list)
    value: str = ""
    # Review only:
    fraction: Any = None
    marks_obtained: Any = None
    correct_text: str = ""
    feedback: list[str] = field(default_factory=list)
    general_feedback: str = ""
    answered: bool = False
    gaps: list = field(default_factory=list)  # a cloze's (`cloze_pages.ShownGap`)
    essay: Any = None  # essays.EssayShown


def is_answered(response) -> bool:
    return response not in (None, "", [], {})


def shown_questions(questions: list[AttemptQuestion], *, first_number: int = 1):
    """The attempt's questions for the answering form (nothing that reveals the key: no
    database id, options in the attempt's order, values as per-attempt tokens)."""
    shown, previous_scenario = [], None
    for offset, aq in enumerate(questions):
        question = aq.content
        tokens = answer_tokens(aq)
        options = {o.pk: o for o in question.options.all()}
        response = aq.response
        item = ShownQuestion(
            field=tokens.field,
            number=first_number + offset,
            kind=question.kind,
            text=question.text,
            marks=aq.marks,
            page=aq.page,
        )
        if aq.scenario_id and aq.scenario_id != previous_scenario:
            vignette = question.scenario  # as the sub-question's version froze it
            item.scenario_text = vignette.text
            item.scenario_case = vignette.case if vignette.case_id else None
        previous_scenario = aq.scenario_id
        if question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            chosen = set(response or []) if question.kind == QuestionKind.MULTIPLE else {response}
            item.choices = [
                Choice(id=tokens.token(OPTION, pk), text=options[pk].text, selected=pk in chosen)
                for pk in aq.option_order
                if pk in options
            ]
        elif question.kind == QuestionKind.TRUE_FALSE:
            labels = {True: _("True"), False: _("False")}
            item.choices = [
                Choice(id=tokens.token(TRUE_FALSE, value), text=labels[value])
                for value in true_false_order(aq)
            ]
            for choice, value in zip(item.choices, true_false_order(aq), strict=True):
                choice.selected = response is value
        elif question.kind == QuestionKind.MATCHING:
            response = response or {}
            item.choices = [
                Choice(id=tokens.token(CHOICE, pk), text=options[pk].match_text)
                for pk in aq.option_order
                if pk in options
            ]
            chosen = {prompt: tokens.to_token.get((CHOICE, pk)) for prompt, pk in response.items()}
            item.prompts = [
                Choice(id=tokens.token(PROMPT, p.pk), text=p.text, position=chosen.get(str(p.pk)))
                for p in prompts_of(question)
            ]
        elif question.kind == QuestionKind.ORDERING:
            response = response or {}
            item.prompts = [
                Choice(
                    id=tokens.token(ITEM, pk),
                    text=options[pk].text,
                    position=response.get(str(pk)),
                )
                for pk in aq.option_order
                if pk in options
            ]
            item.choices = [Choice(id=n, text=str(n)) for n in range(1, len(item.prompts) + 1)]
        elif question.kind == QuestionKind.CLOZE:
            item.text, item.gaps = cloze_shown(aq, tokens)  # the text without its answers
        elif question.kind == QuestionKind.ESSAY:
            item.value = response or question.essay_response_template
            item.essay = essay_shown(question, response)
        else:
            item.value = response or ""
        item.answered = is_answered(aq.response)
        shown.append(item)
    return shown


def readable_response(aq: AttemptQuestion):
    """The stored response in the words the learner saw, with no option ids (the
    personal-data export: ids in authoring order would hint at the key): option texts,
    {prompt: match}, the items in the learner's order; true/false and typed text as is."""
    question, response = aq.content, aq.response
    if response is None:
        return None
    texts = {o.pk: o.text for o in question.options.all()}
    kind = question.kind
    if kind == QuestionKind.SINGLE:
        return texts.get(response)
    if kind == QuestionKind.MULTIPLE:
        return [texts.get(pk) for pk in response]
    if kind == QuestionKind.MATCHING:
        matches = {o.pk: o.match_text for o in question.options.all()}
        return {texts.get(int(p), ""): matches.get(c) for p, c in response.items()}
    if kind == QuestionKind.ORDERING:
        return [
            texts.get(int(pk)) for pk, _position in sorted(response.items(), key=lambda i: i[1])
        ]
    if kind == QuestionKind.CLOZE:
        return cloze_readable(question, response)
    return response


def _first_number(*, attempt: Attempt, page: int) -> int:
    if page <= 1:
        return 1
    return AttemptQuestion.objects.filter(attempt=attempt, page__lt=page).count() + 1


def attempt_page_context(*, attempt: Attempt, page: int, pages=None) -> dict[str, Any]:
    pages = pages if pages is not None else attempt_pages(attempt)
    questions = attempt_questions_on_page(attempt=attempt, page=page)
    return {
        "attempt": attempt,
        "quiz": attempt.served_from or attempt.quiz,
        "page_number": page,
        "pages": pages,
        "is_first_page": page == pages[0] if pages else True,
        "is_last_page": page == pages[-1] if pages else True,
        "questions": shown_questions(
            questions, first_number=_first_number(attempt=attempt, page=page)
        ),
        "attempt_questions": questions,
    }


@dataclass
class SummaryRow:
    number: int
    page: int
    answered: bool


def attempt_summary_context(*, attempt: Attempt) -> dict[str, Any]:
    """The summary before submitting: each question, answered or not, and its page (one
    query, nothing of the questions' content)."""
    rows = [
        SummaryRow(number=number, page=page, answered=is_answered(response))
        for number, (page, response) in enumerate(
            AttemptQuestion.objects.filter(attempt=attempt)
            .order_by("slot")
            .values_list("page", "response"),
            1,
        )
    ]
    return {
        "attempt": attempt,
        "quiz": attempt.served_from or attempt.quiz,
        "rows": rows,
        "unanswered": sum(1 for row in rows if not row.answered),
    }

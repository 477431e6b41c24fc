"""Reads for quizzes: what a learner sees of a quiz, of an attempt, and of its review.

What reaches a learner's browser while an attempt is open is built here, from the
question's text and its options' text only: fractions, keys and feedback are never put in
the context of an open attempt, so no template can leak them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from courses import api as courses_api

from .forms import CHOICE, ITEM, OPTION, PROMPT, TRUE_FALSE, answer_tokens, true_false_order
from .grading import correct_response, feedback_for, prompts_of
from .models import (
    Attempt,
    AttemptQuestion,
    AttemptState,
    QuestionKind,
    QuizPage,
    QuizResult,
    ReviewItem,
    ReviewWindow,
)


def canonical_quiz(quiz: QuizPage) -> QuizPage:
    """The quiz in the default locale, where attempts and results are kept."""
    from courses.selectors import canonical_id

    pk = canonical_id(quiz)
    return quiz if pk == quiz.pk else QuizPage.objects.get(pk=pk)


def quiz_language(page: Page) -> str:
    """The bank language of a quiz page's questions drawn at random."""
    code = page.locale.language_code if page.locale_id else "sr"
    return "en" if code.startswith("en") else "sr"


def attempts_left(*, quiz: QuizPage, used: int) -> int | None:
    """None: unlimited."""
    if not quiz.attempts_allowed:
        return None
    return max(0, quiz.attempts_allowed - used)


def quiz_overview_for(*, quiz: QuizPage, user, request=None, course=None) -> dict[str, Any]:
    """The quiz start page: the rules, the learner's attempts and result, whether they may
    start. A fixed number of queries (attempts, result, enrolment, and the course unless
    given), whatever the number of questions or attempts; nothing about the questions."""
    from .services import attempt_close, attempt_is_overdue

    if quiz.pk is None:  # the preview of a quiz not saved yet
        return {"quiz": quiz, "attempts": [], "can_start": False, "attempts_left": None}
    canonical = canonical_quiz(quiz)
    attempts = list(Attempt.objects.filter(user=user, quiz=canonical).order_by("number"))
    now = timezone.now()
    for attempt in attempts:
        # One the learner left when time ran out is closed (and graded) now.
        if attempt.state == AttemptState.IN_PROGRESS and attempt_is_overdue(attempt, now=now):
            attempt.quiz, attempt.user = canonical, user
            attempt_close(attempt=attempt, state=AttemptState.EXPIRED)
    open_attempt = next((a for a in attempts if a.state == AttemptState.IN_PROGRESS), None)
    result = QuizResult.objects.filter(user=user, quiz=canonical).first()
    course = course or courses_api.course_of(quiz)
    enrolment = courses_api.enrolment_for(user=user, course=course) if course else None
    left = attempts_left(quiz=canonical, used=len(attempts))
    closed = _closed(canonical, result, left)
    for attempt in attempts:
        window = review_window(attempt=attempt, closed=closed, now=now)
        attempt.show_score = ReviewItem.SCORE in canonical.review_items(window)
    from .services import result_attempt

    counted = result_attempt(attempts, canonical.grading_method)
    return {
        "quiz": canonical,
        "course": course,
        "attempts": attempts,
        "open_attempt": open_attempt,
        "result": result,
        "show_result_score": counted is not None and counted.show_score,
        "enrolment": enrolment,
        "attempts_left": left,
        "can_start": enrolment is not None and open_attempt is None and left != 0,
    }


def _closed(quiz: QuizPage, result: QuizResult | None, left: int | None) -> bool:
    """The quiz is over for the learner: passed, or no attempts left."""
    return bool(result and result.passed) or left == 0


def review_immediate_period() -> timedelta:
    """How long after submitting the review is "immediately after the attempt"."""
    return timedelta(seconds=getattr(settings, "QUIZ_REVIEW_IMMEDIATE_SECONDS", 120))


def review_window(*, attempt: Attempt, closed: bool, now=None) -> str:
    """The review window `attempt` is in at `now` (see `ReviewWindow`)."""
    if attempt.state == AttemptState.IN_PROGRESS:
        return ReviewWindow.DURING
    now = now or timezone.now()
    if attempt.submitted_at is not None and now - attempt.submitted_at <= (
        review_immediate_period()
    ):
        return ReviewWindow.IMMEDIATELY
    return ReviewWindow.CLOSED if closed else ReviewWindow.OPEN


def attempt_for_user(*, attempt_id: int, user) -> Attempt:
    from django.shortcuts import get_object_or_404

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


def _is_answered(response) -> bool:
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
        else:
            item.value = response or ""
        item.answered = _is_answered(aq.response)
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
        SummaryRow(number=number, page=page, answered=_is_answered(response))
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


def review_context(*, attempt: Attempt, now=None) -> dict[str, Any]:
    """The result page: what the quiz's review options allow in the window the attempt is
    in now (see `ReviewWindow`), enforced here so that no template can show more."""
    quiz = attempt.quiz
    used = Attempt.objects.filter(user_id=attempt.user_id, quiz=quiz).count()
    result = QuizResult.objects.filter(user_id=attempt.user_id, quiz=quiz).first()
    closed = _closed(quiz, result, attempts_left(quiz=quiz, used=used))
    window = review_window(attempt=attempt, closed=closed, now=now)
    items = quiz.review_items(window)
    allow = {item: item in items for item in ReviewItem.values}
    questions = []
    if allow["response"] or allow["correct"] or allow["feedback"]:
        attempt_questions = list(
            AttemptQuestion.objects.filter(attempt=attempt)
            .select_related("version")
            .order_by("slot")
        )
        questions = shown_questions(attempt_questions)
        for item, aq in zip(questions, attempt_questions, strict=True):
            _fill_review(item, aq, allow)
    left = attempts_left(quiz=quiz, used=used)
    return {
        "attempt": attempt,
        "quiz": attempt.served_from or quiz,
        "allow": allow,
        "window": window,
        "questions": questions,
        "result": result,
        "pass_mark": quiz.pass_mark,
        "attempts_left": left,
        "closed": closed,
        "tally": _tally(attempt) if allow["marks"] else None,
    }


@dataclass
class Tally:
    """How many questions of an attempt were right, partly right and wrong (shown only
    where the review may show the marks per question)."""

    right: int = 0
    partly: int = 0
    wrong: int = 0


def _tally(attempt: Attempt) -> Tally:
    tally = Tally()
    for fraction in AttemptQuestion.objects.filter(attempt=attempt).values_list(
        "fraction", flat=True
    ):
        if fraction is None:  # not graded (yet)
            continue
        if fraction >= 1:
            tally.right += 1
        elif fraction > 0:
            tally.partly += 1
        else:
            tally.wrong += 1
    return tally


def result_context(*, attempt: Attempt, user, request=None) -> dict[str, Any]:
    """The result page: the review (`review_context`, which decides what may be shown),
    and the ways on: another attempt while the quiz is not over for the learner, the next
    step of the course or the course itself, and the certificate once the course is
    completed. Personal: never cached in a shared entry."""
    from courses.selectors import lesson_context_for

    context = review_context(attempt=attempt)
    page = context["quiz"]
    course = courses_api.course_of(page)
    position = (
        lesson_context_for(lesson=page, user=user, request=request, course=course)
        if course is not None
        else {}
    )
    enrolment = position.get("enrolment")
    open_attempt = Attempt.objects.filter(
        user=user, quiz=attempt.quiz, state=AttemptState.IN_PROGRESS
    ).exists()
    context.update(
        course=course,
        following_step=position.get("following_step"),
        enrolment=enrolment,
        can_retry=enrolment is not None
        and not open_attempt
        and not context["closed"]
        and context["attempts_left"] != 0,
    )
    return context


def _fill_review(item: ShownQuestion, aq: AttemptQuestion, allow: dict[str, bool]) -> None:
    question = aq.content
    if not allow["response"]:
        for choice in item.choices:
            choice.selected = False
        for prompt in item.prompts:
            prompt.position = None
        item.value = ""
    if allow["marks"]:
        item.fraction = aq.fraction
        item.marks_obtained = aq.marks_obtained
    if allow["correct"]:
        key = correct_response(question)
        options = {o.pk: o for o in question.options.all()}
        if question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            right = {key} if question.kind == QuestionKind.SINGLE else set(key or [])
            tokens = answer_tokens(aq)
            right_tokens = {tokens.to_token.get((OPTION, pk)) for pk in right}
            for choice in item.choices:
                choice.correct = choice.id in right_tokens
        elif question.kind == QuestionKind.TRUE_FALSE:
            item.correct_text = "true" if key else "false"
        elif question.kind == QuestionKind.MATCHING:
            item.correct_text = "; ".join(
                f"{options[int(pk)].text} → {match}" for pk, match in key.items()
            )
        elif question.kind == QuestionKind.ORDERING:
            item.correct_text = " → ".join(options[pk].text for pk in key)
        elif question.kind == QuestionKind.NUMERIC:
            number = format(key.normalize(), "f")
            tolerance = format(question.numeric_tolerance.normalize(), "f")
            item.correct_text = f"{number} ± {tolerance}"
        elif question.kind == QuestionKind.SHORT_TEXT:
            item.correct_text = " / ".join(key)
    if allow["feedback"]:
        item.feedback = feedback_for(question, aq.response)
        item.general_feedback = question.general_feedback

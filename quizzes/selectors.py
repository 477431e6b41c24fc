"""Reads for quizzes: what a learner sees of a quiz, of an attempt, and of its review.

What reaches a learner's browser while an attempt is open is built here, from the
question's text and its options' text only: fractions, keys and feedback are never put in
the context of an open attempt, so no template can leak them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from wagtail.models import Page

from courses import api as courses_api

from .grading import correct_response, feedback_for, prompts_of
from .models import (
    Attempt,
    AttemptQuestion,
    AttemptState,
    QuestionKind,
    QuizPage,
    QuizResult,
    ReviewWhen,
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


def quiz_overview_for(*, quiz: QuizPage, user, request=None) -> dict[str, Any]:
    from .services import attempts_close_overdue

    if quiz.pk is None:  # the preview of a quiz not saved yet
        return {"quiz": quiz, "attempts": [], "can_start": False, "attempts_left": None}
    canonical = canonical_quiz(quiz)
    attempts_close_overdue(user=user, quiz=canonical)
    attempts = list(Attempt.objects.filter(user=user, quiz=canonical).order_by("number"))
    open_attempt = next((a for a in attempts if a.state == AttemptState.IN_PROGRESS), None)
    result = QuizResult.objects.filter(user=user, quiz=canonical).first()
    course = courses_api.course_of(quiz)
    enrolment = courses_api.enrolment_for(user=user, course=course) if course else None
    left = attempts_left(quiz=canonical, used=len(attempts))
    for attempt in attempts:
        attempt.show_score = review_allows(
            canonical.review_score, attempt=attempt, closed=_closed(canonical, result, left)
        )
    return {
        "quiz": canonical,
        "course": course,
        "attempts": attempts,
        "open_attempt": open_attempt,
        "result": result,
        "enrolment": enrolment,
        "attempts_left": left,
        "can_start": enrolment is not None and open_attempt is None and left != 0,
    }


def _closed(quiz: QuizPage, result: QuizResult | None, left: int | None) -> bool:
    """The quiz is over for the learner: passed, or no attempts left."""
    return bool(result and result.passed) or left == 0


def review_allows(when: str, *, attempt: Attempt, closed: bool) -> bool:
    if attempt.state == AttemptState.IN_PROGRESS or when == ReviewWhen.NEVER:
        return False
    if when == ReviewWhen.AFTER_ATTEMPT:
        return True
    return closed


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
    id: int
    text: str
    selected: bool = False
    correct: bool | None = None
    position: int | None = None


@dataclass
class ShownQuestion:
    """A question as the learner sees it: text and options only, unless `review` fills the
    rest."""

    id: int
    number: int
    kind: str
    text: str
    marks: Any
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


def shown_questions(questions: list[AttemptQuestion], *, first_number: int = 1):
    """The attempt's questions for the answering form (nothing that reveals the key)."""
    shown, previous_scenario = [], None
    for offset, aq in enumerate(questions):
        question = aq.content  # the version the attempt started with
        options = {o.pk: o for o in question.options.all()}
        response = aq.response
        item = ShownQuestion(
            id=aq.pk,
            number=first_number + offset,
            kind=question.kind,
            text=question.text,
            marks=aq.marks,
        )
        if aq.scenario_id and aq.scenario_id != previous_scenario:
            vignette = question.scenario  # as the sub-question's version froze it
            item.scenario_text = vignette.text
            item.scenario_case = vignette.case if vignette.case_id else None
        previous_scenario = aq.scenario_id
        if question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            chosen = set(response or []) if question.kind == QuestionKind.MULTIPLE else {response}
            item.choices = [
                Choice(id=pk, text=options[pk].text, selected=pk in chosen)
                for pk in aq.option_order
                if pk in options
            ]
        elif question.kind == QuestionKind.TRUE_FALSE:
            item.value = "" if response is None else ("true" if response else "false")
        elif question.kind == QuestionKind.MATCHING:
            response = response or {}
            item.choices = [
                Choice(id=pk, text=options[pk].match_text)
                for pk in aq.option_order
                if pk in options
            ]
            item.prompts = [
                Choice(id=p.pk, text=p.text, position=response.get(str(p.pk)))
                for p in prompts_of(question)
            ]
        elif question.kind == QuestionKind.ORDERING:
            response = response or {}
            item.prompts = [
                Choice(id=pk, text=options[pk].text, position=response.get(str(pk)))
                for pk in aq.option_order
                if pk in options
            ]
            item.choices = [Choice(id=n, text=str(n)) for n in range(1, len(item.prompts) + 1)]
        else:
            item.value = response or ""
        item.answered = response not in (None, "", [], {})
        shown.append(item)
    return shown


def attempt_page_context(*, attempt: Attempt, page: int, pages=None) -> dict[str, Any]:
    pages = pages if pages is not None else attempt_pages(attempt)
    questions = attempt_questions_on_page(attempt=attempt, page=page)
    first_number = (
        AttemptQuestion.objects.filter(attempt=attempt, page__lt=page).count() + 1
        if page > 1
        else 1
    )
    return {
        "attempt": attempt,
        "quiz": attempt.served_from or attempt.quiz,
        "page_number": page,
        "pages": pages,
        "is_last_page": page == pages[-1] if pages else True,
        "questions": shown_questions(questions, first_number=first_number),
        "attempt_questions": questions,
    }


def review_context(*, attempt: Attempt) -> dict[str, Any]:
    """The result page: score, answers, correct answers and feedback as the quiz's review
    policy allows at this moment."""
    quiz = attempt.quiz
    used = Attempt.objects.filter(user_id=attempt.user_id, quiz=quiz).count()
    result = QuizResult.objects.filter(user_id=attempt.user_id, quiz=quiz).first()
    closed = _closed(quiz, result, attempts_left(quiz=quiz, used=used))
    allow = {
        name: review_allows(getattr(quiz, f"review_{name}"), attempt=attempt, closed=closed)
        for name in ("score", "responses", "correct", "feedback")
    }
    questions = []
    if allow["responses"] or allow["correct"] or allow["feedback"]:
        attempt_questions = list(
            AttemptQuestion.objects.filter(attempt=attempt)
            .select_related("version")
            .order_by("slot")
        )
        questions = shown_questions(attempt_questions)
        for item, aq in zip(questions, attempt_questions, strict=True):
            _fill_review(item, aq, allow)
    return {
        "attempt": attempt,
        "quiz": attempt.served_from or quiz,
        "allow": allow,
        "questions": questions,
        "result": result,
    }


def _fill_review(item: ShownQuestion, aq: AttemptQuestion, allow: dict[str, bool]) -> None:
    question = aq.content
    if not allow["responses"]:
        for choice in item.choices:
            choice.selected = False
        for prompt in item.prompts:
            prompt.position = None
        item.value = ""
    if allow["score"] or allow["correct"]:
        item.fraction = aq.fraction
        item.marks_obtained = aq.marks_obtained
    if allow["correct"]:
        key = correct_response(question)
        options = {o.pk: o for o in question.options.all()}
        if question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            right = {key} if question.kind == QuestionKind.SINGLE else set(key or [])
            for choice in item.choices:
                choice.correct = choice.id in right
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

"""Reads for a closed attempt: the review (what the quiz's review options allow in the
window the attempt is in now, enforced here so that no template can show more) and the
result page around it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.utils import timezone

from courses import api as courses_api

from ..canonical import canonical_quiz
from ..cloze_pages import cloze_review_fill
from ..forms import OPTION, answer_tokens
from ..grading import correct_response, feedback_for
from ..models.attempts import Attempt, AttemptQuestion, QuizResult
from ..models.choices import AttemptState, QuestionKind, ReviewItem, ReviewWindow
from .attempt_pages import ShownQuestion, shown_questions
from .essays import essay_grades_latest, essays_waiting

if TYPE_CHECKING:
    from ..models.pages import QuizPage


def attempts_left(*, quiz: QuizPage, used: int) -> int | None:
    """None: unlimited."""
    if not quiz.attempts_allowed:
        return None
    return max(0, quiz.attempts_allowed - used)


def quiz_closed(quiz: QuizPage, result: QuizResult | None, left: int | None) -> bool:
    """The quiz is over for the learner: passed, or no attempts left."""
    return bool(result and result.passed) or left == 0


def quiz_standing(*, quiz: QuizPage, user) -> dict[str, Any]:
    """Where a learner stands on a quiz, read only (nothing is closed or graded): attempts
    left (None: unlimited) and whether they passed. Two queries, three for a translation."""
    canonical = canonical_quiz(quiz)
    used = Attempt.objects.filter(user=user, quiz=canonical).count()
    result = QuizResult.objects.filter(user=user, quiz=canonical).first()
    left = attempts_left(quiz=canonical, used=used)
    return {
        "attempts_left": left,
        "passed": bool(result and result.passed),
        "closed": quiz_closed(canonical, result, left),
    }


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


def review_context(*, attempt: Attempt, now=None) -> dict[str, Any]:
    """The result page: what the quiz's review options allow in the window the attempt is
    in now (see `ReviewWindow`), enforced here so that no template can show more."""
    quiz = attempt.quiz
    used = Attempt.objects.filter(user_id=attempt.user_id, quiz=quiz).count()
    result = QuizResult.objects.filter(user_id=attempt.user_id, quiz=quiz).first()
    closed = quiz_closed(quiz, result, attempts_left(quiz=quiz, used=used))
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
        grades = _essay_grades(attempt_questions)
        for item, aq in zip(questions, attempt_questions, strict=True):
            _fill_review(item, aq, allow)
            if item.essay is not None:
                _fill_essay_review(item, aq, allow, grades.get(aq.pk))
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
        "essays_waiting": (
            essays_waiting().filter(attempt=attempt).count()
            if attempt.is_waiting_for_grading
            else 0
        ),
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
    context = review_context(attempt=attempt)
    page = context["quiz"]
    course = courses_api.course_of(page)
    position = (
        courses_api.lesson_context_for(lesson=page, user=user, request=request, course=course)
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
    if question.kind == QuestionKind.CLOZE:  # per gap (its feedback too)
        cloze_review_fill(item.gaps, question, aq.response, allow)
        if allow["marks"]:
            item.fraction = aq.fraction
            item.marks_obtained = aq.marks_obtained
        if allow["feedback"]:
            item.general_feedback = question.general_feedback
        return
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


# --- Essays ---------------------------------------------------------------------------------


def _essay_grades(attempt_questions: list[AttemptQuestion]) -> dict:
    ids = [aq.pk for aq in attempt_questions if aq.content.kind == QuestionKind.ESSAY]
    return essay_grades_latest(attempt_question_ids=ids) if ids else {}


def _fill_essay_review(item: ShownQuestion, aq: AttemptQuestion, allow, grade) -> None:
    """An essay in the review: the learner's own text (never the response template),
    whether it waits for a grade, the rubric points with the marks and the trainer's
    feedback with the feedback, as the review options allow."""
    if not aq.response:
        item.value = ""
    item.essay.waiting = aq.fraction is None and bool(aq.response)
    if grade is not None:
        item.essay.graded = True
        if allow["marks"]:
            item.essay.rubric = grade.rubric
        if allow["feedback"]:
            item.essay.feedback = grade.feedback

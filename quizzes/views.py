"""The learner's side of quizzes: start, answer page by page, review the summary, submit
from it, see the result. Plain HTML forms, no JavaScript needed; the services decide, the
views only route.

Submitting needs a confirmation (WCAG 3.3.4): the attempt pages have Previous, Next and
"Finish attempt…", which saves the page and opens the summary; only the summary's "Submit
all and finish" form carries the `confirm` field the submit view requires."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST

from courses.api import course_is_visible_to, course_of
from home.api import forbidden

from .essays import essay_limit_problem
from .forms import parse_page_responses
from .models import AttemptState, QuizPage
from .selectors import (
    attempt_for_user,
    attempt_page_context,
    attempt_pages,
    attempt_summary_context,
    result_context,
)
from .services import (
    AttemptRefused,
    attempt_close,
    attempt_is_overdue,
    attempt_save_responses,
    attempt_start,
    attempt_submit,
)


def _attempt_url(attempt, page: int) -> str:
    return reverse("quizzes:attempt", args=[attempt.pk]) + f"?page={page}"


def _page_number(request, pages: list[int]) -> int:
    raw = request.GET.get("page", "1")
    number = int(raw) if raw.isdigit() and len(raw) < 5 else 1
    if not pages:
        return 1
    return min(max(number, pages[0]), pages[-1])


@require_POST
@login_required
def start(request, quiz_id: int):
    quiz = get_object_or_404(QuizPage.objects.live(), pk=quiz_id)
    course = course_of(quiz)
    if course is None or not course_is_visible_to(course=course, user=request.user):
        raise Http404
    try:
        attempt = attempt_start(user=request.user, quiz=quiz)
    except AttemptRefused as refusal:
        # A refusal, not a redirect: nothing was started (tests/security's matrix).
        return forbidden(request, reason=str(refusal), back_url=quiz.get_url(request))
    return redirect(_attempt_url(attempt, 1))


@require_http_methods(["GET", "POST"])
@login_required
def attempt(request, attempt_id: int):
    attempt = attempt_for_user(attempt_id=attempt_id, user=request.user)
    if attempt.state != AttemptState.IN_PROGRESS:
        return redirect("quizzes:result", attempt.pk)
    if request.method == "GET" and attempt_is_overdue(attempt):
        attempt_close(attempt=attempt, state=AttemptState.EXPIRED)
        messages.warning(request, _time_ran_out())
        return redirect("quizzes:result", attempt.pk)
    pages = attempt_pages(attempt)
    page = _page_number(request, pages)
    context = attempt_page_context(attempt=attempt, page=page, pages=pages)
    if request.method == "GET":
        return render(request, "quizzes/attempt.html", context)
    try:
        responses = parse_page_responses(
            attempt_questions=context["attempt_questions"], data=request.POST
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return render(request, "quizzes/attempt.html", context, status=400)
    nav = request.POST.get("nav", "next")
    try:
        attempt_save_responses(attempt=attempt, responses=responses)
    except AttemptRefused as refusal:
        messages.warning(request, str(refusal))
        return redirect("quizzes:result", attempt.pk)
    for problem in essay_page_problems(context, responses):  # saved, but said at once
        messages.warning(request, problem)
    if nav in ("finish", "submit"):  # "submit": a page from before the summary existed
        return redirect("quizzes:summary", attempt.pk)
    index = pages.index(page) if page in pages else 0
    if nav == "prev":
        index = max(0, index - 1)
    elif nav == "next":
        index = min(len(pages) - 1, index + 1)
    return redirect(_attempt_url(attempt, pages[index]))


@require_http_methods(["GET"])
@login_required
def summary(request, attempt_id: int):
    """Each question answered or not, links back to its page, and "Submit all and
    finish": the confirmation step before grading."""
    attempt = attempt_for_user(attempt_id=attempt_id, user=request.user)
    if attempt.state != AttemptState.IN_PROGRESS:
        return redirect("quizzes:result", attempt.pk)
    if attempt_is_overdue(attempt):
        attempt_close(attempt=attempt, state=AttemptState.EXPIRED)
        messages.warning(request, _time_ran_out())
        return redirect("quizzes:result", attempt.pk)
    return render(request, "quizzes/summary.html", attempt_summary_context(attempt=attempt))


@require_POST
@login_required
def submit(request, attempt_id: int):
    """Grade the attempt, only from the summary's form (it carries `confirm`)."""
    attempt = attempt_for_user(attempt_id=attempt_id, user=request.user)
    if attempt.state != AttemptState.IN_PROGRESS:
        return redirect("quizzes:result", attempt.pk)
    if request.POST.get("confirm") != "1" and not attempt_is_overdue(attempt):
        messages.error(
            request,
            gettext(
                "The attempt was not submitted: check your answers below, then choose "
                "“Submit all and finish”."
            ),
        )
        return redirect("quizzes:summary", attempt.pk)
    try:
        attempt = attempt_submit(attempt=attempt)
    except AttemptRefused as refusal:  # an essay outside its word limits
        messages.error(request, str(refusal))
        return redirect("quizzes:summary", attempt.pk)
    if attempt.state == AttemptState.EXPIRED:
        messages.warning(request, _time_ran_out())
    return redirect("quizzes:result", attempt.pk)


@login_required
def result(request, attempt_id: int):
    attempt = attempt_for_user(attempt_id=attempt_id, user=request.user)
    if attempt.state == AttemptState.IN_PROGRESS:
        if not attempt_is_overdue(attempt):
            return redirect(_attempt_url(attempt, 1))
        attempt_close(attempt=attempt, state=AttemptState.EXPIRED)
    return render(
        request,
        "quizzes/result.html",
        result_context(attempt=attempt, user=request.user, request=request),
    )


def essay_page_problems(context, responses) -> list[str]:
    """The essays of the page just saved that are outside their word limits."""
    shown = {q.field: q.number for q in context["questions"]}
    return [
        problem
        for aq in context["attempt_questions"]
        if (
            problem := essay_limit_problem(
                aq.content, responses.get(aq.pk), number=shown.get(f"q{aq.slot}")
            )
        )
    ]


def _time_ran_out() -> str:
    return gettext("Time ran out: the attempt was closed with the answers you had saved.")

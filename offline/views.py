"""The offline app's JSON endpoints (a course's copy, the saved courses' status, the
synchronisation of what was done offline) and the placeholder of a quiz saved with a
course. Signed-in learners only; nothing here may be kept by a browser's HTTP cache."""

from __future__ import annotations

from functools import wraps

from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from wagtail.models import Page

from courses import api as courses_api
from quizzes import api as quizzes_api

from .copy import CopyNotFound, copy_of, course_for_copy, course_versions, courses_kept_offline
from .sync import SyncRequestInvalid, learner_token, records_apply, records_parse


def _no_store(response):
    response["Cache-Control"] = "no-store"
    return response


def learner_only(view):
    """Signed-in people only: anonymous gets a 403 in JSON (the device's script reads it),
    never a redirect to the sign-in page. Every answer is marked no-store."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return _no_store(JsonResponse({"error": _("Sign in first.")}, status=403))
        return _no_store(view(request, *args, **kwargs))

    return wrapped


@require_GET
@learner_only
def course_copy(request, course_id: int):
    """What the device stores to read the course offline (offline.copy)."""
    try:
        course = course_for_copy(user=request.user, course_id=course_id)
    except CopyNotFound as reason:
        return JsonResponse({"error": str(reason)}, status=404)
    return JsonResponse(copy_of(course=course, request=request))


@require_GET
@learner_only
def status(request):
    """The version of every course the learner may keep offline now, by its id (and by the
    id of its translation the learner reads): a saved copy missing here is removed, one
    whose version differs is refreshed. `learner` names the signed-in learner without saying
    who they are: a device keeps each copy and queued record with it, and never sends one
    learner's records, nor keeps their copies, under another learner's account."""
    courses = courses_kept_offline(user=request.user)
    versions = course_versions(courses)
    found = {}
    for course in courses:
        version = versions[course.canonical.pk]
        found[str(course.canonical.pk)] = version
        found[str(course.shown.pk)] = version
    return JsonResponse({"courses": found, "learner": learner_token(request.user)})


@require_POST
@learner_only
def sync(request):
    """ "Mark as done" records made offline: applied in order, each once (offline.sync)."""
    if request.content_type != "application/json":
        return JsonResponse({"error": _("Send the records as JSON.")}, status=400)
    try:
        records = records_parse(request.body)
    except SyncRequestInvalid as problem:
        return JsonResponse({"error": str(problem)}, status=400)
    results = records_apply(user=request.user, records=records)
    return JsonResponse({"results": [r.as_json() for r in results]})


def _quiz_step(page_id: int):
    page = Page.objects.live().filter(pk=page_id).first()
    if page is None:
        return None
    page = page.specific
    if not any(
        isinstance(page, model) and model is not courses_api.LessonPage
        for model in courses_api.STEP_MODELS
    ):
        return None
    return page


@require_GET
@learner_only
def quiz_placeholder(request, page_id: int):
    """Stored in place of a quiz page: quizzes need a connection; when the learner can
    take this one."""
    quiz = _quiz_step(page_id)
    course = courses_api.course_of(quiz) if quiz else None
    if (
        course is None
        or not course.live
        or not courses_api.course_is_visible_to(course=course, user=request.user)
    ):
        raise Http404
    enrolment = courses_api.enrolment_for(user=request.user, course=course)
    standing = (
        quizzes_api.quiz_standing(quiz=quiz, user=request.user)
        if isinstance(quiz, quizzes_api.QuizPage)
        else {"attempts_left": None, "passed": False, "closed": False}
    )
    return render(
        request,
        "offline/quiz_offline.html",
        {"quiz": quiz, "course": course, "enrolment": enrolment, "standing": standing},
    )

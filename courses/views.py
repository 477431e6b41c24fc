from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Page

from pagecache.api import personal_response, versions
from serbian.api import for_reader

from .models import CoursePage, Enrolment, LessonPage
from .selectors import (
    course_is_visible_to,
    course_of,
    current_enrolment,
    my_learning_dashboard,
)
from .services import enrolment_create, enrolment_restart, step_complete

# Every page is below the root page: its counter moves with any published change.
ROOT_PATH = "0001"


@login_required
def learning_dashboard(request):
    """My learning, cached for its learner until their enrolments, progress or
    certificates change, or any published page does (titles, recommendations)."""
    return personal_response(
        request=request,
        template="courses/my_learning.html",
        dependencies={versions.GLOBAL, versions.tree(ROOT_PATH)},
        context_for=lambda: my_learning_dashboard(user=request.user),
    )


@require_POST
@login_required
def enrol(request, course_id: int):
    course = get_object_or_404(CoursePage.objects.live(), pk=course_id)
    if not course_is_visible_to(course=course, user=request.user):
        raise PermissionDenied
    try:
        _enrolment, created = enrolment_create(user=request.user, course=course)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(course.get_url(request))
    if created:
        messages.success(request, _("You are enrolled. Start with the first lesson."))
    return redirect(course.get_url(request))


@require_POST
@login_required
def step_done(request, page_id: int):
    """ "Mark as done": records the step and goes on to the next one."""
    page = get_object_or_404(Page.objects.live(), pk=page_id).specific
    if not isinstance(page, LessonPage):
        raise PermissionDenied  # quizzes are done by passing them, not by a click
    course = course_of(page)
    if course is None or not course_is_visible_to(course=course, user=request.user):
        raise PermissionDenied
    enrolment = current_enrolment(user=request.user, course=course)
    if enrolment is None:
        messages.error(request, _("Enrol in the course first to record your progress."))
        return redirect(page.get_url(request))
    course_completed = step_complete(enrolment=enrolment, page=page)
    if request.headers.get("Accept") == "application/json":
        return JsonResponse({"step_done": True, "course_completed": course_completed})
    if course_completed:
        messages.success(request, _("Congratulations: you have completed the course."))
    else:
        # Without JavaScript the learner lands on the next lesson: say that this one counted.
        messages.success(
            request, _("“%(lesson)s” is marked as done.") % {"lesson": for_reader(page.title)}
        )
    next_url = request.POST.get("next", "")
    if next_url and url_has_allowed_host_and_scheme(next_url, {request.get_host()}):
        return redirect(next_url)
    return redirect(course.get_url(request))


@require_POST
@login_required
def restart(request, enrolment_id: int):
    enrolment = get_object_or_404(
        Enrolment, pk=enrolment_id, user=request.user, archived_at__isnull=True
    )
    if not enrolment.completed_at:
        messages.error(request, _("Only a completed course can be taken again."))
    else:
        enrolment_restart(enrolment=enrolment, user=request.user)
        messages.success(request, _("You are enrolled again. Your earlier completion is kept."))
    return redirect(enrolment.course.get_url(request))

"""Who may see the course reports (progress, learners, trainers) and on which courses.

Used by the report views (courses.reports) and, through `courses.api`, by quizzes' reports.
"""

from __future__ import annotations

from django.db.models import QuerySet
from wagtail.permission_policies.pages import PagePermissionPolicy

from accounts.api import Role

from .canonical import default_locale_id
from .models import CoursePage

REPORT_ROLES = (Role.TRAINER, Role.SENIOR_TRAINER)


def user_may_see_course_reports(user) -> bool:
    """Administrators, trainers and senior trainers (each trainer sees their own courses)."""
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or any(user.has_role(role) for role in REPORT_ROLES)


def user_may_see_course_report(*, user, course: CoursePage) -> bool:
    if not user_may_see_course_reports(user):
        return False
    return user.is_superuser or PagePermissionPolicy(CoursePage).user_has_permission_for_instance(
        user, "change", course
    )


def courses_reported_to(user) -> QuerySet:
    """The courses (in the default locale, where progress is kept) `user` may report on."""
    if not user_may_see_course_reports(user):
        return CoursePage.objects.none()
    if user.is_superuser:
        courses = CoursePage.objects.all()
    else:
        courses = PagePermissionPolicy(CoursePage).instances_user_has_any_permission_for(
            user, {"change"}
        )
    return courses.filter(locale_id=default_locale_id())

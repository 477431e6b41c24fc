"""Who may use the trainers' quiz tools (regrade, item statistics): administrators, and
trainers who may edit the quiz's course (as for course reports)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied

from courses import api as courses_api

if TYPE_CHECKING:
    from .models.pages import QuizPage


def user_may_manage_quiz(*, user, quiz: QuizPage) -> bool:
    """Trainers who may edit the quiz's course, and administrators."""
    course = courses_api.course_of(quiz)
    return course is not None and courses_api.user_may_see_course_report(user=user, course=course)


def ensure_may_manage(*, user, quiz: QuizPage) -> None:
    if not user_may_manage_quiz(user=user, quiz=quiz):
        raise PermissionDenied

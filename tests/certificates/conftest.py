import pytest

from courses.factories import course_with_lessons
from courses.models import LessonPage
from courses.services import enrolment_create, step_complete


def complete_course(*, user, course):
    """Enrol `user` and mark every lesson done, as the learner would (signals included)."""
    enrolment, _created = enrolment_create(user=user, course=course)
    for lesson in LessonPage.objects.descendant_of(course).live().order_by("path"):
        step_complete(enrolment=enrolment, page=lesson)
    enrolment.refresh_from_db()
    return enrolment


@pytest.fixture
def course(db):
    return course_with_lessons(modules=1, lessons=2, title="Prepoznavanje trgovine ljudima")


@pytest.fixture
def completed(learner, course, django_capture_on_commit_callbacks):
    """A learner's completed enrolment; its certificate issued by the course_completed hook."""
    with django_capture_on_commit_callbacks(execute=True):
        enrolment = complete_course(user=learner, course=course)
    return enrolment

"""Query counts for course and lesson pages must not grow with the size of the course."""

import pytest

from courses.factories import course_with_lessons
from courses.models import LessonPage
from courses.services import enrolment_create, step_complete

MAX_QUERIES = 25


def _visit(client, learner, course, django_assert_max_num_queries):
    enrolment, _ = enrolment_create(user=learner, course=course)
    lessons = list(LessonPage.objects.descendant_of(course).order_by("path")[:3])
    for lesson in lessons:
        step_complete(enrolment=enrolment, page=lesson)
    client.force_login(learner)
    client.get(course.url)  # warm per-process caches (content types, site root)
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get(course.url).status_code == 200
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get(lessons[1].url).status_code == 200


@pytest.mark.parametrize("modules,lessons", [(2, 2), (50, 20)])
def test_course_and_lesson_pages_have_a_bounded_number_of_queries(
    client, learner, django_assert_max_num_queries, modules, lessons
):
    course = course_with_lessons(modules=modules, lessons=lessons)
    _visit(client, learner, course, django_assert_max_num_queries)

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import Page

from courses.factories import course_with_lessons
from courses.models import Enrolment, LessonPage
from courses.services import enrolment_create


@pytest.fixture
def course(db):
    """A live course with two modules of two lessons."""
    return course_with_lessons(modules=2, lessons=2, title="Prepoznavanje trgovine ljudima")


@pytest.fixture
def lessons(course):
    """The course's lessons, published 25 days ago."""
    found = LessonPage.objects.descendant_of(course).live().order_by("path")
    Page.objects.filter(pk__in=[p.pk for p in found]).update(
        first_published_at=timezone.now() - timedelta(days=25)
    )
    return list(found.all())


@pytest.fixture
def enrolled(learner, course):
    """The learner, enrolled 20 days ago."""
    enrolment, _created = enrolment_create(user=learner, course=course)
    Enrolment.objects.filter(pk=enrolment.pk).update(
        enrolled_at=timezone.now() - timedelta(days=20)
    )
    enrolment.refresh_from_db()
    return enrolment


@pytest.fixture
def signed_in(client, learner):
    client.force_login(learner)
    return client

import datetime

import pytest
from django.utils import timezone

from accounts.factories import UserFactory
from accounts.models import Role
from courses.factories import CoursePageFactory
from courses.models import Enrolment


def at(day: str) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.fromisoformat(day + " 12:00"))


def enrol(user, course, *, enrolled="2026-01-05", started=None, completed=None, where=None):
    """An enrolment with the given dates; `where` is the completion institution
    (defaults to the learner's current one when completed)."""
    enrolment = Enrolment.objects.create(user=user, course=course)
    Enrolment.objects.filter(pk=enrolment.pk).update(
        enrolled_at=at(enrolled),
        started_at=at(started) if started else (at(completed) if completed else None),
        completed_at=at(completed) if completed else None,
        completion_institution=(where or user.institution) if completed else None,
    )
    enrolment.refresh_from_db()
    return enrolment


@pytest.fixture
def course(db):
    return CoursePageFactory(title="Identifying victims")


@pytest.fixture
def other_course(db):
    return CoursePageFactory(title="Financial investigations")


@pytest.fixture
def people(tree):
    """Six police officers at Vračar, four at Medijana."""
    return {
        "bg": [UserFactory(institution=tree["station_bg"]) for _ in range(6)],
        "ni": [UserFactory(institution=tree["station_ni"]) for _ in range(4)],
    }


@pytest.fixture
def analyst_bg(tree):
    """An analyst of the Belgrade administration who works at the ministry."""
    return UserFactory(
        institution=tree["ministry"], roles=[(Role.MINISTRY_ANALYST, tree["belgrade"])]
    )


@pytest.fixture
def analyst_nis(tree):
    return UserFactory(institution=tree["nis"], roles=[(Role.MINISTRY_ANALYST, tree["nis"])])

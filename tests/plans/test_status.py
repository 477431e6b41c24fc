"""Where people stand: compliant, due, overdue or expired, decided in one query."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.factories import UserFactory
from certificates.models import Certificate
from courses.factories import course_with_lessons
from plans.factories import plan_with
from plans.models import Assignment
from plans.services import plan_apply
from plans.status import COMPLIANT, DUE, EXPIRED, OVERDUE, with_status
from tests.certificates.conftest import complete_course
from trainings.factories import training_with_sessions
from trainings.models import Registration, RegistrationState

pytestmark = pytest.mark.django_db


def _statuses(plan):
    return {
        a.user_id: a.status
        for a in with_status(
            Assignment.objects.filter(plan=plan, closed_at__isnull=True), plan=plan
        )
    }


def test_compliant_due_overdue_and_expired(tree, committed):
    course = course_with_lessons(modules=1, lessons=1, validity_months=36)
    done, due, late, lapsed = (UserFactory(institution=tree["station_bg"]) for _ in range(4))
    plan = plan_with(institutions=[tree["belgrade"]], courses=[course], due_within_days=30)
    plan_apply(plan=plan)
    Assignment.objects.filter(user=late).update(due_at=timezone.now() - timedelta(days=1))
    with committed():
        complete_course(user=done, course=course)
        complete_course(user=lapsed, course=course)
    Certificate.objects.filter(user=lapsed).update(expires_at=timezone.now() - timedelta(days=1))
    assert _statuses(plan) == {
        done.pk: COMPLIANT,
        due.pk: DUE,
        late.pk: OVERDUE,
        lapsed.pk: EXPIRED,
    }


def test_a_revoked_certificate_is_not_compliance(tree, learner, committed):
    course = course_with_lessons(modules=1, lessons=1, validity_months=12)
    plan = plan_with(institutions=[tree["belgrade"]], courses=[course])
    plan_apply(plan=plan)
    with committed():
        complete_course(user=learner, course=course)
    assert _statuses(plan) == {learner.pk: COMPLIANT}
    Certificate.objects.filter(user=learner).update(revoked_at=timezone.now())
    assert _statuses(plan) == {learner.pk: EXPIRED}


def test_every_item_counts_courses_and_trainings(tree, learner, committed):
    course = course_with_lessons(modules=1, lessons=1)
    training = training_with_sessions(sessions=1)
    plan = plan_with(institutions=[tree["belgrade"]], courses=[course], trainings=[training])
    plan_apply(plan=plan)
    with committed():
        complete_course(user=learner, course=course)
    assert _statuses(plan) == {learner.pk: DUE}
    Registration.objects.create(
        training=training,
        user=learner,
        state=RegistrationState.CONFIRMED,
        completed_at=timezone.now(),
    )
    assert _statuses(plan) == {learner.pk: COMPLIANT}


def test_one_query_whatever_the_number_of_people(tree):
    course = course_with_lessons(modules=1, lessons=1, validity_months=12)
    training = training_with_sessions(sessions=1)
    for _ in range(30):
        UserFactory(institution=tree["station_ni"])
    plan = plan_with(institutions=[tree["ministry"]], courses=[course], trainings=[training])
    plan_apply(plan=plan)
    plan = type(plan).objects.get(pk=plan.pk)
    with CaptureQueriesContext(connection) as captured:
        statuses = _statuses(plan)
    assert len(statuses) >= 30
    assert len(captured) == 2  # the plan's items, then the assignments with their status

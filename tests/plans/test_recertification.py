"""Re-certification: before a certificate under a plan expires, the person is enrolled afresh
(in the refresher, if the plan names one), once; the new certificate keeps them compliant
and the old one stays in the history."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from certificates.models import Certificate
from courses.factories import course_with_lessons
from courses.models import Enrolment
from plans.factories import plan_with
from plans.models import Assignment, PlanItem
from plans.recertification import plans_recertify
from plans.services import plan_apply
from plans.status import COMPLIANT, EXPIRED, with_status
from tests.certificates.conftest import complete_course

pytestmark = pytest.mark.django_db


def _status(plan, user):
    open_ = Assignment.objects.filter(plan=plan, user=user, closed_at__isnull=True)
    return with_status(open_, plan=plan).get().status


def _expiring(user, course, days):
    Certificate.objects.filter(user=user, course=course).update(
        expires_at=timezone.now() + timedelta(days=days)
    )


def test_a_certificate_about_to_expire_brings_a_fresh_enrolment_once(tree, learner, committed):
    course = course_with_lessons(modules=1, lessons=1, validity_months=36)
    plan = plan_with(institutions=[tree["belgrade"]], courses=[course], recertify_days_before=60)
    plan_apply(plan=plan)
    with committed():
        first = complete_course(user=learner, course=course)
    assert plans_recertify().people == 0  # valid for three years
    _expiring(learner, course, days=30)
    assert plans_recertify().people == 1
    first.refresh_from_db()
    assert first.archived_at is not None  # kept, not deleted
    current = Enrolment.objects.get(user=learner, course=course, archived_at__isnull=True)
    assert current.completed_at is None and current.source == "plan"
    # Still compliant on the old certificate until it lapses; a second run changes nothing.
    assert _status(plan, learner) == COMPLIANT
    assert plans_recertify().people == 0
    # It lapses before they finish: expired. They finish: a new certificate, compliant.
    Certificate.objects.filter(user=learner).update(expires_at=timezone.now() - timedelta(days=1))
    assert _status(plan, learner) == EXPIRED
    with committed():
        complete_course(user=learner, course=course)
    assert _status(plan, learner) == COMPLIANT
    assert Certificate.objects.filter(user=learner, course=course).count() == 2
    assert plans_recertify().people == 0


def test_the_refresher_is_taken_instead_and_counts(tree, learner, committed):
    course = course_with_lessons(modules=1, lessons=1, validity_months=36, title="Basic")
    refresher = course_with_lessons(modules=1, lessons=1, validity_months=36, title="Refresher")
    plan = plan_with(institutions=[tree["belgrade"]], courses=[], recertify_days_before=60)
    PlanItem.objects.create(plan=plan, course=course, refresher=refresher)
    plan_apply(plan=plan)
    with committed():
        complete_course(user=learner, course=course)
    _expiring(learner, course, days=10)
    assert plans_recertify().people == 1
    assert Enrolment.objects.filter(user=learner, course=refresher, completed_at=None).exists()
    Certificate.objects.filter(user=learner, course=course).update(
        expires_at=timezone.now() - timedelta(days=1)
    )
    assert _status(plan, learner) == EXPIRED
    with committed():
        complete_course(user=learner, course=refresher)
    assert _status(plan, learner) == COMPLIANT


def test_people_outside_the_plan_or_without_recertification_are_left_alone(
    tree, learner, other_learner, committed
):
    course = course_with_lessons(modules=1, lessons=1, validity_months=12)
    plan_apply(plan=plan_with(institutions=[tree["belgrade"]], courses=[course]))
    with committed():
        complete_course(user=learner, course=course)
        complete_course(user=other_learner, course=course)
    _expiring(learner, course, days=5)
    _expiring(other_learner, course, days=5)
    assert plans_recertify().people == 0  # the plan does not re-certify
    plan_apply(
        plan=plan_with(
            name="With recertification",
            institutions=[tree["belgrade"]],
            courses=[course],
            recertify_days_before=30,
        )
    )
    assert plans_recertify().people == 1  # only the learner is in its target
    assert Enrolment.objects.filter(user=other_learner, archived_at__isnull=False).count() == 0


def test_the_daily_command(tree, learner, committed, capsys):
    course = course_with_lessons(modules=1, lessons=1, validity_months=12)
    plan_apply(
        plan=plan_with(institutions=[tree["belgrade"]], courses=[course], recertify_days_before=30)
    )
    with committed():
        complete_course(user=learner, course=course)
    _expiring(learner, course, days=3)
    call_command("recertify_plans")
    assert "1 people enrolled again" in capsys.readouterr().out


def test_re_certification_opens_a_new_assignment_due_at_the_expiry(tree, learner, committed):
    from plans.models import AssignmentClosed

    course = course_with_lessons(modules=1, lessons=1, validity_months=36)
    plan = plan_with(institutions=[tree["belgrade"]], courses=[course], recertify_days_before=60)
    plan_apply(plan=plan)
    with committed():
        complete_course(user=learner, course=course)
    _expiring(learner, course, days=30)
    expires_at = Certificate.objects.get(user=learner).expires_at
    plans_recertify()
    old, new = Assignment.objects.filter(plan=plan, user=learner).order_by("pk")
    assert old.closed_reason == AssignmentClosed.RECERTIFICATION
    assert new.closed_at is None and new.due_at == expires_at
    assert plans_recertify().people == 0
    assert Assignment.objects.filter(plan=plan, user=learner).count() == 2

"""My learning says what plans require of the learner, by when and why; it follows their
assignments at once; it agrees with the managers' view of who stands where; and it never
shows another learner's plans."""

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
from plans.my_learning import my_plans_section
from plans.services import plan_apply
from plans.status import with_status
from tests.certificates.conftest import complete_course

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

URL = "/en/learning/"


def test_the_learner_reads_what_is_required_by_when_and_why(client, tree, learner, other_learner):
    course = course_with_lessons(modules=1, lessons=1, title="Identification of victims")
    plan = plan_with(
        name="Border police: identification",
        institutions=[tree["belgrade"]],
        courses=[course],
        due_within_days=30,
    )
    plan.description = "Required by the Ministry of Interior's instruction 12/2026."
    plan.save()
    client.force_login(learner)
    assert "Border police: identification" not in client.get(URL).content.decode()
    plan_apply(plan=plan)  # the cached page follows at once
    html = client.get(URL).content.decode()
    assert "Required of you" in html
    assert "Border police: identification" in html
    assert "instruction 12/2026" in html
    assert "Due by" in html and "to do" in html
    client.force_login(other_learner)
    assert "Border police: identification" not in client.get(URL).content.decode()


def test_the_learners_view_agrees_with_the_managers(tree, committed):
    course = course_with_lessons(modules=1, lessons=1, validity_months=24)
    other = course_with_lessons(modules=1, lessons=1)
    people = [UserFactory(institution=tree["station_bg"]) for _ in range(4)]
    plan = plan_with(institutions=[tree["belgrade"]], courses=[course, other])
    plan_apply(plan=plan)
    done, half, lapsed, late = people
    with committed():
        for person in (done, lapsed):
            complete_course(user=person, course=course)
            complete_course(user=person, course=other)
        complete_course(user=half, course=course)
    Certificate.objects.filter(user=lapsed, course=course).update(
        expires_at=timezone.now() - timedelta(days=1)
    )
    Assignment.objects.filter(user=late).update(due_at=timezone.now() - timedelta(days=2))
    managers = {
        a.user_id: a.status for a in with_status(Assignment.objects.filter(plan=plan), plan=plan)
    }
    for person in people:
        (entry,) = my_plans_section(person).context["plans"]
        assert entry["status"] == managers[person.pk], person
    assert sorted(managers.values()) == ["compliant", "due", "expired", "overdue"]


def test_a_bounded_number_of_queries_whatever_the_number_of_plans(tree, learner):
    def queries(plans):
        for number in range(plans):
            course = course_with_lessons(modules=1, lessons=1)
            plan_apply(plan=plan_with(name=f"Plan {number}", people=[learner], courses=[course]))
        with CaptureQueriesContext(connection) as captured:
            section = my_plans_section(learner)
        assert len(section.context["plans"]) >= plans
        return len(captured)

    assert queries(1) == queries(3)


def test_an_ended_plan_is_not_shown(tree, learner):
    from plans.services import plan_end

    course = course_with_lessons(modules=1, lessons=1)
    plan = plan_with(institutions=[tree["belgrade"]], courses=[course])
    plan_apply(plan=plan)
    assert my_plans_section(learner) is not None
    plan_end(plan=plan, by=None)
    assert my_plans_section(learner) is None

"""A plan is a rule: people who join its target are assigned on the spot with their own due
date and enrolled; people who leave it keep what they did, and their assignment is closed,
never deleted."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.factories import UserFactory
from accounts.models import Profession
from accounts.services import user_move_institution
from courses.factories import course_with_lessons
from courses.models import Enrolment
from plans.factories import plan_with
from plans.models import Assignment, AssignmentClosed, AssignmentReason, PlanRun, PlanRunStatus
from plans.services import INLINE_PEOPLE, plan_apply, plan_end

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(db):
    return course_with_lessons(modules=1, lessons=1, title="Identifikacija žrtava")


def test_a_subtree_plan_assigns_and_enrols_its_people_only(tree, learner, other_learner, course):
    plan = plan_with(institutions=[tree["belgrade"]], courses=[course], due_within_days=30)
    change = plan_apply(plan=plan)
    assert change.assigned == 1 and change.enrolled == 1
    assignment = Assignment.objects.get(plan=plan)
    assert assignment.user == learner
    assert assignment.reason == AssignmentReason.RULE
    assert abs(assignment.due_at - (timezone.now() + timedelta(days=30))) < timedelta(minutes=1)
    enrolment = Enrolment.objects.get(user=learner, course=course)
    assert enrolment.source == "plan"
    assert not Enrolment.objects.filter(user=other_learner).exists()
    # Applying again changes nothing.
    again = plan_apply(plan=plan)
    assert (again.assigned, again.closed, again.enrolled) == (0, 0, 0)


def test_a_due_date_is_the_end_of_that_day(tree, learner, course):
    plan = plan_with(institutions=[tree["belgrade"]], courses=[course], due_date=date(2027, 6, 30))
    plan_apply(plan=plan)
    due = timezone.localtime(Assignment.objects.get().due_at)
    assert (due.date(), due.hour, due.minute) == (date(2027, 6, 30), 23, 59)


def test_moving_out_closes_moving_back_opens_a_new_one(tree, learner, course, committed):
    plan = plan_with(institutions=[tree["belgrade"]], courses=[course])
    plan_apply(plan=plan)
    with committed():
        user_move_institution(user=learner, institution=tree["station_ni"])
    first = Assignment.objects.get(plan=plan, user=learner)
    assert first.closed_at is not None and first.closed_reason == AssignmentClosed.LEFT_TARGET
    # What they did stays.
    assert Enrolment.objects.filter(user=learner, course=course).exists()
    with committed():
        user_move_institution(user=learner, institution=tree["station_bg"])
    assert Assignment.objects.filter(plan=plan, user=learner).count() == 2
    assert Assignment.objects.filter(plan=plan, user=learner, closed_at__isnull=True).count() == 1


def test_a_new_account_in_the_target_is_assigned_on_the_spot(tree, course, committed):
    plan = plan_with(institutions=[tree["nis"]], courses=[course])
    with committed():
        newcomer = UserFactory(institution=tree["station_ni"])
    assert Assignment.objects.filter(plan=plan, user=newcomer, closed_at__isnull=True).exists()
    assert Enrolment.objects.filter(user=newcomer, course=course).exists()


def test_a_change_of_profession_moves_people_in_and_out(tree, learner, course, committed):
    plan = plan_with(professions=[Profession.PROSECUTOR], courses=[course])
    plan_apply(plan=plan)
    assert not Assignment.objects.filter(plan=plan).exists()
    learner.profession = Profession.PROSECUTOR
    with committed():
        learner.save()
    assert Assignment.objects.filter(plan=plan, user=learner, closed_at__isnull=True).exists()
    learner.profession = Profession.JUDGE
    with committed():
        learner.save(update_fields=["profession"])
    assert not Assignment.objects.filter(plan=plan, user=learner, closed_at__isnull=True).exists()


def test_a_sign_in_does_not_re_evaluate_plans(tree, learner, course, committed):
    plan = plan_with(institutions=[tree["belgrade"]], courses=[course])
    learner.last_login = timezone.now()
    with committed():
        learner.save(update_fields=["last_login"])
    assert not Assignment.objects.filter(plan=plan).exists()  # no rule ran


def test_institution_and_profession_combine(tree, learner, course):
    judge_bg = UserFactory(institution=tree["station_bg"], profession=Profession.JUDGE)
    plan = plan_with(
        institutions=[tree["belgrade"]], professions=[Profession.JUDGE], courses=[course]
    )
    plan_apply(plan=plan)
    assert list(Assignment.objects.values_list("user_id", flat=True)) == [judge_bg.pk]


def test_a_managers_plan_never_reaches_outside_their_subtree(tree, learner, other_learner, course):
    """Named people and professions outside the plan's institution are left out."""
    plan = plan_with(
        owner=tree["belgrade"],
        professions=[Profession.POLICE_OFFICER],
        people=[other_learner],
        courses=[course],
    )
    plan_apply(plan=plan)
    assert list(Assignment.objects.values_list("user_id", flat=True)) == [learner.pk]


def test_named_people_are_assigned_as_named(tree, learner, other_learner, course):
    plan = plan_with(people=[other_learner], courses=[course])
    plan_apply(plan=plan)
    assignment = Assignment.objects.get()
    assert assignment.user == other_learner and assignment.reason == AssignmentReason.NAMED


def test_two_plans_one_course_one_enrolment(tree, learner, course):
    first = plan_with(institutions=[tree["belgrade"]], courses=[course])
    second = plan_with(name="All police", professions=[Profession.POLICE_OFFICER], courses=[course])
    plan_apply(plan=first)
    plan_apply(plan=second)
    assert Assignment.objects.filter(user=learner).count() == 2
    assert Enrolment.objects.filter(user=learner, course=course).count() == 1


def test_ending_a_plan_closes_its_assignments_and_keeps_enrolments(
    tree, learner, administrator, course
):
    plan = plan_with(institutions=[tree["belgrade"]], courses=[course])
    plan_apply(plan=plan)
    change = plan_end(plan=plan, by=administrator)
    assert change.closed == 1
    assert Assignment.objects.get().closed_reason == AssignmentClosed.PLAN_ENDED
    assert Enrolment.objects.filter(user=learner).exists()


def test_a_closed_account_leaves_every_plan(tree, learner, course, committed):
    plan = plan_with(institutions=[tree["belgrade"]], courses=[course])
    plan_apply(plan=plan)
    learner.is_active = False
    with committed():
        learner.save(update_fields=["is_active"])
    assert Assignment.objects.get(plan=plan).closed_at is not None


def test_a_bulk_import_is_followed_in_the_background_with_a_record(tree, course, committed):
    from accounts.api import people_changes_batched

    plan = plan_with(institutions=[tree["nis"]], courses=[course])
    with committed(), people_changes_batched():
        people = [UserFactory(institution=tree["station_ni"]) for _ in range(INLINE_PEOPLE + 1)]
    run = PlanRun.objects.get()
    assert run.status == PlanRunStatus.DONE and run.plan is None
    assert run.assigned == len(people)
    assert Assignment.objects.filter(plan=plan, closed_at__isnull=True).count() == len(people)


def test_queries_do_not_grow_with_the_people_assigned(tree, course):
    def queries_for(count, institution):
        for _ in range(count):
            UserFactory(institution=institution)
        plan = plan_with(institutions=[institution], courses=[course])
        with CaptureQueriesContext(connection) as captured:
            change = plan_apply(plan=plan)
        assert change.assigned == count
        return len(captured)

    assert queries_for(3, tree["station_bg"]) == queries_for(40, tree["station_ni"])


def test_a_persons_plans_are_in_their_personal_data_export(tree, learner, other_learner, course):
    from accounts.personal_data import personal_data_export

    named = plan_with(name="Named plan", people=[learner], courses=[course])
    plan_with(name="Someone else's plan", people=[other_learner], courses=[course])
    plan_apply(plan=named)
    data = personal_data_export(user=learner)["plans"]
    assert data["named_in"] == ["Named plan"]
    assert [a["plan"] for a in data["assignments"]] == ["Named plan"]


def test_a_run_tells_its_progress_batch_by_batch(tree, course, monkeypatch):
    import plans.services as services

    monkeypatch.setattr(services, "BATCH", 2)
    for _ in range(5):
        UserFactory(institution=tree["station_ni"])
    plan = plan_with(institutions=[tree["nis"]], courses=[course])
    heard = []
    plan_apply(plan=plan, progress=lambda done, total: heard.append((done, total)))
    assert heard == [(2, 5), (4, 5), (5, 5)]


def test_a_failed_run_is_recorded_with_its_error(tree, course, monkeypatch):
    import plans.services as services
    from plans.services import plan_run_task, run_start

    plan = plan_with(institutions=[tree["nis"]], courses=[course])

    def broken(**kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(services, "plan_apply", broken)
    with pytest.raises(RuntimeError):
        run = PlanRun.objects.create(plan=plan)
        plan_run_task.call(run_id=run.pk, user_ids=[])
    run.refresh_from_db()
    assert run.status == PlanRunStatus.FAILED and "went away" in run.error
    assert run_start  # the public entry point exists beside the task


def test_many_learners_pages_move_on_in_a_few_round_trips(tree):
    from pagecache.api import learner_counter, learners_changed
    from pagecache.versions import versions_read

    ids = list(range(1, 2501))
    before = versions_read([learner_counter(pk) for pk in ids])
    learners_changed(ids)
    after = versions_read([learner_counter(pk) for pk in ids])
    assert all(after[name] != before[name] for name in before)

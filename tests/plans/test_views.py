"""Writing a plan with a preview, and who may see or change which plan."""

import pytest
from django.urls import reverse

from accounts.factories import UserFactory
from accounts.models import Profession, Role
from courses.factories import course_with_lessons
from plans.factories import plan_with
from plans.models import Assignment, TrainingPlan
from plans.services import plan_apply

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def course(db):
    return course_with_lessons(modules=1, lessons=1, title="Identification of victims")


@pytest.fixture
def manager_ni(tree):
    return UserFactory(institution=tree["nis"], roles=[(Role.INSTITUTION_MANAGER, tree["nis"])])


def _form(course, **extra):
    data = {
        "name": "Identification of victims by June",
        "courses": [course.pk],
        "due_within_days": "30",
    }
    data.update(extra)
    return data


def test_preview_names_whom_it_reaches_and_saves_nothing(
    client, mfa_login, manager_bg, tree, learner, other_learner, course
):
    mfa_login(client, manager_bg)
    response = client.post(
        reverse("plans:create"),
        _form(
            course,
            owner_institution=tree["belgrade"].pk,
            target_institutions=[tree["belgrade"].pk],
            preview="1",
        ),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "The plan reaches 2 people." in html  # the learner and the manager themselves
    assert learner.get_full_name() in html
    assert other_learner.last_name not in html
    assert not TrainingPlan.objects.exists()


def test_saving_assigns_the_target_at_once(client, mfa_login, manager_bg, tree, learner, course):
    mfa_login(client, manager_bg)
    response = client.post(
        reverse("plans:create"),
        _form(
            course,
            owner_institution=tree["belgrade"].pk,
            target_professions=[Profession.POLICE_OFFICER],
            save="1",
        ),
    )
    plan = TrainingPlan.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("plans:detail", args=[plan.pk])
    assert plan.created_by == manager_bg
    # The learner and the manager: both police officers of the Belgrade administration.
    assert set(Assignment.objects.filter(plan=plan).values_list("user_id", flat=True)) == {
        learner.pk,
        manager_bg.pk,
    }
    assert Assignment.objects.get(plan=plan, user=learner).assigned_by == manager_bg


def test_a_manager_cannot_target_outside_their_subtree(
    client, mfa_login, manager_bg, tree, other_learner, course
):
    mfa_login(client, manager_bg)
    # Another subtree as the plan's institution: not among the choices.
    response = client.post(
        reverse("plans:create"),
        _form(
            course, owner_institution=tree["nis"].pk, target_institutions=[tree["nis"].pk], save="1"
        ),
    )
    assert response.status_code == 200
    assert not TrainingPlan.objects.exists()
    # A person of another subtree by address: refused with the same words as an unknown one.
    response = client.post(
        reverse("plans:create"),
        _form(course, owner_institution=tree["belgrade"].pk, emails=other_learner.email, save="1"),
    )
    assert "Not found among the people of the plan&#x27;s institution" in response.content.decode()
    unknown = client.post(
        reverse("plans:create"),
        _form(course, owner_institution=tree["belgrade"].pk, emails="nobody@example.org", save="1"),
    )
    assert "Not found among the people of the plan&#x27;s institution" in unknown.content.decode()
    assert not TrainingPlan.objects.exists()


def test_a_manager_must_name_the_plans_institution(client, mfa_login, manager_bg, course):
    mfa_login(client, manager_bg)
    response = client.post(
        reverse("plans:create"),
        _form(course, target_professions=[Profession.JUDGE], save="1"),
    )
    assert response.status_code == 200 and not TrainingPlan.objects.exists()


def test_a_plan_needs_a_due_date_a_target_and_an_item(client, mfa_login, administrator, course):
    mfa_login(client, administrator)
    response = client.post(reverse("plans:create"), {"name": "Empty", "save": "1"})
    html = response.content.decode()
    assert "Choose at least one course or training." in html
    assert not TrainingPlan.objects.exists()
    response = client.post(
        reverse("plans:create"),
        {"name": "No date", "courses": [course.pk], "target_professions": ["judge"], "save": "1"},
    )
    assert "Give a due date or a number of days after joining." in response.content.decode()
    response = client.post(reverse("plans:create"), _form(course, save="1"))
    assert "Say whom the plan is for" in response.content.decode()
    assert not TrainingPlan.objects.exists()


def test_learners_and_trainers_have_no_plans(client, mfa_login, learner, trainer):
    for person in (learner, trainer):
        mfa_login(client, person)
        assert client.get(reverse("plans:list")).status_code == 403
        assert client.get(reverse("plans:create")).status_code == 403


def test_another_subtrees_plan_is_not_found_and_not_changed(
    client, mfa_login, manager_bg, manager_ni, tree, course, other_learner
):
    plan = plan_with(owner=tree["nis"], institutions=[tree["nis"]], courses=[course])
    plan_apply(plan=plan)
    mfa_login(client, manager_bg)
    assert client.get(reverse("plans:detail", args=[plan.pk])).status_code == 404
    assert client.get(reverse("plans:edit", args=[plan.pk])).status_code == 404
    assert client.post(reverse("plans:end", args=[plan.pk])).status_code == 404
    plan.refresh_from_db()
    assert plan.is_active
    mfa_login(client, manager_ni)
    html = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert other_learner.get_full_name() in html


def test_a_national_plan_shows_a_manager_only_their_people_and_is_not_theirs_to_change(
    client, mfa_login, manager_bg, tree, learner, other_learner, course
):
    plan = plan_with(professions=[Profession.POLICE_OFFICER], courses=[course])
    plan_apply(plan=plan)
    mfa_login(client, manager_bg)
    html = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert learner.get_full_name() in html
    assert other_learner.get_full_name() not in html
    assert client.get(reverse("plans:edit", args=[plan.pk])).status_code == 403
    assert client.post(reverse("plans:end", args=[plan.pk])).status_code == 403


def test_ending_a_plan_closes_assignments(client, mfa_login, administrator, tree, learner, course):
    plan = plan_with(institutions=[tree["belgrade"]], courses=[course])
    plan_apply(plan=plan)
    mfa_login(client, administrator)
    response = client.post(reverse("plans:end", args=[plan.pk]))
    assert response.status_code == 302
    assert Assignment.objects.get(user=learner).closed_at is not None


def test_status_filter_lists_only_that_standing(
    client, mfa_login, administrator, tree, learner, course
):
    plan = plan_with(institutions=[tree["belgrade"]], courses=[course])
    plan_apply(plan=plan)
    mfa_login(client, administrator)
    url = reverse("plans:detail", args=[plan.pk])
    assert learner.get_full_name() in client.get(url + "?status=due").content.decode()
    assert learner.get_full_name() not in client.get(url + "?status=compliant").content.decode()


def test_the_admin_menu_leads_managers_not_trainers_to_plans(
    client, mfa_login, manager_bg, trainer
):
    # (Wagtail builds its menu once, in the language active then: any language prefix.)
    mfa_login(client, manager_bg)
    assert "/manage/plans/" in client.get("/admin/").content.decode()
    mfa_login(client, trainer)
    assert "/manage/plans/" not in client.get("/admin/").content.decode()


def test_saving_and_ending_a_plan_are_in_the_audit_log(
    client, mfa_login, administrator, tree, course
):
    from audit.models import AuditAction, AuditEvent

    mfa_login(client, administrator)
    client.post(
        reverse("plans:create"),
        _form(course, target_professions=[Profession.JUDGE], save="1"),
    )
    plan = TrainingPlan.objects.get()
    saved = AuditEvent.objects.get(action=AuditAction.PLAN_SAVED)
    assert saved.actor == administrator
    assert saved.details["target_professions"] == ["judge"]
    assert saved.details["courses"] == [course.pk]
    client.post(reverse("plans:end", args=[plan.pk]))
    assert AuditEvent.objects.filter(action=AuditAction.PLAN_ENDED, actor=administrator).exists()


def test_the_reminder_schedule_is_written_with_the_plan(
    client, mfa_login, manager_bg, tree, course
):
    mfa_login(client, manager_bg)
    form = _form(
        course,
        owner_institution=tree["belgrade"].pk,
        target_institutions=[tree["belgrade"].pk],
        save="1",
    )
    html = client.get(reverse("plans:create")).content.decode()
    assert 'value="30, 7"' in html and 'value="1, 14"' in html
    response = client.post(
        reverse("plans:create"),
        {**form, "reminder_days_before": "7 ,14,14", "reminder_days_after": ""},
    )
    assert response.status_code == 302
    plan = TrainingPlan.objects.get()
    assert plan.reminder_days_before == [14, 7]
    assert plan.reminder_days_after == []
    assert plan.reminders_mandatory is False  # the box was not ticked
    html = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert "14, 7 days before the due date" in html


def test_a_post_without_the_reminder_fields_keeps_the_default_schedule(
    client, mfa_login, manager_bg, tree, course
):
    mfa_login(client, manager_bg)
    client.post(
        reverse("plans:create"),
        _form(
            course,
            owner_institution=tree["belgrade"].pk,
            target_institutions=[tree["belgrade"].pk],
            save="1",
        ),
    )
    plan = TrainingPlan.objects.get()
    assert (plan.reminder_days_before, plan.reminder_days_after) == ([30, 7], [1, 14])
    assert plan.reminders_mandatory is True


@pytest.mark.parametrize("days", ["a week", "0", "400", "1 2 3 4 5 6 7"])
def test_a_bad_reminder_schedule_is_refused_and_saves_nothing(
    client, mfa_login, manager_bg, tree, course, days
):
    mfa_login(client, manager_bg)
    response = client.post(
        reverse("plans:create"),
        _form(
            course,
            owner_institution=tree["belgrade"].pk,
            target_institutions=[tree["belgrade"].pk],
            reminder_days_before=days,
            save="1",
        ),
    )
    assert response.status_code == 200
    assert 'id="id_reminder_days_before_error"' in response.content.decode()
    assert not TrainingPlan.objects.exists()

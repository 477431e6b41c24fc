"""Course authoring: trainers edit the courses they are given, senior trainers approve."""

from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import GroupPagePermission, Locale, WorkflowState
from wagtail.test.utils.form_data import (
    nested_form_data,
    querydict_from_html,
    rich_text,
    streamfield,
)

from accounts.factories import UserFactory
from accounts.models import Role
from courses.authoring import (
    TASK_NAME,
    WORKFLOW_NAME,
    course_assign_trainer,
    course_assignments_clear,
    course_authors_group_name,
    course_trainers,
    course_unassign_trainer,
    ensure_course_workflow,
)
from courses.factories import course_index, course_with_lessons


@pytest.fixture
def course_workflow(db):
    """The course catalogue under the "Course review" workflow, as after migrate and demo."""
    index = course_index()
    workflow = ensure_course_workflow()
    assert index.get_workflow() == workflow
    return workflow


def _published_course(title):
    """A course published through a revision, as one made in the admin would be."""
    course = course_with_lessons(modules=1, lessons=1, title=title)
    course.save_revision().publish()
    course.refresh_from_db()
    return course


@pytest.fixture
def course_a(course_workflow):
    return _published_course("Course A")


@pytest.fixture
def course_b(course_workflow):
    return _published_course("Course B")


@pytest.fixture
def senior_trainer(tree):
    return UserFactory(institution=tree["ministry"], roles=[(Role.SENIOR_TRAINER, None)])


@pytest.fixture
def author(trainer, course_a):
    course_assign_trainer(course=course_a, user=trainer)
    return trainer


def _edit_url(page):
    return f"/admin/pages/{page.pk}/edit/"


def _post_edit(client, page, **changes):
    """Post the page's edit form as the browser would, with `changes` applied."""
    response = client.get(_edit_url(page))
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    # The helper picks the first option of a multiple select left empty: undo that.
    data.setlist("restricted_institutions", [])
    data.update(changes)
    return client.post(_edit_url(page), data)


# --- Services -------------------------------------------------------------------------------


def test_assigning_a_trainer_gives_edit_but_not_publish_rights(trainer, course_a):
    group = course_assign_trainer(course=course_a, user=trainer)
    assert group.name == course_authors_group_name(course_a.pk)
    codenames = set(
        GroupPagePermission.objects.filter(group=group, page=course_a).values_list(
            "permission__codename", flat=True
        )
    )
    assert codenames == {"add_page", "change_page"}
    assert list(course_trainers(course=course_a)) == [trainer]
    perms = course_a.permissions_for_user(trainer)
    assert perms.can_edit()
    assert not perms.can_publish()


def test_assigning_twice_is_harmless(trainer, course_a):
    course_assign_trainer(course=course_a, user=trainer)
    course_assign_trainer(course=course_a, user=trainer)
    assert GroupPagePermission.objects.filter(page=course_a).count() == 2
    assert course_trainers(course=course_a).count() == 1


def test_only_trainers_can_be_given_a_course(learner, manager_bg, course_a):
    for person in (learner, manager_bg):
        with pytest.raises(ValidationError):
            course_assign_trainer(course=course_a, user=person)
    assert not Group.objects.filter(name=course_authors_group_name(course_a.pk)).exists()


def test_senior_trainers_can_be_given_a_course(senior_trainer, course_a):
    course_assign_trainer(course=course_a, user=senior_trainer)
    assert course_a.permissions_for_user(senior_trainer).can_edit()


def test_unassigning_the_last_trainer_removes_the_group(trainer, course_a):
    course_assign_trainer(course=course_a, user=trainer)
    course_unassign_trainer(course=course_a, user=trainer)
    assert not Group.objects.filter(name=course_authors_group_name(course_a.pk)).exists()
    assert not GroupPagePermission.objects.filter(page=course_a).exists()
    assert not course_a.permissions_for_user(trainer).can_edit()


def test_clearing_a_former_trainers_courses(trainer, course_a, course_b):
    course_assign_trainer(course=course_a, user=trainer)
    course_assign_trainer(course=course_b, user=trainer)
    course_assignments_clear(user=trainer)
    assert not trainer.groups.filter(name__startswith="Course authors").exists()
    assert trainer.groups.filter(name="Trainers").exists()
    assert not course_b.permissions_for_user(trainer).can_edit()


def test_ensure_course_workflow_is_idempotent(course_workflow):
    again = ensure_course_workflow()
    assert again == course_workflow
    assert [t.name for t in again.tasks] == [TASK_NAME]
    task = again.tasks.specific().get()
    assert [g.name for g in task.groups.all()] == ["Senior trainers"]
    index = course_index()
    senior = Group.objects.get(name="Senior trainers")
    assert (
        GroupPagePermission.objects.filter(
            group=senior, page=index, permission__codename="publish_page"
        ).count()
        == 1
    )
    assert index.get_workflow().name == WORKFLOW_NAME


def test_a_new_course_is_under_the_review_workflow(course_a):
    assert course_a.get_workflow().name == WORKFLOW_NAME


def test_new_translation_of_a_course_is_editable_by_its_authors(author, course_a):
    english, _ = Locale.objects.get_or_create(language_code="en")
    index_en = course_index().copy_for_translation(english, copy_parents=True)
    index_en.save_revision().publish()
    course_en = course_a.copy_for_translation(english)
    assert course_en.permissions_for_user(author).can_edit()


# --- The admin editor -----------------------------------------------------------------------


def test_trainer_opens_the_editor_of_their_course_only(
    client, mfa_login, author, course_a, course_b
):
    mfa_login(client, author)
    assert client.get(_edit_url(course_a)).status_code == 200
    lesson = course_a.get_descendants().live().last()
    assert client.get(_edit_url(lesson)).status_code == 200
    response = client.get(_edit_url(course_b))
    assert response.status_code in (302, 403)
    assert response.status_code == 403 or response["Location"] == "/admin/"


def test_trainer_cannot_publish(client, mfa_login, author, course_a):
    mfa_login(client, author)
    live_revision_id = course_a.live_revision_id
    assert live_revision_id is not None
    response = _post_edit(client, course_a, title="Course A, revised", **{"action-publish": "1"})
    assert response.status_code == 302
    course_a.refresh_from_db()
    assert course_a.title == "Course A"  # what learners see is unchanged
    assert course_a.live_revision_id == live_revision_id
    assert course_a.has_unpublished_changes
    assert course_a.get_latest_revision_as_object().title == "Course A, revised"


def test_trainer_submits_and_a_senior_trainer_approves(
    client, mfa_login, author, senior_trainer, course_a
):
    mfa_login(client, author)
    response = _post_edit(client, course_a, title="Course A, revised", **{"action-submit": "1"})
    assert response.status_code == 302
    course_a.refresh_from_db()
    state = course_a.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == WORKFLOW_NAME
    assert state.current_task_state.task.name == TASK_NAME
    assert course_a.title == "Course A"

    # The author cannot approve their own work.
    approve_url = (
        f"/admin/pages/workflow/action/{course_a.pk}/approve/{state.current_task_state.pk}/"
    )
    client.post(approve_url, {"comment": ""})
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS

    client.logout()
    mfa_login(client, senior_trainer)
    # The reviewer may open the editor while the course waits for them.
    assert client.get(_edit_url(course_a)).status_code == 200
    response = client.post(approve_url, {"comment": "Good."})
    assert response.status_code == 302
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    course_a.refresh_from_db()
    assert course_a.title == "Course A, revised"
    assert course_a.live_revision_id == course_a.latest_revision_id
    assert not course_a.has_unpublished_changes


def test_senior_trainer_without_the_course_cannot_edit_it(
    client, mfa_login, senior_trainer, course_a
):
    mfa_login(client, senior_trainer)
    assert client.get(_edit_url(course_a)).status_code in (302, 403)


# --- Trainers' admin screen -----------------------------------------------------------------


def test_administrator_gives_and_takes_a_course(
    client, mfa_login, administrator, trainer, course_a
):
    mfa_login(client, administrator)
    url = f"/admin/reports/course-progress/{course_a.pk}/trainers/"
    response = client.get(url)
    assert response.status_code == 200
    assert trainer.email in response.content.decode()

    response = client.post(url, {"user": trainer.pk})
    assert response.status_code == 302
    assert list(course_trainers(course=course_a)) == [trainer]

    response = client.post(url, {"remove": trainer.pk})
    assert response.status_code == 302
    assert not course_trainers(course=course_a).exists()


def test_trainers_screen_refuses_non_trainers(client, mfa_login, administrator, learner, course_a):
    mfa_login(client, administrator)
    url = f"/admin/reports/course-progress/{course_a.pk}/trainers/"
    response = client.post(url, {"user": learner.pk})
    assert response.status_code == 200  # the form again, with an error
    assert not course_trainers(course=course_a).exists()


def test_trainers_screen_is_for_administrators_only(client, mfa_login, author, course_a):
    mfa_login(client, author)
    url = f"/admin/reports/course-progress/{course_a.pk}/trainers/"
    response = client.get(url)
    assert response.status_code in (302, 403)
    response = client.post(url, {"remove": author.pk})
    assert list(course_trainers(course=course_a)) == [author]


def test_approved_change_with_a_go_live_date_waits_for_it(
    client, mfa_login, author, senior_trainer, course_a
):
    go_live = timezone.localtime() + timedelta(days=2)
    mfa_login(client, author)
    response = _post_edit(
        client,
        course_a,
        title="Course A, next term",
        go_live_at=go_live.strftime("%Y-%m-%d %H:%M"),
        **{"action-submit": "1"},
    )
    assert response.status_code == 302
    course_a.refresh_from_db()
    task_state = course_a.current_workflow_state.current_task_state

    client.logout()
    mfa_login(client, senior_trainer)
    url = f"/admin/pages/workflow/action/{course_a.pk}/approve/{task_state.pk}/"
    assert client.post(url, {"comment": ""}).status_code == 302
    course_a.refresh_from_db()
    assert course_a.title == "Course A"  # approved, scheduled, not yet live
    revision = course_a.latest_revision
    assert revision.approved_go_live_at is not None

    # Two days later, the scheduler (`manage.py publish_scheduled`) runs.
    later = timezone.now() + timedelta(days=2, minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        call_command("publish_scheduled")
    course_a.refresh_from_db()
    assert course_a.title == "Course A, next term"


def test_a_former_trainer_loses_the_courses_they_were_given(db, trainer):
    from accounts.models import Role
    from accounts.services import role_revoke
    from courses.authoring import course_assign_trainer
    from courses.factories import course_with_lessons

    course = course_with_lessons(modules=1, lessons=1)
    course_assign_trainer(course=course, user=trainer)
    assert trainer.groups.filter(name__startswith="Course authors").exists()
    role_revoke(user=trainer, role=Role.TRAINER)
    assert not trainer.groups.filter(name__startswith="Course authors").exists()


# --- Preview in both scripts --------------------------------------------------------


def test_author_previews_a_draft_lesson_in_either_script(client, mfa_login, author, course_a):
    from courses.models import LessonPage

    lesson = LessonPage.objects.descendant_of(course_a).first()
    mfa_login(client, author)
    response = client.get(_edit_url(lesson))
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    data["title"] = "Начело некажњавања"
    # The StreamField's inputs are drawn by JavaScript: give them as the browser would.
    data.update(
        nested_form_data(
            {"body": streamfield([("paragraph", rich_text("<p>Жртве се не кажњавају.</p>"))])}
        )
    )
    preview_url = f"/admin/pages/{lesson.pk}/edit/preview/"
    assert client.post(preview_url, data).json()["is_valid"]
    cyrillic = client.get(preview_url, {"mode": "sr"}).content.decode()
    latin = client.get(preview_url, {"mode": "sr-latn"}).content.decode()
    as_written = client.get(preview_url, {"mode": ""}).content.decode()
    assert "<h1>Начело некажњавања</h1>" in cyrillic
    assert "<h1>Načelo nekažnjavanja</h1>" in latin
    assert "Жртве се не кажњавају." in cyrillic
    assert "Žrtve se ne kažnjavaju." in latin
    assert "<h1>" in as_written
    # The draft is not what learners see, and no preview was cached for them.
    lesson.refresh_from_db()
    assert lesson.title != "Начело некажњавања"


def test_courses_authored_by_lists_the_courses_a_trainer_is_given(tree):
    from accounts.factories import UserFactory
    from accounts.models import Role
    from courses.authoring import course_ids_authored_by, course_unassign_trainer
    from courses.factories import CoursePageFactory

    trainer = UserFactory(institution=tree["ministry"], roles=[(Role.TRAINER, None)])
    mine, other = CoursePageFactory(), CoursePageFactory()
    course_assign_trainer(course=mine, user=trainer)
    assert course_ids_authored_by(user=trainer) == {mine.pk}
    assert other.pk not in course_ids_authored_by(user=trainer)
    course_unassign_trainer(course=mine, user=trainer)
    assert course_ids_authored_by(user=trainer) == set()

"""The People area of the admin, and Wagtail's Users admin fitted to our user model.

Each boundary has a test that tries to cross it.
"""

from urllib.parse import urlsplit

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from accounts.factories import UserFactory
from accounts.models import Membership, Profession, Role, RoleAssignment, User
from accounts.roles import ROLE_GROUPS
from accounts.selectors import people_visible_to
from accounts.services import person_move, person_role_revoke, role_grant

pytestmark = pytest.mark.django_db

INDEX_URL = "/admin/people/"


def detail_url(user):
    return reverse("people:detail", args=[user.pk])


def move_url(user):
    return reverse("people:move", args=[user.pk])


def grant_url(user):
    return reverse("people:role_grant", args=[user.pk])


def revoke_url(assignment):
    return reverse("people:role_revoke", args=[assignment.user_id, assignment.pk])


def refused(response, *, area=INDEX_URL):
    # Wagtail turns a refusal into a redirect (to the dashboard or the login page).
    return response.status_code == 403 or (
        response.status_code == 302 and not urlsplit(response["Location"]).path.startswith(area)
    )


def not_found(response):
    # A 404 under /admin/ is first redirected to the language-prefixed path (LocaleMiddleware),
    # where nothing matches either: follow it.
    return response.status_code == 404 or (
        response.status_code == 302 and response.client.get(response["Location"]).status_code == 404
    )


# --- Who sees whom (the selector) -------------------------------------------------------------


def test_manager_sees_only_people_currently_in_their_subtree(manager_bg, learner, other_learner):
    visible = set(people_visible_to(viewer=manager_bg))
    assert learner in visible
    assert manager_bg in visible
    assert other_learner not in visible


def test_manager_stops_seeing_a_person_moved_out_of_their_subtree(
    tree, manager_bg, learner, administrator
):
    person_move(actor=administrator, user=learner, institution=tree["station_ni"])
    assert learner not in people_visible_to(viewer=manager_bg)


def test_manager_of_two_subtrees_sees_both(tree, manager_bg, learner, other_learner):
    role_grant(user=manager_bg, role=Role.INSTITUTION_MANAGER, institution=tree["nis"])
    manager_bg = User.objects.get(pk=manager_bg.pk)
    assert {learner, other_learner} <= set(people_visible_to(viewer=manager_bg))


@pytest.mark.parametrize("fixture", ["learner", "trainer", "analyst"])
def test_everyone_else_sees_nobody(request, fixture, other_learner):
    viewer = request.getfixturevalue(fixture)
    assert not people_visible_to(viewer=viewer).exists()


def test_administrator_sees_everyone(administrator, learner, other_learner, manager_bg):
    assert set(people_visible_to(viewer=administrator)) == set(User.objects.all())


# --- The listing --------------------------------------------------------------------------------


def test_manager_lists_people_of_their_subtree_only(
    client, mfa_login, manager_bg, learner, other_learner
):
    mfa_login(client, manager_bg)
    response = client.get(INDEX_URL)
    assert response.status_code == 200
    content = response.content.decode()
    assert learner.email in content
    assert other_learner.email not in content


def test_listing_shows_institution_profession_and_roles(
    client, mfa_login, administrator, manager_bg
):
    mfa_login(client, administrator)
    with translation.override("en"):
        content = client.get(INDEX_URL, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Belgrade Police Administration" in content
    assert "Institution manager (PU-BG)" in content


def test_listing_search_finds_by_name_and_email(
    client, mfa_login, administrator, learner, other_learner
):
    mfa_login(client, administrator)
    content = client.get(INDEX_URL, {"q": "Ђорђев"}).content.decode()
    assert other_learner.email in content
    assert learner.email not in content
    content = client.get(INDEX_URL, {"q": learner.email}).content.decode()
    assert learner.email in content
    assert other_learner.email not in content


def test_listing_filters_by_institution_subtree_and_profession(
    client, mfa_login, tree, administrator, learner, other_learner
):
    judge = UserFactory(institution=tree["belgrade"], profession=Profession.JUDGE)
    mfa_login(client, administrator)
    content = client.get(INDEX_URL, {"institution": tree["belgrade"].pk}).content.decode()
    assert learner.email in content  # PS-BG-1 is below PU-BG
    assert judge.email in content
    assert other_learner.email not in content
    content = client.get(INDEX_URL, {"profession": Profession.JUDGE}).content.decode()
    assert judge.email in content
    assert learner.email not in content


def test_manager_cannot_filter_by_an_institution_outside_their_subtree(
    client, mfa_login, tree, manager_bg, other_learner
):
    mfa_login(client, manager_bg)
    response = client.get(INDEX_URL, {"institution": tree["nis"].pk})
    assert other_learner.email not in response.content.decode()


def test_people_listing_query_count_does_not_grow_with_people(
    client, mfa_login, tree, manager_bg, django_assert_max_num_queries
):
    def add_people(count):
        for _ in range(count):
            UserFactory(institution=tree["station_bg"], roles=[(Role.TRAINER, None)])

    add_people(3)
    mfa_login(client, manager_bg)
    client.get(INDEX_URL)  # warm-up: per-process caches
    with CaptureQueriesContext(connection) as few:
        assert client.get(INDEX_URL).status_code == 200

    add_people(27)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(INDEX_URL)
    with translation.override("sr-latn"):
        assert response.content.decode().count(str(Role.TRAINER.label)) >= 30


@pytest.mark.parametrize("fixture", ["learner", "trainer", "analyst"])
def test_people_area_refuses_everyone_but_managers_and_administrators(
    client, mfa_login, request, fixture, learner
):
    mfa_login(client, request.getfixturevalue(fixture))
    assert refused(client.get(INDEX_URL))
    assert refused(client.get(detail_url(learner)))
    assert refused(client.post(move_url(learner), {"institution": learner.institution_id}))


def test_people_menu_item_only_for_administrators_and_managers(
    client, mfa_login, administrator, manager_bg, trainer, analyst
):
    for user, shown in [
        (administrator, True),
        (manager_bg, True),
        (trainer, False),
        (analyst, False),
    ]:
        client.logout()
        mfa_login(client, user)
        assert (INDEX_URL in client.get("/admin/").content.decode()) is shown, user


# --- A person's page ----------------------------------------------------------------------------


def test_manager_opens_a_person_in_their_subtree(client, mfa_login, manager_bg, learner):
    mfa_login(client, manager_bg)
    response = client.get(detail_url(learner))
    assert response.status_code == 200
    assert list(response.context["memberships"]) == list(learner.memberships.all())
    assert "grant_form" not in response.context


def test_manager_gets_404_for_a_person_outside_their_subtree(
    client, mfa_login, manager_bg, other_learner
):
    mfa_login(client, manager_bg)
    assert not_found(client.get(detail_url(other_learner)))


# --- Moving a person ------------------------------------------------------------------------


def test_manager_moves_a_person_within_their_subtree(client, mfa_login, tree, manager_bg, learner):
    mfa_login(client, manager_bg)
    response = client.post(move_url(learner), {"institution": tree["belgrade"].pk})
    assert response.status_code == 302
    learner.refresh_from_db()
    assert learner.institution == tree["belgrade"]


def test_manager_cannot_move_a_person_out_of_their_subtree(
    client, mfa_login, tree, manager_bg, learner
):
    mfa_login(client, manager_bg)
    response = client.post(move_url(learner), {"institution": tree["nis"].pk})
    assert response.status_code == 200
    assert response.context["move_form"].errors["institution"]
    learner.refresh_from_db()
    assert learner.institution == tree["station_bg"]
    assert learner.memberships.count() == 1


def test_manager_cannot_move_a_person_from_outside_their_subtree(
    client, mfa_login, tree, manager_bg, other_learner
):
    mfa_login(client, manager_bg)
    response = client.post(move_url(other_learner), {"institution": tree["belgrade"].pk})
    assert not_found(response)
    other_learner.refresh_from_db()
    assert other_learner.institution == tree["station_ni"]


def test_move_service_checks_the_scope_itself(tree, manager_bg, learner, other_learner):
    with pytest.raises(PermissionDenied):
        person_move(actor=manager_bg, user=learner, institution=tree["nis"])
    with pytest.raises(PermissionDenied):
        person_move(actor=manager_bg, user=other_learner, institution=tree["belgrade"])
    assert learner.memberships.count() == other_learner.memberships.count() == 1


def test_administrator_moves_a_person_and_the_history_keeps_both_rows(
    client, mfa_login, tree, administrator, learner
):
    mfa_login(client, administrator)
    response = client.post(move_url(learner), {"institution": tree["station_ni"].pk})
    assert response.status_code == 302
    learner.refresh_from_db()
    assert learner.institution == tree["station_ni"]
    old, new = Membership.objects.filter(user=learner).order_by("started_at", "pk")
    assert old.institution == tree["station_bg"] and old.ended_at is not None
    assert new.institution == tree["station_ni"] and new.ended_at is None

    history = client.get(detail_url(learner)).context["memberships"]
    assert [m.institution.code for m in history] == ["PS-NI-1", "PS-BG-1"]


def test_moving_to_the_current_institution_is_refused_with_a_message(
    client, mfa_login, administrator, learner
):
    mfa_login(client, administrator)
    response = client.post(move_url(learner), {"institution": learner.institution_id})
    assert response.context["move_form"].errors["institution"]
    assert learner.memberships.count() == 1


def test_move_needs_a_post(client, mfa_login, administrator, learner):
    mfa_login(client, administrator)
    assert client.get(move_url(learner)).status_code == 405


def test_writes_need_the_csrf_token(mfa_login, tree, administrator, learner):
    client = Client(enforce_csrf_checks=True)
    mfa_login(client, administrator)
    response = client.post(move_url(learner), {"institution": tree["nis"].pk})
    assert response.status_code == 403
    learner.refresh_from_db()
    assert learner.institution == tree["station_bg"]


# --- Roles ----------------------------------------------------------------------------------


def test_manager_cannot_grant_a_role(client, mfa_login, tree, manager_bg, learner):
    mfa_login(client, manager_bg)
    response = client.post(
        grant_url(learner), {"role": Role.INSTITUTION_MANAGER, "institution": tree["ministry"].pk}
    )
    assert response.status_code == 403
    assert not learner.role_assignments.exists()


def test_manager_cannot_revoke_a_role(client, mfa_login, tree, manager_bg):
    colleague = UserFactory(institution=tree["station_bg"], roles=[(Role.TRAINER, None)])
    mfa_login(client, manager_bg)
    response = client.post(revoke_url(colleague.role_assignments.get()))
    assert response.status_code == 403
    assert colleague.role_assignments.exists()


def test_administrator_grants_a_scoped_role(client, mfa_login, tree, administrator, learner):
    mfa_login(client, administrator)
    response = client.post(
        grant_url(learner), {"role": Role.INSTITUTION_MANAGER, "institution": tree["nis"].pk}
    )
    assert response.status_code == 302
    assignment = learner.role_assignments.get()
    assert (assignment.role, assignment.institution) == (Role.INSTITUTION_MANAGER, tree["nis"])
    assert learner.groups.filter(name=ROLE_GROUPS[Role.INSTITUTION_MANAGER]).exists()


def test_a_scoped_role_needs_a_scope(client, mfa_login, administrator, learner):
    mfa_login(client, administrator)
    response = client.post(grant_url(learner), {"role": Role.MINISTRY_ANALYST})
    assert response.status_code == 200
    assert response.context["grant_form"].errors["institution"]
    assert not learner.role_assignments.exists()


def test_an_unscoped_role_ignores_the_scope(client, mfa_login, tree, administrator, learner):
    mfa_login(client, administrator)
    client.post(grant_url(learner), {"role": Role.TRAINER, "institution": tree["nis"].pk})
    assert learner.role_assignments.get().institution is None


def test_administrator_revokes_a_role(client, mfa_login, administrator, manager_bg):
    mfa_login(client, administrator)
    response = client.post(revoke_url(manager_bg.role_assignments.get()))
    assert response.status_code == 302
    assert not manager_bg.role_assignments.exists()
    assert not manager_bg.groups.exists()


def test_administrator_cannot_revoke_their_own_administrator_role(client, mfa_login, administrator):
    mfa_login(client, administrator)
    client.post(revoke_url(administrator.role_assignments.get()))
    administrator.refresh_from_db()
    assert administrator.is_superuser
    assert administrator.role_assignments.filter(role=Role.ADMINISTRATOR).exists()


def test_revoke_service_refuses_a_non_administrator(manager_bg, learner):
    assignment = manager_bg.role_assignments.get()
    with pytest.raises(PermissionDenied):
        person_role_revoke(actor=learner, assignment=assignment)
    assert RoleAssignment.objects.filter(pk=assignment.pk).exists()


# --- Wagtail's Users admin --------------------------------------------------------------------


def test_administrator_opens_wagtail_users_listing_and_edit_page(
    client, mfa_login, administrator, learner
):
    mfa_login(client, administrator)
    response = client.get(reverse("wagtailusers_users:index"))
    assert response.status_code == 200
    assert learner.email in response.content.decode()

    response = client.get(reverse("wagtailusers_users:edit", args=[learner.pk]))
    assert response.status_code == 200
    fields = response.context["form"].fields
    assert "is_superuser" not in fields and "groups" not in fields
    with translation.override("en"):
        assert str(fields["first_name"].label) == "Given name"
        assert str(fields["last_name"].label) == "Family name"


def test_wagtail_user_edit_changes_names_but_not_roles_or_email(
    client, mfa_login, administrator, learner
):
    administrators = Group.objects.get(name=ROLE_GROUPS[Role.ADMINISTRATOR])
    mfa_login(client, administrator)
    response = client.post(
        reverse("wagtailusers_users:edit", args=[learner.pk]),
        {
            "email": "someone-else@example.org",
            "first_name": "Milica",
            "last_name": "Jovanović",
            "profession": Profession.JUDGE,
            "preferred_language": "en",
            "is_active": "on",
            "is_superuser": "on",
            "groups": [administrators.pk],
        },
    )
    assert response.status_code == 302
    learner.refresh_from_db()
    assert (learner.first_name, learner.last_name, learner.profession) == (
        "Milica",
        "Jovanović",
        Profession.JUDGE,
    )
    assert learner.email.startswith("person")
    assert not learner.is_superuser
    assert not learner.groups.exists()


def test_wagtail_user_create_makes_an_invited_account_with_a_membership(
    client, mfa_login, tree, administrator, mailoutbox
):
    mfa_login(client, administrator)
    response = client.post(
        reverse("wagtailusers_users:add"),
        {
            "email": "New.Person@Example.org",
            "first_name": "Ana",
            "last_name": "Anić",
            "institution": tree["station_bg"].pk,
            "profession": Profession.PROSECUTOR,
            "preferred_language": "en",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="new.person@example.org")
    assert user.institution == tree["station_bg"]
    assert user.memberships.count() == 1
    assert not user.has_usable_password()
    assert EmailAddress.objects.filter(user=user, primary=True, verified=False).exists()
    assert [m.to for m in mailoutbox] == [["new.person@example.org"]]


def test_wagtail_user_create_refuses_a_taken_address_whatever_the_case(
    client, mfa_login, tree, administrator, learner
):
    mfa_login(client, administrator)
    response = client.post(
        reverse("wagtailusers_users:add"),
        {
            "email": learner.email.upper(),
            "first_name": "Ana",
            "last_name": "Anić",
            "institution": tree["station_bg"].pk,
            "profession": Profession.PROSECUTOR,
            "preferred_language": "en",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["email"]


@pytest.mark.parametrize("fixture", ["manager_bg", "trainer", "analyst"])
def test_non_administrators_cannot_reach_wagtail_users(
    client, mfa_login, request, fixture, learner
):
    mfa_login(client, request.getfixturevalue(fixture))
    area = "/admin/users/"
    assert refused(client.get(reverse("wagtailusers_users:index")), area=area)
    assert refused(client.get(reverse("wagtailusers_users:edit", args=[learner.pk])), area=area)
    assert refused(
        client.post(reverse("wagtailusers_users:edit", args=[learner.pk]), {"first_name": "X"}),
        area=area,
    )
    learner.refresh_from_db()
    assert learner.first_name != "X"

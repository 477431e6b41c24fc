import json

import pytest
from allauth.account.models import EmailAddress

from accounts.models import Membership, Role, User
from accounts.services import role_grant, user_move_institution


@pytest.mark.django_db
def test_export_holds_the_persons_own_data_only(client, learner, other_learner, tree):
    user_move_institution(user=learner, institution=tree["station_ni"])
    client.force_login(learner)
    response = client.get("/en/account/personal-data/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["account"]["email"] == learner.email
    assert [m["institution"] for m in data["institution_history"]] == ["PS-BG-1", "PS-NI-1"]
    assert data["institution_history"][0]["ended_at"] is not None
    assert other_learner.email not in response.content.decode()


@pytest.mark.django_db
def test_export_needs_a_signed_in_person(client):
    response = client.get("/en/account/personal-data/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.django_db
def test_erasure_removes_identity_but_keeps_anonymous_history(client, learner, tree):
    role_grant(user=learner, role=Role.INSTITUTION_MANAGER, institution=tree["belgrade"])
    client.force_login(learner)
    response = client.post(
        "/en/account/erase/", {"password": "correct horse battery staple", "confirm": "on"}
    )
    assert response.status_code == 302
    user = User.objects.get(pk=learner.pk)
    assert user.email.endswith("@erased.invalid")
    assert (user.first_name, user.last_name) == ("", "")
    assert not user.is_active and not user.has_usable_password()
    assert user.erased_at is not None
    assert not EmailAddress.objects.filter(user=user).exists()
    assert not user.role_assignments.exists()
    # Completion statistics still count this (now anonymous) person at their institution.
    assert Membership.objects.filter(user=user, institution=tree["station_bg"]).exists()
    # The session has ended.
    assert client.get("/en/account/profile/").status_code == 302


@pytest.mark.django_db
def test_erasure_refuses_a_wrong_password_and_changes_nothing(client, learner):
    client.force_login(learner)
    response = client.post("/en/account/erase/", {"password": "wrong", "confirm": "on"})
    assert response.status_code == 200
    assert "not correct" in response.content.decode()
    learner.refresh_from_db()
    assert learner.is_active and learner.erased_at is None


@pytest.mark.django_db
def test_erasure_is_a_post_only(client, learner):
    client.force_login(learner)
    assert client.get("/en/account/erase/").status_code == 200
    learner.refresh_from_db()
    assert learner.is_active


@pytest.mark.django_db
def test_moving_institution_keeps_history(learner, tree):
    user_move_institution(user=learner, institution=tree["station_ni"])
    user_move_institution(user=learner, institution=tree["station_ni"])  # no-op
    rows = list(Membership.objects.filter(user=learner).order_by("started_at"))
    assert [m.institution.code for m in rows] == ["PS-BG-1", "PS-NI-1"]
    assert rows[0].ended_at is not None and rows[1].ended_at is None
    learner.refresh_from_db()
    assert learner.institution == tree["station_ni"]

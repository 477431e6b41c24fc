"""The form of address a person may give in their profile ("završio", "završila", or a
wording without gender): optional, theirs to change, exported and erased with the rest."""

import json

import pytest

from accounts.models import User

pytestmark = pytest.mark.django_db


def _profile(learner, **changes):
    data = {
        "first_name": learner.first_name,
        "last_name": learner.last_name,
        "form_of_address": learner.form_of_address,
        "profession": learner.profession,
        "preferred_language": learner.preferred_language,
    }
    data.update(changes)
    return data


def test_profile_page_offers_the_three_forms(client, learner):
    client.force_login(learner)
    body = client.get("/en/account/profile/").content.decode()
    assert 'name="form_of_address"' in body
    for value in ("", "masculine", "feminine"):
        assert f'<option value="{value}"' in body
    assert "završio" in body and "završila" in body


def test_it_is_optional_and_nobody_gets_one_by_default(client, learner):
    assert learner.form_of_address == ""
    client.force_login(learner)
    response = client.post("/en/account/profile/", _profile(learner, form_of_address=""))
    assert response.status_code == 302
    learner.refresh_from_db()
    assert learner.form_of_address == ""


def test_the_person_sets_it_and_changes_it(client, learner):
    client.force_login(learner)
    client.post("/en/account/profile/", _profile(learner, form_of_address="feminine"))
    learner.refresh_from_db()
    assert learner.form_of_address == "feminine"
    client.post("/en/account/profile/", _profile(learner, form_of_address="masculine"))
    learner.refresh_from_db()
    assert learner.form_of_address == "masculine"


def test_an_unknown_value_is_refused(client, learner):
    client.force_login(learner)
    response = client.post("/en/account/profile/", _profile(learner, form_of_address="other"))
    assert response.status_code == 200
    assert "form_of_address_error" in response.content.decode()
    learner.refresh_from_db()
    assert learner.form_of_address == ""


def test_the_export_holds_it(client, learner):
    User.objects.filter(pk=learner.pk).update(form_of_address="feminine")
    client.force_login(learner)
    data = json.loads(client.get("/en/account/personal-data/").content)
    assert data["account"]["form_of_address"] == "feminine"


def test_erasure_removes_it(client, learner):
    User.objects.filter(pk=learner.pk).update(form_of_address="masculine")
    client.force_login(learner)
    client.post("/en/account/erase/", {"password": "correct horse battery staple", "confirm": "on"})
    assert User.objects.get(pk=learner.pk).form_of_address == ""

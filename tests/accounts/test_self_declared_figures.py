"""Sex and year of entering the service: optional, self-declared, changeable in the
profile, in the personal-data export, and gone with erasure."""

import json

import pytest

from accounts.models import Sex, User

pytestmark = pytest.mark.django_db

PROFILE = "/en/account/profile/"


def _profile_data(user, **changes):
    data = {
        "first_name": user.first_name,
        "last_name": user.last_name,
        "form_of_address": user.form_of_address,
        "profession": user.profession,
        "preferred_language": "en",
        "sex": "",
        "service_entry_year": "",
    }
    data.update(changes)
    return data


def test_a_person_declares_changes_and_withdraws_their_sex(client, learner):
    client.force_login(learner)
    assert learner.sex == Sex.NOT_DECLARED
    client.post(PROFILE, _profile_data(learner, sex="female", service_entry_year="2011"))
    learner.refresh_from_db()
    assert (learner.sex, learner.service_entry_year) == ("female", 2011)
    client.post(PROFILE, _profile_data(learner, sex=""))
    learner.refresh_from_db()
    assert (learner.sex, learner.service_entry_year) == ("", None)


def test_a_year_in_the_future_or_an_unknown_sex_is_refused(client, learner):
    client.force_login(learner)
    response = client.post(PROFILE, _profile_data(learner, sex="robot", service_entry_year="2999"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "not one of the available choices" in html
    learner.refresh_from_db()
    assert (learner.sex, learner.service_entry_year) == ("", None)


def test_both_are_exported_and_erased(client, learner):
    learner.sex, learner.service_entry_year = Sex.MALE, 2005
    learner.save()
    client.force_login(learner)
    data = json.loads(client.get("/en/account/personal-data/").content)
    assert (data["account"]["sex"], data["account"]["service_entry_year"]) == ("male", 2005)
    client.post("/en/account/erase/", {"password": "correct horse battery staple", "confirm": "on"})
    user = User.objects.get(pk=learner.pk)
    assert (user.sex, user.service_entry_year) == ("", None)

"""The People admin finds a person by name in either script, with or without diacritics,
and only among the people the viewer may see."""

import pytest

from accounts.factories import UserFactory
from accounts.models import User
from accounts.services import personal_data_erase

pytestmark = pytest.mark.django_db

INDEX_URL = "/admin/people/"


@pytest.fixture
def people(tree):
    bg, nis = tree["station_bg"], tree["station_ni"]
    return {
        "cyrillic": UserFactory(institution=bg, first_name="Марко", last_name="Љубичић"),
        "latin": UserFactory(institution=bg, first_name="Ana", last_name="Ljubičić"),
        "dz_latin": UserFactory(institution=bg, first_name="Petar", last_name="Džaković"),
        "dz_cyrillic": UserFactory(institution=bg, first_name="Јован", last_name="Џаковић"),
        "other": UserFactory(institution=nis, first_name="Mila", last_name="Ljubičić"),
    }


def _found(client, query, people):
    body = client.get(INDEX_URL, {"q": query}).content.decode()
    return {key for key, person in people.items() if person.email in body}


@pytest.mark.parametrize("query", ["Ljubičić", "Ljubicic", "Љубичић", "ljubicic"])
def test_a_name_finds_both_scripts_with_or_without_diacritics(
    client, mfa_login, manager_bg, people, query
):
    mfa_login(client, manager_bg)
    assert _found(client, query, people) == {"cyrillic", "latin"}


def test_dzakovic_finds_dzakovic_in_both_scripts(client, mfa_login, manager_bg, people):
    mfa_login(client, manager_bg)
    assert _found(client, "Dzakovic", people) == {"dz_latin", "dz_cyrillic"}


def test_email_is_still_searched(client, mfa_login, manager_bg, people):
    mfa_login(client, manager_bg)
    assert _found(client, people["latin"].email, people) == {"latin"}


def test_a_manager_never_finds_someone_outside_their_subtree_by_name(
    client, mfa_login, manager_bg, administrator, people
):
    mfa_login(client, manager_bg)
    assert "other" not in _found(client, "Мила Љубичић", people)
    assert "other" not in _found(client, "mila", people)
    mfa_login(client, administrator)
    assert "other" in _found(client, "Мила Љубичић", people)


def test_the_folded_name_is_kept_up_to_date_and_erased_with_the_name(people):
    person = people["latin"]
    assert person.name_folded == "ana ljubicic"
    person.last_name = "Đurić"
    person.save(update_fields=["last_name"])
    assert User.objects.get(pk=person.pk).name_folded == "ana djuric"
    personal_data_erase(user=person)
    assert User.objects.get(pk=person.pk).name_folded == ""


def test_the_migration_fills_the_folded_name_of_existing_people(people):
    from importlib import import_module

    from django.apps import apps

    User.objects.update(name_folded="")
    import_module("accounts.migrations.0003_user_name_folded").fill_name_folded(apps, None)
    assert User.objects.get(pk=people["cyrillic"].pk).name_folded == "marko ljubicic"
    assert User.objects.get(pk=people["dz_cyrillic"].pk).name_folded == "jovan dzakovic"

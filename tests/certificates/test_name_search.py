"""Managers find certificates by the holder's name in either script, with or without
diacritics; never another institution's."""

import pytest

from accounts.factories import UserFactory
from certificates.models import Certificate
from certificates.personal_data import personal_data_erase_certificates
from certificates.services import certificate_record

from .conftest import complete_course

pytestmark = pytest.mark.django_db

LIST_URL = "/en/manage/certificates/"


def _certificate(*, course, institution, first_name, last_name):
    user = UserFactory(institution=institution, first_name=first_name, last_name=last_name)
    return certificate_record(enrolment=complete_course(user=user, course=course))


@pytest.fixture
def holders(tree, course):
    bg, nis = tree["station_bg"], tree["station_ni"]
    return {
        "cyrillic": _certificate(
            course=course, institution=bg, first_name="Марко", last_name="Љубичић"
        ),
        "latin": _certificate(
            course=course, institution=bg, first_name="Ana", last_name="Ljubičić"
        ),
        "dz_latin": _certificate(
            course=course, institution=bg, first_name="Petar", last_name="Džaković"
        ),
        "dz_cyrillic": _certificate(
            course=course, institution=bg, first_name="Јован", last_name="Џаковић"
        ),
        "other": _certificate(
            course=course, institution=nis, first_name="Mila", last_name="Ljubičić"
        ),
        "unrelated": _certificate(
            course=course, institution=bg, first_name="Ivana", last_name="Popović"
        ),
    }


def _found(client, query, holders):
    body = client.get(LIST_URL, {"q": query}).content.decode()
    # By the link to each certificate: the query itself is echoed in the search box.
    return {key for key, c in holders.items() if f"/manage/certificates/{c.pk}/" in body}


@pytest.mark.parametrize("query", ["Ljubičić", "Ljubicic", "Љубичић", "ljubicic", "LJUBICIC"])
def test_a_name_finds_both_scripts_with_or_without_diacritics(
    client, mfa_login, manager_bg, holders, query
):
    mfa_login(client, manager_bg)
    assert _found(client, query, holders) == {"cyrillic", "latin"}


@pytest.mark.parametrize("query", ["Dzakovic", "Džaković", "Џаковић", "dzak"])
def test_dz_finds_dz_in_both_scripts(client, mfa_login, manager_bg, holders, query):
    mfa_login(client, manager_bg)
    assert _found(client, query, holders) == {"dz_latin", "dz_cyrillic"}


def test_given_and_family_name_in_any_order(client, mfa_login, manager_bg, holders):
    mfa_login(client, manager_bg)
    assert _found(client, "ljubicic marko", holders) == {"cyrillic"}
    assert _found(client, "Марко Ljubicic", holders) == {"cyrillic"}


def test_a_manager_never_finds_another_institutions_certificate_by_name(
    client, mfa_login, manager_bg, administrator, holders
):
    mfa_login(client, manager_bg)
    for query in ("Mila", "Ljubicic Mila", "Мила Љубичић", holders["other"].serial):
        assert "other" not in _found(client, query, holders)
    # The administrator, who sees everything, does find it: the name is there to find.
    mfa_login(client, administrator)
    assert "other" in _found(client, "Мила Љубичић", holders)


def test_the_folded_name_follows_the_holder_name_and_goes_with_it_on_erasure(holders):
    certificate = holders["cyrillic"]
    assert certificate.holder_name_folded == "marko ljubicic"
    personal_data_erase_certificates(certificate.user)
    certificate.refresh_from_db()
    assert certificate.holder_name == "" and certificate.holder_name_folded == ""
    assert not Certificate.objects.filter(
        holder_name_folded__contains="ljubicic", user=certificate.user
    )


def test_the_migration_fills_the_folded_name_of_existing_certificates(holders):
    from importlib import import_module

    from django.apps import apps

    Certificate.objects.update(holder_name_folded="")
    module = import_module("certificates.migrations.0004_certificate_holder_name_folded")
    module.fill_holder_name_folded(apps, None)
    assert Certificate.objects.get(pk=holders["cyrillic"].pk).holder_name_folded == "marko ljubicic"

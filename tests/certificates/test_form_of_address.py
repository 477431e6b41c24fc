"""Serbian agrees the verb with the holder: the certificate says "završio", "završila" or a
wording without gender, as the holder chose in their profile; never "završio/la"."""

import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from accounts.factories import UserFactory
from certificates.api import certificate_issue
from certificates.models import Certificate

from .conftest import complete_course

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs pdftotext (poppler-utils)"),
]


def _text(certificate) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "c.pdf"
        with certificate.pdf.open("rb") as handle:
            path.write_bytes(handle.read())
        out = subprocess.run(  # noqa: S603 - a fixed local tool on our own file
            [shutil.which("pdftotext"), str(path), "-"], capture_output=True, check=True, text=True
        ).stdout
    return " ".join(out.split())


def _issue(course, **user_fields):
    user = UserFactory(first_name="Ana", last_name="Jović", **user_fields)
    return certificate_issue(enrolment=complete_course(user=user, course=course))


@pytest.mark.parametrize(
    "form,language,expected",
    [
        ("masculine", "sr-latn", "Ovim se potvrđuje da je Ana Jović"),
        ("masculine", "sr-latn", "uspešno završio kurs"),
        ("feminine", "sr-latn", "uspešno završila kurs"),
        ("feminine", "sr", "успешно завршила курс"),
        ("", "sr-latn", "Ovaj sertifikat glasi na ime Ana Jović"),
        ("", "sr-latn", "i izdaje se za uspešno završen kurs"),
        ("", "sr", "и издаје се за успешно завршен курс"),
    ],
)
def test_serbian_wording_follows_the_form_of_address(course, form, language, expected):
    certificate = _issue(course, form_of_address=form, preferred_language=language)
    assert certificate.holder_form_of_address == form
    text = _text(certificate)
    assert expected in text
    assert "/la" not in text
    assert "/ла" not in text


@pytest.mark.parametrize("form", ["masculine", "feminine", ""])
def test_english_says_has_completed_whatever_the_form(course, form):
    text = _text(_issue(course, form_of_address=form, preferred_language="en"))
    assert "This is to certify that Ana Jović" in text
    assert "has completed the course" in text


def test_feminine_and_masculine_are_not_mixed_up(course):
    masculine = _text(_issue(course, form_of_address="masculine"))
    feminine = _text(_issue(course, form_of_address="feminine"))
    assert "završila" not in masculine
    assert "završio" not in feminine


def test_changing_it_in_the_profile_redraws_the_certificates(
    client, course, learner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        enrolment = complete_course(user=learner, course=course)
    certificate = Certificate.objects.get(enrolment=enrolment)
    assert "i izdaje se za uspešno završen kurs" in _text(certificate)
    client.force_login(learner)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _profile_url(),
            {
                "first_name": learner.first_name,
                "last_name": learner.last_name,
                "form_of_address": "feminine",
                "profession": learner.profession,
                "preferred_language": learner.preferred_language,
            },
        )
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.holder_form_of_address == "feminine"
    assert "uspešno završila kurs" in _text(certificate)
    assert Certificate.objects.filter(user=learner).count() == 1  # the same certificate


def _profile_url() -> str:
    from django.urls import reverse

    return reverse("accounts:profile")


def test_a_reissue_takes_the_current_form_of_address(course, administrator):
    from certificates.services import certificate_reissue

    certificate = _issue(course, form_of_address="masculine")
    certificate.user.form_of_address = "feminine"
    certificate.user.save()
    new = certificate_reissue(certificate=certificate, actor=administrator)
    assert new.holder_form_of_address == "feminine"


def test_erasure_blanks_it_on_the_certificates(course):
    from accounts.services import personal_data_erase

    certificate = _issue(course, form_of_address="feminine")
    personal_data_erase(user=certificate.user)
    certificate.refresh_from_db()
    certificate.user.refresh_from_db()
    assert certificate.holder_form_of_address == ""
    assert certificate.user.form_of_address == ""

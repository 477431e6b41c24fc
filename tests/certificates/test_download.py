"""Who may download a certificate's PDF: each boundary is tried from both sides."""

import pytest

from accounts.factories import UserFactory
from accounts.models import Role
from certificates.models import Certificate
from courses.authoring import course_assign_trainer

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(completed):
    return Certificate.objects.get(enrolment=completed)


def _url(certificate):
    return f"/en/certificates/{certificate.pk}/pdf/"


def test_holder_downloads_their_pdf(client, certificate, learner):
    client.force_login(learner)
    response = client.get(_url(certificate))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f"{certificate.serial}.pdf" in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_anonymous_visitor_is_sent_to_sign_in(client, certificate):
    response = client.get(_url(certificate))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_another_learner_cannot_download_it(client, certificate, other_learner):
    client.force_login(other_learner)
    assert client.get(_url(certificate)).status_code == 404


def test_trainer_of_the_course_downloads_it(client, certificate, trainer, course, mfa_login):
    course_assign_trainer(course=course, user=trainer)
    mfa_login(client, trainer)
    assert client.get(_url(certificate)).status_code == 200


def test_trainer_of_another_course_cannot(client, certificate, trainer, mfa_login):
    from courses.factories import course_with_lessons

    course_assign_trainer(course=course_with_lessons(modules=1, lessons=1), user=trainer)
    mfa_login(client, trainer)
    assert client.get(_url(certificate)).status_code == 404


def test_manager_of_the_holders_subtree_downloads_it(client, certificate, manager_bg, mfa_login):
    mfa_login(client, manager_bg)
    assert client.get(_url(certificate)).status_code == 200


def test_manager_of_another_subtree_cannot(client, certificate, tree, mfa_login):
    manager_nis = UserFactory(
        institution=tree["nis"], roles=[(Role.INSTITUTION_MANAGER, tree["nis"])]
    )
    mfa_login(client, manager_nis)
    assert client.get(_url(certificate)).status_code == 404


def test_analyst_cannot_download_peoples_certificates(client, certificate, analyst, mfa_login):
    mfa_login(client, analyst)
    assert client.get(_url(certificate)).status_code == 404


def test_administrator_downloads_it(client, certificate, administrator, mfa_login):
    mfa_login(client, administrator)
    assert client.get(_url(certificate)).status_code == 200


def test_staff_without_a_second_factor_in_this_session_cannot(client, certificate, manager_bg):
    client.force_login(manager_bg)
    assert client.get(_url(certificate)).status_code == 403


def test_file_is_stored_outside_the_public_media_folder(client, certificate, settings):
    from pathlib import Path

    stored = Path(certificate.pdf.storage.path(certificate.pdf.name)).resolve()
    assert stored.exists()
    assert not stored.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    response = client.get(f"/media/{certificate.pdf.name}")
    assert response.status_code == 404

"""Managers download their subtree's certificates as a ZIP built in the background."""

import io
import zipfile
from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.factories import UserFactory
from accounts.models import Role
from certificates.api import certificate_issue
from certificates.models import Certificate, CertificateExport
from courses.factories import course_with_lessons

from .conftest import complete_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def issued(learner, other_learner, course):
    """One certificate in Belgrade (learner), one in Niš (other_learner)."""
    return {
        "bg": certificate_issue(enrolment=complete_course(user=learner, course=course)),
        "ni": certificate_issue(enrolment=complete_course(user=other_learner, course=course)),
    }


def _request_zip(client, django_capture_on_commit_callbacks, **data):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/manage/certificates/downloads/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return CertificateExport.objects.latest("pk"), response


def _names(client, export) -> set[str]:
    response = client.get(f"/en/manage/certificates/downloads/{export.pk}/zip/")
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    return set(archive.namelist())


def test_manager_gets_only_their_subtrees_certificates(
    client, issued, manager_bg, mfa_login, django_capture_on_commit_callbacks
):
    mfa_login(client, manager_bg)
    export, response = _request_zip(client, django_capture_on_commit_callbacks)
    assert response["Location"] == f"/en/manage/certificates/downloads/{export.pk}/"
    assert export.status == "done"
    assert export.total == export.processed == 1
    assert _names(client, export) == {f"{issued['bg'].serial}.pdf"}


def test_the_zip_holds_the_real_pdfs(
    client, issued, manager_bg, mfa_login, django_capture_on_commit_callbacks
):
    mfa_login(client, manager_bg)
    export, _ = _request_zip(client, django_capture_on_commit_callbacks)
    response = client.get(f"/en/manage/certificates/downloads/{export.pk}/zip/")
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    pdf = archive.read(f"{issued['bg'].serial}.pdf")
    with issued["bg"].pdf.open("rb") as stored:
        assert pdf == stored.read()


def test_progress_page_shows_the_download_link_when_done(
    client, issued, manager_bg, mfa_login, django_capture_on_commit_callbacks
):
    mfa_login(client, manager_bg)
    export, _ = _request_zip(client, django_capture_on_commit_callbacks)
    body = client.get(f"/en/manage/certificates/downloads/{export.pk}/").content.decode()
    assert f"/downloads/{export.pk}/zip/" in body
    assert 'http-equiv="refresh"' not in body


def test_progress_page_refreshes_while_waiting(client, manager_bg, mfa_login):
    export = CertificateExport.objects.create(requested_by=manager_bg, total=10, processed=4)
    mfa_login(client, manager_bg)
    body = client.get(f"/en/manage/certificates/downloads/{export.pk}/").content.decode()
    assert 'http-equiv="refresh"' in body
    assert 'value="40"' in body
    assert client.get(f"/en/manage/certificates/downloads/{export.pk}/zip/").status_code == 404


def test_filters_by_course_and_period(
    client, learner, manager_bg, mfa_login, django_capture_on_commit_callbacks
):
    wanted_course = course_with_lessons(modules=1, lessons=1)
    other_course = course_with_lessons(modules=1, lessons=1)
    wanted = certificate_issue(enrolment=complete_course(user=learner, course=wanted_course))
    certificate_issue(enrolment=complete_course(user=learner, course=other_course))
    old = UserFactory(institution=learner.institution)
    old_certificate = certificate_issue(enrolment=complete_course(user=old, course=wanted_course))
    Certificate.objects.filter(pk=old_certificate.pk).update(
        issued_at=timezone.now() - timedelta(days=400)
    )
    today = timezone.localdate()
    mfa_login(client, manager_bg)
    export, _ = _request_zip(
        client,
        django_capture_on_commit_callbacks,
        course=wanted_course.pk,
        issued_from=(today - timedelta(days=30)).isoformat(),
        issued_to=today.isoformat(),
    )
    assert _names(client, export) == {f"{wanted.serial}.pdf"}


def test_a_period_that_ends_before_it_starts_is_refused(client, manager_bg, mfa_login):
    mfa_login(client, manager_bg)
    response = client.post(
        "/en/manage/certificates/downloads/",
        {"issued_from": "2026-05-01", "issued_to": "2026-04-01"},
    )
    assert response.status_code == 400
    assert not CertificateExport.objects.exists()


def test_another_manager_cannot_fetch_someone_elses_zip(
    client, issued, manager_bg, tree, mfa_login, django_capture_on_commit_callbacks
):
    mfa_login(client, manager_bg)
    export, _ = _request_zip(client, django_capture_on_commit_callbacks)
    manager_nis = UserFactory(
        institution=tree["nis"], roles=[(Role.INSTITUTION_MANAGER, tree["nis"])]
    )
    mfa_login(client, manager_nis)
    assert client.get(f"/en/manage/certificates/downloads/{export.pk}/").status_code == 404
    assert client.get(f"/en/manage/certificates/downloads/{export.pk}/zip/").status_code == 404


def test_learners_trainers_and_analysts_cannot_request_zips(
    client, learner, analyst, trainer, mfa_login
):
    client.force_login(learner)
    assert client.get("/en/manage/certificates/downloads/").status_code == 403
    for staff in (analyst, trainer):
        mfa_login(client, staff)
        assert client.post("/en/manage/certificates/downloads/", {}).status_code == 403
    assert not CertificateExport.objects.exists()


def test_administrator_zip_covers_everyone(
    client, issued, administrator, mfa_login, django_capture_on_commit_callbacks
):
    mfa_login(client, administrator)
    export, _ = _request_zip(client, django_capture_on_commit_callbacks)
    assert _names(client, export) == {f"{c.serial}.pdf" for c in issued.values()}

"""Revoking is a deliberate two-step act (a confirmation page with a reason), and a revoked
certificate's PDF says so on every page: the PDF of the valid certificate is never served
after the revocation."""

import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from accounts.factories import UserFactory
from accounts.models import Role
from audit.models import AuditEvent
from certificates.models import Certificate, CertificateEvent
from certificates.services import certificate_render, certificate_revoke
from courses.authoring import course_assign_trainer

pytestmark = pytest.mark.django_db

PDFTOTEXT = shutil.which("pdftotext")


@pytest.fixture
def certificate(completed):
    return Certificate.objects.get(enrolment=completed)


def _url(certificate):
    return f"/en/manage/certificates/{certificate.pk}/revoke/"


def _pdf_text(pdf: bytes) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "c.pdf"
        path.write_bytes(pdf)
        return subprocess.run(  # noqa: S603 - a fixed local tool on our own file
            [PDFTOTEXT, str(path), "-"], capture_output=True, check=True, text=True
        ).stdout


def _download(client, certificate) -> bytes:
    response = client.get(f"/en/certificates/{certificate.pk}/pdf/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    return b"".join(response.streaming_content)


# --- The two steps ---------------------------------------------------------------------


def test_detail_page_only_links_to_the_confirmation_page(
    client, certificate, administrator, mfa_login
):
    mfa_login(client, administrator)
    body = client.get(f"/en/manage/certificates/{certificate.pk}/").content.decode()
    assert f'href="{_url(certificate)}"' in body
    assert f'action="{_url(certificate)}"' not in body  # no one-click form on the detail page


def test_confirmation_page_shows_the_certificate_and_asks_why(
    client, certificate, administrator, mfa_login
):
    mfa_login(client, administrator)
    response = client.get(_url(certificate))
    assert response.status_code == 200
    body = response.content.decode()
    assert certificate.serial in body
    assert certificate.holder_name in body
    assert certificate.course_title in body
    assert 'name="category"' in body
    assert 'name="reason"' in body
    assert "csrfmiddlewaretoken" in body
    certificate.refresh_from_db()
    assert certificate.revoked_at is None  # looking is not revoking


def test_revoking_stores_the_kind_of_reason_the_details_and_audits_them(
    client, certificate, administrator, mfa_login
):
    mfa_login(client, administrator)
    response = client.post(
        _url(certificate), {"category": "wrong_person", "reason": "Same name, other officer."}
    )
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.revocation_category == "wrong_person"
    assert certificate.revoked_reason == "Same name, other officer."
    entry = AuditEvent.objects.get(action="certificate_revoked")
    assert entry.details["category"] == "wrong_person"
    assert entry.details["reason"] == "Same name, other officer."
    event = CertificateEvent.objects.get(certificate=certificate, action="revoked")
    assert "Same name, other officer." in event.reason


def test_verify_page_gives_the_kind_of_reason_and_the_details(
    client, certificate, administrator, english
):
    certificate_revoke(
        certificate=certificate,
        actor=administrator,
        category="misconduct",
        reason="Answers were shared.",
    )
    body = client.get(f"/en/certificates/verify/{certificate.code}/").content.decode()
    assert "verify-revoked" in body
    assert "The course was not completed honestly: Answers were shared." in body


def test_a_kind_of_reason_must_be_chosen(client, certificate, administrator, mfa_login):
    mfa_login(client, administrator)
    response = client.post(_url(certificate), {"category": "", "reason": "Because."})
    assert response.status_code == 400
    certificate.refresh_from_db()
    assert certificate.revoked_at is None


def test_an_unknown_kind_of_reason_is_refused(client, certificate, administrator, mfa_login):
    mfa_login(client, administrator)
    response = client.post(_url(certificate), {"category": "bored", "reason": "x"})
    assert response.status_code == 400
    certificate.refresh_from_db()
    assert certificate.revoked_at is None


def test_another_reason_needs_details(client, certificate, administrator, mfa_login):
    mfa_login(client, administrator)
    response = client.post(_url(certificate), {"category": "other", "reason": "  "})
    assert response.status_code == 400
    certificate.refresh_from_db()
    assert certificate.revoked_at is None
    assert not AuditEvent.objects.filter(action="certificate_revoked").exists()


def test_revoking_needs_the_csrf_token(certificate, administrator, mfa_login):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    mfa_login(client, administrator)
    response = client.post(_url(certificate), {"category": "error", "reason": "x"})
    assert response.status_code == 403
    certificate.refresh_from_db()
    assert certificate.revoked_at is None


def test_a_revoked_certificate_has_no_confirmation_page_any_more(
    client, certificate, administrator, mfa_login
):
    certificate_revoke(certificate=certificate, actor=administrator, category="error", reason="")
    mfa_login(client, administrator)
    response = client.get(_url(certificate))
    assert response.status_code == 302
    assert client.post(_url(certificate), {"category": "error"}).status_code == 302
    assert CertificateEvent.objects.filter(action="revoked").count() == 1


# --- Who may revoke --------------------------------------------------------------------


@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_visitor_cannot_revoke(client, certificate, method):
    response = getattr(client, method)(_url(certificate), {"category": "error"})
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    certificate.refresh_from_db()
    assert certificate.revoked_at is None


@pytest.mark.parametrize("method", ["get", "post"])
def test_the_holder_cannot_revoke(client, certificate, learner, method):
    client.force_login(learner)
    response = getattr(client, method)(_url(certificate), {"category": "error"})
    assert response.status_code == 403
    certificate.refresh_from_db()
    assert certificate.revoked_at is None


@pytest.mark.parametrize("method", ["get", "post"])
def test_manager_of_another_institution_cannot_revoke(client, certificate, tree, mfa_login, method):
    manager_nis = UserFactory(
        institution=tree["nis"], roles=[(Role.INSTITUTION_MANAGER, tree["nis"])]
    )
    mfa_login(client, manager_nis)
    response = getattr(client, method)(_url(certificate), {"category": "error"})
    assert response.status_code in (403, 404)
    certificate.refresh_from_db()
    assert certificate.revoked_at is None


@pytest.mark.parametrize("method", ["get", "post"])
def test_manager_of_the_holders_institution_cannot_revoke_either(
    client, certificate, manager_bg, mfa_login, method
):
    mfa_login(client, manager_bg)
    response = getattr(client, method)(_url(certificate), {"category": "error"})
    assert response.status_code == 403
    certificate.refresh_from_db()
    assert certificate.revoked_at is None


def test_trainer_of_the_course_may_open_the_confirmation_page(
    client, certificate, trainer, course, mfa_login
):
    course_assign_trainer(course=course, user=trainer)
    mfa_login(client, trainer)
    assert client.get(_url(certificate)).status_code == 200


# --- The PDF after revocation ----------------------------------------------------------


@pytest.mark.skipif(not PDFTOTEXT, reason="needs pdftotext (poppler-utils)")
def test_holder_downloads_a_pdf_marked_revoked_with_date_and_reason_never_the_old_one(
    client, certificate, learner, administrator, settings
):
    with certificate.pdf.open("rb") as handle:
        valid_pdf = handle.read()
    assert "OPOZVAN" not in _pdf_text(valid_pdf)
    # Revoked; the background redraw has not run (the test's transaction never commits).
    certificate_revoke(
        certificate=certificate,
        actor=administrator,
        category="misconduct",
        reason="Answers were shared.",
    )
    certificate.refresh_from_db()
    assert not certificate.pdf_is_current
    client.force_login(learner)
    pdf = _download(client, certificate)
    assert pdf != valid_pdf
    text = " ".join(_pdf_text(pdf).split())  # the holder reads Serbian (Latin)
    assert "OPOZVAN" in text
    assert "Ovaj sertifikat je opozvan" in text
    assert "Answers were shared." in text
    certificate.refresh_from_db()
    assert certificate.pdf_is_current  # drawn once, kept


@pytest.mark.skipif(not PDFTOTEXT, reason="needs pdftotext (poppler-utils)")
def test_after_the_commit_the_pdf_is_redrawn_marked_in_the_holders_language(
    course, administrator, django_capture_on_commit_callbacks
):
    from certificates.api import certificate_issue

    from .conftest import complete_course

    holder = UserFactory(preferred_language="en")
    certificate = certificate_issue(enrolment=complete_course(user=holder, course=course))
    with django_capture_on_commit_callbacks(execute=True):
        certificate_revoke(
            certificate=certificate, actor=administrator, category="error", reason=""
        )
    certificate.refresh_from_db()
    assert certificate.pdf_is_current  # redrawn by the background task after the commit
    with certificate.pdf.open("rb") as handle:
        text = _pdf_text(handle.read())
    assert "REVOKED" in text
    assert "This certificate was revoked on" in text
    assert "Issued in error" in text


@pytest.mark.skipif(not PDFTOTEXT, reason="needs pdftotext (poppler-utils)")
def test_a_pdf_drawn_while_the_certificate_was_being_revoked_is_not_kept(
    certificate, administrator
):
    """A redraw that read the certificate before its revocation does not record its
    unmarked file over the revocation: it is drawn again from the revoked row."""
    stale = Certificate.objects.get(pk=certificate.pk)  # read before the revocation
    certificate_revoke(certificate=certificate, actor=administrator, category="error", reason="")
    certificate_render(certificate=stale)
    certificate.refresh_from_db()
    assert certificate.pdf_is_current
    with certificate.pdf.open("rb") as handle:
        assert "OPOZVAN" in _pdf_text(handle.read())


@pytest.mark.skipif(not PDFTOTEXT, reason="needs pdftotext (poppler-utils)")
def test_zip_download_holds_the_marked_pdf(certificate, administrator, manager_bg):
    import io
    import zipfile

    from certificates.exports import export_create, export_run

    certificate_revoke(certificate=certificate, actor=administrator, category="error", reason="")
    export = export_create(viewer=manager_bg)
    export_run(export=export)
    export.refresh_from_db()
    with export.file.open("rb") as handle:
        archive = zipfile.ZipFile(io.BytesIO(handle.read()))
    assert "OPOZVAN" in _pdf_text(archive.read(f"{certificate.serial}.pdf"))

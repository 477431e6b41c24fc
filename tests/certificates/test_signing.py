"""Certificates' PDFs signed as PAdES with the issuer's key, and uploaded PDFs checked.

The test session signs with a key and self-signed chain of its own (the
`certificate_signing_key` fixture of tests/conftest.py); `other_key` is someone else's.
"""

import io
import zipfile

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings
from pyhanko.keys import load_cert_from_pemder
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext
from pypdf import PdfReader

from accounts.factories import UserFactory
from certificates.api import certificate_issue
from certificates.checks import certificates_can_be_signed
from certificates.models import Certificate
from certificates.rendering import certificate_html, pdf_from_html
from certificates.services import (
    certificate_pdf_current,
    certificate_reissue,
    certificate_revoke,
    certificates_regenerate,
)
from certificates.signing import (
    SigningNotConfigured,
    fingerprint_of,
    key_chain_write,
    outside_event_loop,
    pdf_sign,
)
from certificates.verification import code_in_keywords

from .conftest import complete_course

pytestmark = pytest.mark.django_db


def _bytes(certificate) -> bytes:
    with certificate.pdf.open("rb") as handle:
        return handle.read()


def _status(data: bytes, root_path):
    """pyHanko's verdict on the PDF's only signature, with `root_path` as the trust root."""
    reader = PdfFileReader(io.BytesIO(data))
    [signature] = reader.embedded_signatures
    context = ValidationContext(trust_roots=[load_cert_from_pemder(str(root_path))])
    return outside_event_loop(validate_pdf_signature, signature, context)


@pytest.fixture
def issued(course, learner):
    return certificate_issue(enrolment=complete_course(user=learner, course=course))


@pytest.fixture
def other_key(tmp_path):
    return key_chain_write(tmp_path / "other", label="Someone else")


def _signing_with(files, **more):
    return override_settings(
        CERTIFICATE_SIGNING_KEY=str(files.key),
        CERTIFICATE_SIGNING_CERT=str(files.certificate),
        CERTIFICATE_SIGNING_CHAIN=[str(files.root)],
        **more,
    )


def _one_byte_changed(data: bytes) -> bytes:
    """A byte inside the drawn page (the first revision's middle), changed."""
    position = len(data) // 4
    return data[:position] + bytes([data[position] ^ 0x01]) + data[position + 1 :]


# --- The signature --------------------------------------------------------------------------


def test_the_certificate_pdf_is_signed_as_pades_and_validates_against_the_trust_root(
    issued, certificate_signing_key
):
    data = _bytes(issued)
    status = _status(data, certificate_signing_key.root)
    assert status.bottom_line, status.pretty_print_details()
    assert status.intact and status.valid and status.trusted
    assert status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    reader = PdfFileReader(io.BytesIO(data))
    [signature] = reader.embedded_signatures
    assert signature.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"  # PAdES baseline
    assert issued.serial in str(signature.sig_object["/Reason"])
    assert issued.code in str(signature.sig_object["/Reason"])
    assert issued.pdf_signed_by == fingerprint_of(signature.signer_cert)


def test_a_one_byte_change_is_detected(issued, certificate_signing_key):
    status = _status(_one_byte_changed(_bytes(issued)), certificate_signing_key.root)
    assert not status.intact
    assert not status.bottom_line


def test_the_signature_is_an_incremental_update_that_keeps_pdf_a_metadata(issued):
    data = _bytes(issued)
    reader = PdfFileReader(io.BytesIO(data))
    assert reader.xrefs.total_revisions == 2  # WeasyPrint's file, then the signature
    pypdf = PdfReader(io.BytesIO(data))
    xmp = pypdf.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert 'pdfaid:part="3"' in xmp
    assert 'pdfaid:conformance="B"' in xmp
    # PDF/A: the information dictionary and the XMP packet agree (pyHanko left both alone).
    producer = pypdf.metadata["/Producer"]
    assert producer.startswith("WeasyPrint")
    assert f'pdf:Producer="{producer}"' in xmp
    assert issued.code in xmp and issued.code in pypdf.metadata["/Keywords"]
    # The signature field is invisible and printable (PDF/A bans hidden annotations).
    [field] = [f.get_object() for f in pypdf.trailer["/Root"]["/AcroForm"]["/Fields"]]
    assert [float(x) for x in field["/Rect"]] == [0, 0, 0, 0]
    assert field["/F"] & 4 and not field["/F"] & 2


def test_with_a_time_stamping_authority_the_signature_is_time_stamped(
    course, monkeypatch, tmp_path
):
    """PAdES B-T: the signature carries a time stamp from the configured authority (here
    pyHanko's in-process test authority stands in for the HTTP one)."""
    from pyhanko.keys import load_private_key_from_pemder
    from pyhanko.sign.timestamps import DummyTimeStamper

    from certificates import signing

    tsa = key_chain_write(tmp_path / "tsa", label="TSA", kind="rsa")
    asked = []

    def authority(url, timeout):
        asked.append(url)
        return DummyTimeStamper(
            tsa_cert=load_cert_from_pemder(str(tsa.certificate)),
            tsa_key=load_private_key_from_pemder(str(tsa.key), passphrase=None),
        )

    monkeypatch.setattr(signing, "HTTPTimeStamper", authority)
    with override_settings(CERTIFICATE_TSA_URL="https://tsa.example.org/"):
        certificate = certificate_issue(
            enrolment=complete_course(user=UserFactory(), course=course)
        )
    assert asked == ["https://tsa.example.org/"]
    [signature] = PdfFileReader(io.BytesIO(_bytes(certificate))).embedded_signatures
    unsigned = [a["type"].native for a in signature.signer_info["unsigned_attrs"]]
    assert "signature_time_stamp_token" in unsigned


def test_reissue_signs_the_new_certificate_anew(
    issued, administrator, django_capture_on_commit_callbacks, certificate_signing_key
):
    with django_capture_on_commit_callbacks(execute=True):
        new = certificate_reissue(certificate=issued, actor=administrator, reason="Name")
    new.refresh_from_db()
    assert new.pdf and new.pdf_signed_by
    assert _status(_bytes(new), certificate_signing_key.root).bottom_line
    assert code_in_keywords(PdfReader(io.BytesIO(_bytes(new))).metadata["/Keywords"]) == new.code


def test_regeneration_after_a_design_change_signs_anew(issued, certificate_signing_key):
    before = _bytes(issued)
    certificates_regenerate(certificates=Certificate.objects.filter(pk=issued.pk))
    issued.refresh_from_db()
    after = _bytes(issued)
    assert after != before
    assert _status(after, certificate_signing_key.root).bottom_line


def test_a_pdf_drawn_before_signing_began_is_signed_when_handed_out(issued):
    unsigned = pdf_from_html(certificate_html(certificate=issued))
    issued.pdf.save("certificate.pdf", io.BytesIO(unsigned), save=False)
    Certificate.objects.filter(pk=issued.pk).update(pdf=issued.pdf.name, pdf_signed_by="")
    issued.refresh_from_db()
    certificate_pdf_current(certificate=issued)
    assert issued.pdf_signed_by
    assert PdfFileReader(io.BytesIO(_bytes(issued))).embedded_signatures


def test_the_bulk_zip_holds_signed_pdfs(issued, administrator, certificate_signing_key):
    from certificates.exports import export_create, export_run

    Certificate.objects.filter(pk=issued.pk).update(pdf_signed_by="")  # as if drawn before
    export = export_create(viewer=administrator)
    export_run(export=export)
    export.refresh_from_db()
    with export.file.open("rb") as handle:
        archive = zipfile.ZipFile(io.BytesIO(handle.read()))
    [name] = archive.namelist()
    assert _status(archive.read(name), certificate_signing_key.root).bottom_line


# --- Production without a key ---------------------------------------------------------------

NO_KEY = {
    "CERTIFICATE_SIGNING_KEY": "",
    "CERTIFICATE_SIGNING_CERT": "",
    "CERTIFICATE_SIGNING_CHAIN": [],
}


def test_production_refuses_to_draw_a_certificate_it_cannot_sign(course, learner):
    enrolment = complete_course(user=learner, course=course)
    with (
        override_settings(CERTIFICATE_SIGNING_REQUIRED=True, **NO_KEY),
        pytest.raises(SigningNotConfigured, match="CERTIFICATE_SIGNING_PKCS12"),
    ):
        certificate_issue(enrolment=enrolment)
    certificate = Certificate.objects.get(user=learner)
    assert not certificate.pdf  # nothing unsigned was stored or handed out


def test_the_render_task_fails_loudly_in_production_without_a_key(issued):
    from certificates.services import certificate_render_task

    with (
        override_settings(CERTIFICATE_SIGNING_REQUIRED=True, **NO_KEY),
        pytest.raises(SigningNotConfigured),
    ):
        certificate_render_task.call(certificate_id=issued.pk)


def test_development_without_a_key_draws_unsigned_with_a_warning(caplog):
    with override_settings(**NO_KEY):
        assert pdf_sign(b"%PDF-1.7 ...") == b"%PDF-1.7 ..."
    assert "unsigned" in caplog.text


def test_check_deploy_names_the_missing_key_in_production():
    with override_settings(CERTIFICATE_SIGNING_REQUIRED=True, **NO_KEY):
        [error] = certificates_can_be_signed(None)
        assert error.id == "certificates.E001"
        assert "CERTIFICATE_SIGNING_PKCS12" in error.hint
        with pytest.raises(SystemCheckError, match="certificates.E001"):
            call_command("check", "--deploy", "--tag", "security")


def test_check_deploy_names_a_wrong_passphrase(tmp_path, certificate_signing_key):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509 import load_pem_x509_certificate

    key = serialization.load_pem_private_key(certificate_signing_key.key.read_bytes(), None)
    cert = load_pem_x509_certificate(certificate_signing_key.certificate.read_bytes())
    p12 = tmp_path / "issuer.p12"
    p12.write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"issuer", key, cert, None, serialization.BestAvailableEncryption(b"right")
        )
    )
    with override_settings(
        CERTIFICATE_SIGNING_REQUIRED=True,
        CERTIFICATE_SIGNING_PKCS12=str(p12),
        CERTIFICATE_SIGNING_PASSPHRASE="wrong",
        **NO_KEY,
    ):
        [error] = certificates_can_be_signed(None)
        assert "passphrase" in error.hint
    with override_settings(
        CERTIFICATE_SIGNING_REQUIRED=True,
        CERTIFICATE_SIGNING_PKCS12=str(p12),
        CERTIFICATE_SIGNING_PASSPHRASE="right",
        **NO_KEY,
    ):
        assert certificates_can_be_signed(None) == []
        signed = pdf_sign(pdf_from_html("<p>PKCS#12</p>"))
        assert _status(signed, certificate_signing_key.root).bottom_line


def test_check_deploy_passes_with_the_key():
    with override_settings(CERTIFICATE_SIGNING_REQUIRED=True):
        assert certificates_can_be_signed(None) == []


# --- The verify pages -----------------------------------------------------------------------

UPLOAD = "/en/certificates/verify/pdf/"


def _upload(client, data: bytes, name: str = "certificate.pdf"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(UPLOAD, {"pdf": SimpleUploadedFile(name, data, "application/pdf")})


@pytest.mark.usefixtures("english")
def test_the_verify_page_names_the_signature_and_its_fingerprint(client, issued):
    body = client.get(f"/en/certificates/verify/{issued.code}/").content.decode()
    assert issued.pdf_signed_by in body
    assert "digital signature" in body
    assert UPLOAD in body


@pytest.mark.usefixtures("english")
def test_the_verify_form_offers_the_upload(client, issued):
    body = client.get("/en/certificates/verify/").content.decode()
    assert f'action="{UPLOAD}"' in body
    assert 'enctype="multipart/form-data"' in body
    assert issued.pdf_signed_by in body


@pytest.mark.usefixtures("english")
def test_an_uploaded_genuine_pdf_is_recognised_with_its_current_status(client, issued):
    response = _upload(client, _bytes(issued))
    assert response.status_code == 200
    body = response.content.decode()
    assert "is a certificate issued by this platform" in body
    assert "nothing in it was changed" in body
    assert issued.serial in body
    assert "This certificate is genuine and valid." in body


@pytest.mark.usefixtures("english")
def test_an_uploaded_pdf_of_a_revoked_certificate_says_revoked(client, issued, administrator):
    data = _bytes(issued)
    certificate_revoke(certificate=issued, actor=administrator, reason="Issued by mistake.")
    body = _upload(client, data).content.decode()
    assert "is a certificate issued by this platform" in body
    assert "This certificate was revoked" in body
    assert "Issued by mistake." in body


@pytest.mark.usefixtures("english")
def test_an_uploaded_pdf_of_a_superseded_certificate_says_superseded(
    client, issued, administrator, django_capture_on_commit_callbacks
):
    data = _bytes(issued)
    with django_capture_on_commit_callbacks(execute=True):
        certificate_reissue(certificate=issued, actor=administrator, reason="Name")
    body = _upload(client, data).content.decode()
    assert "replaced by a newer one" in body


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda data, other: b"Hello, I am not a PDF at all.", "is not a PDF document"),
        (lambda data, other: data[: len(data) // 3], "is not a PDF document"),
        (lambda data, other: _unsigned(), "carries no digital signature"),
        (lambda data, other: _signed_by(other), "not with this platform's key"),
        (lambda data, other: _one_byte_changed(data), "was changed after it was signed"),
        (lambda data, other: _added_after(data), "Something was added to the file"),
        (lambda data, other: _signed_again(data, other), "Something was added to the file"),
    ],
    ids=[
        "not-a-pdf",
        "truncated",
        "unsigned",
        "someone-else",
        "one-byte",
        "added-after",
        "signed-again-by-someone-else",
    ],
)
def test_a_bad_upload_gets_a_clear_message(client, issued, other_key, make, message):
    response = _upload(client, make(_bytes(issued), other_key), name="suspect.pdf")
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body, body[:3000]
    assert "suspect.pdf" in body
    assert "is a certificate issued by this platform" not in body
    assert "genuine" not in body


def _unsigned() -> bytes:
    certificate = Certificate.objects.get()
    return pdf_from_html(certificate_html(certificate=certificate))


def _signed_by(files) -> bytes:
    with _signing_with(files):
        return pdf_sign(_unsigned())


def _added_after(data: bytes) -> bytes:
    """Our signed PDF with an incremental update appended (as an editor saving a change
    would): the signed revision is intact, but it is no longer the whole file."""
    writer = IncrementalPdfFileWriter(io.BytesIO(data))
    writer.root["/Lang"] = generic.pdf_string("en")
    writer.update_root()
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def _signed_again(data: bytes, files) -> bytes:
    """Our signed PDF signed once more, by someone else, in a field of their own."""
    from pyhanko.sign import signers

    signer = signers.SimpleSigner.load(str(files.key), str(files.certificate))
    output = outside_event_loop(
        signers.sign_pdf,
        IncrementalPdfFileWriter(io.BytesIO(data)),
        signers.PdfSignatureMetadata(field_name="Countersignature"),
        signer=signer,
    )
    return output.getvalue()


@pytest.mark.usefixtures("english")
def test_an_upload_over_the_size_limit_is_refused_before_it_is_checked(client, issued):
    with override_settings(CERTIFICATE_VERIFY_UPLOAD_MAX_BYTES=1024):
        response = _upload(client, _bytes(issued))
    assert response.status_code == 400
    assert "too big to be a certificate" in response.content.decode()


@pytest.mark.usefixtures("english")
def test_a_request_body_far_over_the_limit_is_refused_unread(client, issued):
    with override_settings(CERTIFICATE_VERIFY_UPLOAD_MAX_BYTES=1024):
        response = _upload(client, b"%PDF-" + b"0" * 200_000)
    assert response.status_code == 400
    assert "too big to be a certificate" in response.content.decode()


@pytest.mark.usefixtures("english")
def test_an_upload_without_a_file_asks_for_one(client):
    response = client.post(UPLOAD, {})
    assert response.status_code == 400
    assert "Choose the certificate&#x27;s PDF file." in response.content.decode()


@pytest.mark.usefixtures("english")
def test_uploads_are_rate_limited_like_the_look_ups(client, issued):
    data = _bytes(issued)
    with override_settings(CERTIFICATE_VERIFY_RATE_LIMIT=2):
        assert _upload(client, data).status_code == 200
        assert client.get(f"/en/certificates/verify/{issued.code}/").status_code == 200
        response = _upload(client, data)
    assert response.status_code == 429
    assert response["Retry-After"]


def test_the_upload_needs_the_csrf_token(issued):
    from django.test import Client

    response = _upload(Client(enforce_csrf_checks=True), _bytes(issued))
    assert response.status_code == 403


@pytest.mark.usefixtures("english")
def test_a_pdf_signed_with_a_former_key_is_still_recognised(client, issued, other_key, settings):
    """The issuer's key was replaced: PDFs signed with the old one are still ours while its
    certificate is listed in CERTIFICATE_SIGNING_FORMER_CERTS."""
    data = _bytes(issued)
    with _signing_with(other_key):
        assert "not with this platform" in _upload(client, data).content.decode()
    former = [settings.CERTIFICATE_SIGNING_CERT]  # the session's key, now replaced
    with _signing_with(other_key, CERTIFICATE_SIGNING_FORMER_CERTS=former):
        body = _upload(client, data).content.decode()
    assert "is a certificate issued by this platform" in body


def test_code_in_keywords_takes_only_a_code_written_in_full():
    from certificates.codes import code_generate

    real = code_generate()
    assert code_in_keywords(f"CT-2026-000001, {real}") == real
    assert code_in_keywords(f"CT-2026-000001, {real.lower()}") is None
    assert code_in_keywords("CT-2026-000001") is None
    assert code_in_keywords("") is None


def test_signing_works_where_an_event_loop_already_runs(issued, certificate_signing_key):
    """An ASGI server or a Playwright-driven test runs a loop in this thread: pyHanko's own
    asyncio.run must not meet it."""
    import asyncio

    pdf = pdf_from_html(certificate_html(certificate=issued))  # not yet signed

    async def inside_a_loop():
        return pdf_sign(pdf, reason="again")

    # In a thread of its own: this test's worker may already run a loop (Playwright's).
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        signed = pool.submit(asyncio.run, inside_a_loop()).result()
    assert len(signed) > len(pdf)

"""Open Badges 3.0 credentials: what they say (against 1EdTech's schema), who may download
them, their signature checked with the published keys, and revocation in the status list."""

import base64
import gzip
import json
from datetime import timedelta
from pathlib import Path

import jsonschema
import pytest
from django.core.management import call_command
from django.utils import timezone
from joserfc.errors import BadSignatureError

from accounts.personal_data import personal_data_export
from accounts.services import personal_data_erase
from certificates import openbadges
from certificates.checks import credentials_can_be_signed
from certificates.models import Certificate
from certificates.services import certificate_reissue, certificate_revoke

pytestmark = pytest.mark.django_db

SCHEMA = json.loads(
    (Path(__file__).parent / "schemas" / "ob_v3p0_achievementcredential_schema.json").read_text()
)


@pytest.fixture
def certificate(completed):
    return Certificate.objects.select_related("user").get(enrolment=completed)


def _badge_url(certificate, suffix="jwt"):
    return f"/en/certificates/{certificate.pk}/badge.{suffix}"


def _download(client, certificate) -> str:
    response = client.get(_badge_url(certificate))
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/vc+jwt"
    return response.content.decode("ascii")


def _published_keys(client) -> dict:
    response = client.get("/certificates/issuer/jwks.json")
    assert response.status_code == 200
    return response.json()


def _claims(token: str) -> dict:
    return json.loads(base64.urlsafe_b64decode(token.split(".")[1] + "=="))


def _status_bit(client, index: int) -> bool:
    response = client.get("/certificates/issuer/status/revocation.jwt")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vc+jwt"
    claims = openbadges.credential_verify(
        response.content.decode("ascii"), key_set=_published_keys(client)
    )
    assert claims["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    subject = claims["credentialSubject"]
    assert subject["statusPurpose"] == "revocation"
    assert subject["encodedList"].startswith("u")
    # Decoded here as the spec says, not with our own helpers: multibase "u", base64url
    # without padding, GZIP; bit 0 is the left-most bit of the first byte.
    encoded = subject["encodedList"][1:]
    bits = gzip.decompress(base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)))
    assert len(bits) * 8 >= 131_072
    return bool((bits[index // 8] >> (7 - index % 8)) & 1)


# --- What the credential says ----------------------------------------------------------------


def test_downloaded_credential_verifies_with_the_published_key_and_meets_the_schema(
    client, certificate, learner
):
    client.force_login(learner)
    token = _download(client, certificate)

    claims = openbadges.credential_verify(token, key_set=_published_keys(client))
    jsonschema.Draft201909Validator(SCHEMA).validate(claims)
    assert claims["@context"] == [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]
    assert claims["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert claims["iss"] == claims["issuer"]["id"] == "http://testserver/certificates/issuer/"
    assert claims["jti"] == claims["id"]
    assert claims["nbf"] == int(certificate.issued_at.timestamp())
    achievement = claims["credentialSubject"]["achievement"]
    assert achievement["name"] == certificate.course_title
    assert achievement["achievementType"] == "Course"
    assert achievement["criteria"]["narrative"]
    assert achievement["creator"]["id"] == claims["issuer"]["id"]
    assert (
        achievement["id"]
        == f"http://testserver/certificates/issuer/achievements/{certificate.course_id}/"
    )


def test_jose_header_names_the_key_by_a_url_that_gives_it(client, certificate, learner):
    client.force_login(learner)
    token = _download(client, certificate)
    header = json.loads(base64.urlsafe_b64decode(token.split(".")[0] + "=="))
    assert header == {"alg": "ES256", "kid": header["kid"], "typ": "JWT"}
    assert header["kid"].startswith("http://testserver/certificates/issuer/keys/")
    jwk = client.get(header["kid"].removeprefix("http://testserver")).json()
    assert jwk["kid"] == header["kid"]
    assert "d" not in jwk  # never the private part
    assert [k["kid"] for k in _published_keys(client)["keys"]] == [header["kid"]]


def test_holder_is_identified_by_a_salted_hash_of_their_email_never_the_address(
    client, certificate, learner
):
    client.force_login(learner)
    token = _download(client, certificate)
    certificate.refresh_from_db()
    claims = _claims(token)
    identity = claims["credentialSubject"]["identifier"][0]
    assert identity["identityType"] == "emailAddress"
    assert identity["hashed"] is True
    assert identity["salt"] == certificate.badge_salt and len(identity["salt"]) == 32
    assert identity["identityHash"] == openbadges.identity_hash(
        email=learner.email, salt=certificate.badge_salt
    )
    payload = base64.urlsafe_b64decode(token.split(".")[1] + "==").decode()
    assert learner.email.lower() not in payload.lower()
    assert learner.last_name not in payload


def test_salt_and_status_index_are_given_once(client, certificate, learner):
    client.force_login(learner)
    first = _claims(_download(client, certificate))
    second = _claims(_download(client, certificate))
    assert first["credentialStatus"] == second["credentialStatus"]
    assert first["credentialSubject"]["identifier"] == second["credentialSubject"]["identifier"]
    status = first["credentialStatus"]
    assert status["type"] == "BitstringStatusListEntry"
    assert status["statusPurpose"] == "revocation"
    assert status["statusListCredential"] == (
        "http://testserver/certificates/issuer/status/revocation.jwt"
    )
    certificate.refresh_from_db()
    assert status["statusListIndex"] == str(certificate.status_index)


def test_two_certificates_never_share_a_status_bit(certificate, learner, monkeypatch):
    other = Certificate.objects.get(pk=certificate.pk)
    other.pk = None
    other.serial, other.code, other.is_reissue = "CT-2026-999999", "X" * 14, True
    other.save()
    draws = iter([7, 7, 7, 9])
    monkeypatch.setattr(openbadges.secrets, "randbelow", lambda n: next(draws))
    assert openbadges.badge_prepare(certificate=certificate).status_index == 7
    assert openbadges.badge_prepare(certificate=other).status_index == 9


def test_expiring_certificate_has_valid_until_and_exp(client, certificate, learner):
    expires = timezone.now().replace(microsecond=0) + timedelta(days=365)
    Certificate.objects.filter(pk=certificate.pk).update(expires_at=expires)
    client.force_login(learner)
    claims = openbadges.credential_verify(
        _download(client, certificate), key_set=_published_keys(client)
    )
    jsonschema.Draft201909Validator(SCHEMA).validate(claims)
    assert claims["validUntil"] == expires.strftime("%Y-%m-%dT%H:%M:%SZ")
    assert claims["exp"] == int(expires.timestamp())


def test_attendance_certificate_credential_meets_the_schema(learner, tree):
    from certificates.api import attendance_certificate_issue
    from trainings.factories import training_with_sessions

    training = training_with_sessions()
    certificate = attendance_certificate_issue(
        user=learner,
        training=training.page_ptr,
        institution=tree["station_bg"],
        completed_at=timezone.now(),
        hours=8,
    )
    certificate = Certificate.objects.select_related("user").get(pk=certificate.pk)
    credential = openbadges.badge_credential(certificate=certificate)
    jsonschema.Draft201909Validator(SCHEMA).validate(credential)
    assert credential["credentialSubject"]["achievement"]["achievementType"] == "Certificate"


# --- Signatures ------------------------------------------------------------------------------


def test_a_tampered_credential_fails_verification(client, certificate, learner):
    client.force_login(learner)
    token = _download(client, certificate)
    header, payload, signature = token.split(".")
    claims = _claims(token)
    claims["credentialSubject"]["achievement"]["name"] = "Something else"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    with pytest.raises(BadSignatureError):
        openbadges.credential_verify(
            f"{header}.{forged}.{signature}", key_set=_published_keys(client)
        )


def test_a_credential_signed_with_another_key_fails(client, certificate, learner, tmp_path):
    client.force_login(learner)
    published = _published_keys(client)
    other_key = openbadges.keys_write_dev(tmp_path / "other.pem")
    from django.test import override_settings

    with override_settings(CREDENTIAL_KEY_FILE=str(other_key)):
        token = openbadges.badge_jwt(certificate=certificate)
    with pytest.raises(Exception) as raised:  # joserfc: no such kid, or a bad signature
        openbadges.credential_verify(token, key_set=published)
    assert type(raised.value).__module__.startswith("joserfc")


def test_former_keys_are_still_published(client, certificate_signing_key, tmp_path, settings):
    former = openbadges.keys_write_dev(tmp_path / "former.pem")
    settings.CREDENTIAL_FORMER_KEY_FILES = [str(former)]
    assert len(_published_keys(client)["keys"]) == 2


# --- Revocation ------------------------------------------------------------------------------


def test_revocation_sets_the_credentials_bit_in_the_status_list(
    client, certificate, learner, administrator, committed
):
    client.force_login(learner)
    index = int(_claims(_download(client, certificate))["credentialStatus"]["statusListIndex"])
    assert _status_bit(client, index) is False
    with committed():
        certificate_revoke(
            certificate=certificate, actor=administrator, reason="Issued in error", category="error"
        )
    assert _status_bit(client, index) is True


def test_superseding_by_a_reissue_sets_the_bit_too(
    client, certificate, learner, administrator, committed
):
    client.force_login(learner)
    index = int(_claims(_download(client, certificate))["credentialStatus"]["statusListIndex"])
    with committed():
        new = certificate_reissue(certificate=certificate, actor=administrator, reason="name")
    assert _status_bit(client, index) is True
    # The new certificate is a credential of its own, with a bit of its own, not set.
    new_index = int(_claims(_download(client, new))["credentialStatus"]["statusListIndex"])
    assert new_index != index and _status_bit(client, new_index) is False


def test_revoked_certificate_is_not_offered_as_a_credential(
    client, certificate, learner, administrator
):
    certificate_revoke(certificate=certificate, actor=administrator, reason="x", category="error")
    client.force_login(learner)
    assert client.get(_badge_url(certificate)).status_code == 404


@pytest.mark.usefixtures("english")
def test_verify_page_mentions_the_credential_and_its_status(
    client, certificate, learner, administrator, committed
):
    client.force_login(learner)
    with committed():
        _download(client, certificate)
    page = client.get(f"/en/certificates/verify/{certificate.code}/").content.decode()
    assert "does not mark it as revoked" in page
    with committed():
        certificate_revoke(
            certificate=certificate, actor=administrator, reason="x", category="error"
        )
    page = client.get(f"/en/certificates/verify/{certificate.code}/").content.decode()
    assert "status list marks it as revoked" in page


# --- Who may download ------------------------------------------------------------------------


def test_another_learner_gets_404(client, certificate, other_learner):
    client.force_login(other_learner)
    assert client.get(_badge_url(certificate)).status_code == 404
    assert client.get(_badge_url(certificate, "json")).status_code == 404


def test_administrator_gets_404_the_credential_speaks_for_its_holder(
    client, certificate, administrator, mfa_login
):
    mfa_login(client, administrator)
    assert client.get(_badge_url(certificate)).status_code == 404


def test_anonymous_visitor_is_sent_to_sign_in(client, certificate):
    response = client.get(_badge_url(certificate))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.usefixtures("english")
def test_my_certificates_links_the_credential_beside_the_pdf(client, certificate, learner):
    client.force_login(learner)
    page = client.get("/en/certificates/").content.decode()
    assert f'href="{_badge_url(certificate)}"' in page
    assert f'href="{_badge_url(certificate, "json")}"' in page


def test_json_view_shows_the_same_credential(client, certificate, learner):
    client.force_login(learner)
    claims = _claims(_download(client, certificate))
    shown = client.get(_badge_url(certificate, "json")).json()
    assert shown == {k: v for k, v in claims.items() if k not in {"iss", "jti", "nbf", "exp"}}


# --- Published documents ---------------------------------------------------------------------


def test_issuer_profile_and_achievement_are_published(client, certificate):
    profile = client.get("/certificates/issuer/").json()
    assert profile["type"] == ["Profile"] and profile["id"].endswith("/certificates/issuer/")
    assert profile["name"]
    achievement = client.get(f"/certificates/issuer/achievements/{certificate.course_id}/")
    assert achievement.status_code == 200
    assert achievement.json()["type"] == ["Achievement"]
    # (A 404 outside the language prefixes is first sent to the default language's.)
    missing = client.get("/certificates/issuer/achievements/999999/", follow=True)
    assert missing.status_code == 404
    assert client.get("/certificates/issuer/keys/nope.json", follow=True).status_code == 404


def test_without_a_key_nothing_is_offered(client, certificate, learner, settings):
    settings.CREDENTIAL_KEY_FILE = ""
    client.force_login(learner)
    assert client.get(_badge_url(certificate)).status_code == 404
    status_list = client.get("/certificates/issuer/status/revocation.jwt", follow=True)
    assert status_list.status_code == 404
    assert _published_keys(client) == {"keys": []}


# --- Configuration ---------------------------------------------------------------------------


def test_production_refuses_to_run_without_a_credential_key(settings):
    settings.CREDENTIAL_KEY_FILE = ""
    settings.CREDENTIAL_KEY_REQUIRED = True
    [error] = credentials_can_be_signed(None)
    assert error.id == "certificates.E002"
    assert "CREDENTIAL_KEY_FILE" in error.hint


def test_a_key_that_is_not_p256_is_refused_with_a_clear_message(settings, tmp_path):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ed25519

    path = tmp_path / "ed.pem"
    path.write_bytes(
        ed25519.Ed25519PrivateKey.generate().private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    settings.CREDENTIAL_KEY_FILE = str(path)
    [error] = credentials_can_be_signed(None)
    assert error.id == "certificates.W002"
    assert "not an EC P-256 key" in error.hint


def test_dev_key_command_makes_the_credential_key_once(tmp_path, settings):
    settings.DEV_SIGNING_DIR = tmp_path
    settings.CREDENTIAL_KEY_FILE = ""
    settings.CERTIFICATE_SIGNING_KEY = ""
    call_command("certificate_signing_dev_key", stdout=open("/dev/null", "w"))  # noqa: SIM115
    key = (tmp_path / "credential-key.pem").read_bytes()
    assert b"PRIVATE KEY" in key
    call_command("certificate_signing_dev_key", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert (tmp_path / "credential-key.pem").read_bytes() == key


# --- Personal data ---------------------------------------------------------------------------


def test_salt_is_in_the_export_and_erased_with_the_person(client, certificate, learner):
    client.force_login(learner)
    _download(client, certificate)
    certificate.refresh_from_db()
    [exported] = personal_data_export(user=learner)["certificates"]
    assert exported["open_badge_email_salt"] == certificate.badge_salt
    personal_data_erase(user=learner)
    certificate.refresh_from_db()
    assert certificate.badge_salt == ""
    assert certificate.status_index is not None  # handed-out credentials still revocable

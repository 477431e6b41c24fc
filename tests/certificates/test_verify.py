"""The public verification pages: no login, only what the certificate certifies."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone

from certificates.codes import code_generate
from certificates.models import Certificate

pytestmark = pytest.mark.django_db


def _certificate(completed) -> Certificate:
    return Certificate.objects.get(enrolment=completed)


def test_verification_page_shows_holder_course_dates_and_status_without_login(
    client, completed, learner
):
    certificate = _certificate(completed)
    response = client.get(f"/en/certificates/verify/{certificate.code}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert learner.get_full_name() in body
    assert certificate.course_title in body
    assert certificate.serial in body
    assert "Valid" in body
    assert "Does not expire" in body


def test_verification_page_tells_nothing_else_about_the_person(client, completed, learner):
    body = client.get(f"/en/certificates/verify/{_certificate(completed).code}/").content.decode()
    assert learner.email not in body
    assert learner.institution.name_en not in body
    assert learner.institution.name_sr not in body


def test_the_short_address_in_the_qr_code_leads_to_the_page_in_a_language(client, completed):
    code = _certificate(completed).code
    response = client.get(f"/certificates/verify/{code}/", follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[0][0] == f"/sr-latn/certificates/verify/{code}/"
    assert _certificate(completed).serial in response.content.decode()


def test_the_short_address_follows_the_browsers_language(client, completed):
    code = _certificate(completed).code
    response = client.get(f"/certificates/verify/{code}/", headers={"accept-language": "en"})
    assert response.status_code == 302
    assert response["Location"] == f"/en/certificates/verify/{code}/"


def test_expired_certificate_says_expired(client, completed):
    certificate = _certificate(completed)
    Certificate.objects.filter(pk=certificate.pk).update(
        expires_at=timezone.now() - timedelta(days=1)
    )
    body = client.get(f"/en/certificates/verify/{certificate.code}/").content.decode()
    assert "Expired" in body
    assert "has expired" in body


def test_revoked_certificate_says_revoked_with_the_reason(client, completed, administrator):
    from certificates.services import certificate_revoke

    certificate = certificate_revoke(
        certificate=_certificate(completed),
        actor=administrator,
        reason="Completed by someone else.",
    )
    body = client.get(f"/en/certificates/verify/{certificate.code}/").content.decode()
    assert "Revoked" in body
    assert "Completed by someone else." in body


def test_superseded_certificate_links_to_the_new_one(client, completed, administrator):
    from certificates.services import certificate_reissue

    old = _certificate(completed)
    new = certificate_reissue(certificate=old, actor=administrator, reason="Name corrected")
    body = client.get(f"/en/certificates/verify/{old.code}/").content.decode()
    assert "Superseded" in body
    assert f"/en/certificates/verify/{new.code}/" in body


def test_a_typo_is_told_apart_from_an_unknown_code(client, completed):
    code = _certificate(completed).code
    typo = code[:-2] + ("X" if code[-2] != "X" else "Y") + code[-1]
    response = client.get(f"/en/certificates/verify/{typo}/")
    assert response.status_code == 404
    assert "mistyped" in response.content.decode()

    unknown = code_generate()
    response = client.get(f"/en/certificates/verify/{unknown}/")
    assert response.status_code == 404
    assert "no certificate has it" in response.content.decode()


def test_the_form_takes_a_code_typed_loosely(client, completed):
    code = _certificate(completed).code
    response = client.get("/en/certificates/verify/", {"code": code.lower().replace("-", " ")})
    assert response.status_code == 302
    assert response["Location"] == f"/en/certificates/verify/{code}/"


def test_the_form_explains_a_mistyped_code(client):
    response = client.get("/en/certificates/verify/", {"code": "ABCD-EFGH"})
    assert response.status_code == 200
    assert "mistyped" in response.content.decode()


@override_settings(CERTIFICATE_VERIFY_RATE_LIMIT=3, CERTIFICATE_VERIFY_RATE_WINDOW=60)
def test_lookups_are_rate_limited_per_client_address(client, completed):
    code = _certificate(completed).code
    url = f"/en/certificates/verify/{code}/"
    for _ in range(3):
        assert client.get(url, REMOTE_ADDR="203.0.113.7").status_code == 200
    limited = client.get(url, REMOTE_ADDR="203.0.113.7")
    assert limited.status_code == 429
    assert limited["Retry-After"]
    # Another client is not affected.
    assert client.get(url, REMOTE_ADDR="198.51.100.9").status_code == 200


@override_settings(CERTIFICATE_VERIFY_RATE_LIMIT=2, CERTIFICATE_VERIFY_RATE_WINDOW=60)
def test_guessing_through_the_form_counts_against_the_same_limit(client):
    def guess():
        return client.get(
            "/en/certificates/verify/",
            {"code": code_generate()},
            REMOTE_ADDR="203.0.113.8",
            follow=True,
        )

    for _ in range(2):
        assert guess().status_code == 404  # well-formed, unknown
    response = guess()
    assert response.status_code == 429
    # The reader is told why, in their language.
    assert "Too many look-ups" in response.content.decode()


@override_settings(CERTIFICATE_VERIFY_RATE_LIMIT=2, CERTIFICATE_VERIFY_RATE_WINDOW=60)
def test_a_look_up_through_the_form_counts_once(client, completed):
    """The form redirects to the verification page: the two requests are one look-up."""
    code = _certificate(completed).code
    for _ in range(2):
        response = client.get(
            "/en/certificates/verify/", {"code": code}, REMOTE_ADDR="203.0.113.9", follow=True
        )
        assert response.redirect_chain == [(f"/en/certificates/verify/{code}/", 302)]
        assert response.status_code == 200
    third = client.get(f"/en/certificates/verify/{code}/", REMOTE_ADDR="203.0.113.9")
    assert third.status_code == 429
    assert 0 < int(third["Retry-After"]) <= 60 + 5


@override_settings(CERTIFICATE_VERIFY_RATE_LIMIT=1, CERTIFICATE_VERIFY_RATE_WINDOW=60)
def test_a_mistyped_code_counts_as_a_look_up(client):
    form = "/en/certificates/verify/"
    assert client.get(form, {"code": "ABCD-EFGH"}, REMOTE_ADDR="203.0.113.10").status_code == 200
    refused = client.get(form, {"code": "ABCD-EFGH"}, REMOTE_ADDR="203.0.113.10")
    assert refused.status_code == 429


@override_settings(CERTIFICATE_VERIFY_RATE_LIMIT=1, CERTIFICATE_VERIFY_RATE_WINDOW=60)
def test_the_limit_is_explained_in_serbian_to_a_serbian_reader(client):
    form = "/sr-latn/certificates/verify/"
    client.get(form, {"code": "ABCD-EFGH"}, REMOTE_ADDR="203.0.113.11")
    refused = client.get(form, {"code": "ABCD-EFGH"}, REMOTE_ADDR="203.0.113.11")
    assert refused.status_code == 429
    assert refused["Content-Language"] == "sr-latn"
    assert "Too many look-ups" not in refused.content.decode()


def test_the_issuer_is_named_in_the_readers_language(client, completed):
    """The programme's name as each reader's interface gives it (home/models.py settings
    per language), not the Serbian name on an English page."""
    from wagtail.models import Site

    from home.models import ProgrammeSettings

    settings = ProgrammeSettings.for_site(Site.objects.get(is_default_site=True))
    settings.programme_name = "Zajednički program protiv trgovine ljudima"
    settings.programme_name_en = "Joint programme against trafficking"
    settings.save()
    code = _certificate(completed).code
    english = client.get(f"/en/certificates/verify/{code}/").content.decode()
    assert "Joint programme against trafficking" in english
    assert "Zajednički program" not in english
    latin = client.get(f"/sr-latn/certificates/verify/{code}/").content.decode()
    assert "Zajednički program protiv trgovine ljudima" in latin
    cyrillic = client.get(f"/sr/certificates/verify/{code}/").content.decode()
    assert "Заједнички програм против трговине људима" in cyrillic

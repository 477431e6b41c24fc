"""The verification answer is cached per code and language, and a change to the
certificate shows at once (after its commit); unknown codes are never cached."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from certificates.codes import code_generate
from certificates.models import Certificate
from certificates.services import certificate_reissue, certificate_revoke
from certificates.verification import VERIFY_CACHE_SECONDS, _seconds_to_keep

pytestmark = pytest.mark.django_db


def _url(code, language="en"):
    return f"/{language}/certificates/verify/{code}/"


def _certificate_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, [q["sql"] for q in queries if "certificates_certificate" in q["sql"]]


def test_a_second_look_up_does_not_query_the_certificate(
    client, completed, django_assert_max_num_queries
):
    certificate = Certificate.objects.get(enrolment=completed)
    code = certificate.code
    # The first look-up also fills the site-wide caches (site, settings, locales,
    # partner logos), and how many of those are cold depends on the tests that ran
    # before it in the same process: its count is not bounded here.
    first, looked_up = _certificate_queries(client, _url(code))
    assert first.status_code == 200 and len(looked_up) == 1
    with django_assert_max_num_queries(10):
        again, looked_up = _certificate_queries(client, _url(code))
    assert again.status_code == 200 and looked_up == []
    for response in (first, again):
        body = response.content.decode()
        assert certificate.serial in body
        assert "This certificate is genuine and valid." in body


def test_each_language_has_its_own_answer(client, completed):
    code = Certificate.objects.get(enrolment=completed).code
    assert "Does not expire" in client.get(_url(code)).content.decode()
    serbian = client.get(_url(code, "sr-latn")).content.decode()
    assert "Does not expire" not in serbian
    assert "Does not expire" in client.get(_url(code)).content.decode()


def test_verify_revoke_verify_shows_revoked_at_once(client, completed, administrator, committed):
    certificate = Certificate.objects.get(enrolment=completed)
    assert (
        "This certificate is genuine and valid."
        in client.get(_url(certificate.code)).content.decode()
    )
    client.get(_url(certificate.code, "sr"))  # cached in another language too
    with committed():
        certificate_revoke(certificate=certificate, actor=administrator, reason="Fraud found.")
    body = client.get(_url(certificate.code)).content.decode()
    assert "Revoked" in body and "Fraud found." in body
    assert "genuine and valid" not in body
    _, looked_up = _certificate_queries(client, _url(certificate.code, "sr"))
    assert looked_up  # the Cyrillic answer was dropped as well


def test_reissue_shows_the_old_one_superseded_at_once(client, completed, administrator, committed):
    old = Certificate.objects.get(enrolment=completed)
    client.get(_url(old.code))
    with committed():
        new = certificate_reissue(certificate=old, actor=administrator, reason="Name")
    body = client.get(_url(old.code)).content.decode()
    assert "Superseded" in body
    assert _url(new.code) in body
    assert client.get(_url(new.code)).status_code == 200


def test_an_expiry_changed_by_hand_shows_at_once(client, completed, committed):
    certificate = Certificate.objects.get(enrolment=completed)
    assert "Does not expire" in client.get(_url(certificate.code)).content.decode()
    with committed():
        certificate.expires_at = timezone.now() - timedelta(days=1)
        certificate.save(update_fields=["expires_at"])
    assert "has expired" in client.get(_url(certificate.code)).content.decode()


def test_an_answer_is_not_kept_past_the_certificates_expiry(completed):
    certificate = Certificate.objects.get(enrolment=completed)
    now = timezone.now()
    certificate.expires_at = now + timedelta(seconds=30)
    assert _seconds_to_keep(certificate=certificate, now=now) == 30
    certificate.expires_at = now + timedelta(days=300)
    assert _seconds_to_keep(certificate=certificate, now=now) == VERIFY_CACHE_SECONDS


def test_a_change_seen_before_its_commit_is_not_served_after_it(
    client, completed, administrator, committed
):
    """A reader who looks the code up while the revocation is not yet committed stores the
    old answer under the old version: once the commit lands it is never found."""
    certificate = Certificate.objects.get(enrolment=completed)
    with committed():
        certificate_revoke(certificate=certificate, actor=administrator, reason="Fraud found.")
        # Our own transaction sees the change; a reader would see the old row. Either way,
        # what is stored now belongs to the version that the commit moves on.
        client.get(_url(certificate.code))
    _, looked_up = _certificate_queries(client, _url(certificate.code))
    assert looked_up


def test_erasure_removes_the_name_from_a_cached_answer(client, completed, learner, committed):
    from accounts.services import personal_data_erase

    certificate = Certificate.objects.get(enrolment=completed)
    name = learner.get_full_name()
    assert name in client.get(_url(certificate.code)).content.decode()
    with committed():
        personal_data_erase(user=learner)
    body = client.get(_url(certificate.code)).content.decode()
    assert name not in body
    assert "erased" in body


def test_an_unknown_code_is_404_and_a_later_issued_one_is_found(client, completed):
    code = code_generate()
    response = client.get(_url(code))
    assert response.status_code == 404
    assert "no certificate has it" in response.content.decode()
    assert client.get(_url(code)).status_code == 404
    Certificate.objects.filter(enrolment=completed).update(code=code)
    response = client.get(_url(code))
    assert response.status_code == 200
    assert Certificate.objects.get(code=code).serial in response.content.decode()


def test_a_malformed_code_is_404_with_a_clear_message(client):
    response = client.get(_url("NOT-A-CODE"))
    assert response.status_code == 404
    assert "mistyped" in response.content.decode()

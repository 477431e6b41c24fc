"""Who the statistics API lets in, how often, and for how long: personal tokens only (a
password sent as HTTP Basic is never looked at), a limit per token and per address, tokens
that expire. And the admin's revoke / delete forms with ids that name nothing."""

from __future__ import annotations

import base64
import datetime
import importlib

import pytest
from django.utils import timezone

from stats.models import ApiToken, ReportSubscription
from stats.services import api_token_create

PASSWORD = "correct horse battery staple"  # noqa: S105 (the factories' test password)


def bearer(key):
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def basic(email, password):
    encoded = base64.b64encode(f"{email}:{password}".encode()).decode()
    return {"HTTP_AUTHORIZATION": f"Basic {encoded}"}


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/schema/?format=json",
        "/api/v1/docs/",
        "/api/v1/docs/?script=",
        "/api/v1/stats/summary/",
        "/api/v1/stats/by-region/",
    ],
)
def test_basic_credentials_are_never_looked_at(client, administrator, url):
    """A right and a wrong password get byte for byte the same answer as none at all:
    nothing here can be used to test a password."""
    assert administrator.check_password(PASSWORD)
    answers = []
    for headers in (
        basic(administrator.email, PASSWORD),
        basic(administrator.email, "wrong password"),
        {},
    ):
        response = client.get(url, **headers)
        answers.append((response.status_code, response.content))
    assert answers[0] == answers[1] == answers[2]


def test_a_signed_in_session_does_not_open_the_api(client, administrator, mfa_login):
    mfa_login(client, administrator)
    assert client.get("/api/v1/stats/summary/").status_code == 401


def test_schema_and_docs_are_public(client):
    assert client.get("/api/v1/schema/", {"format": "json"}).status_code == 200
    assert client.get("/api/v1/docs/").status_code == 200


@pytest.fixture
def low_limits(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"token": "3/minute", "address": "5/minute"},
    }


def test_requests_are_limited_per_token(client, analyst, low_limits):
    _token, key = api_token_create(user=analyst, name="x")
    for _ in range(3):
        assert client.get("/api/v1/stats/summary/", **bearer(key)).status_code == 200
    refused = client.get("/api/v1/stats/summary/", **bearer(key))
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    # Another token of the same person, from the same address, still has its own allowance.
    _other, other_key = api_token_create(user=analyst, name="y")
    assert client.get("/api/v1/stats/summary/", **bearer(other_key)).status_code == 200


def test_requests_are_limited_per_address_whatever_the_token(client, analyst, low_limits):
    keys = [api_token_create(user=analyst, name=str(i))[1] for i in range(3)]
    statuses = [
        client.get("/api/v1/stats/summary/", **bearer(keys[i % 3])).status_code for i in range(5)
    ]
    assert statuses == [200] * 5
    # The address has used its five: a fresh token, a wrong one, none, or the schema.
    for headers in (bearer(keys[2]), bearer("st_wrong"), {}):
        refused = client.get("/api/v1/stats/summary/", **headers)
        assert refused.status_code == 429
        assert "Retry-After" in refused
    assert client.get("/api/v1/schema/", {"format": "json"}).status_code == 429
    # Another address is not held up.
    other = client.get("/api/v1/stats/summary/", REMOTE_ADDR="192.0.2.7", **bearer(keys[0]))
    assert other.status_code == 200


def test_failed_tokens_count_against_the_address(client, db, low_limits):
    for _ in range(5):
        assert client.get("/api/v1/stats/summary/", **bearer("st_guess")).status_code == 401
    assert client.get("/api/v1/stats/summary/", **bearer("st_guess")).status_code == 429


def test_new_tokens_expire_after_a_year(analyst):
    token, _key = api_token_create(user=analyst, name="x")
    lifetime = token.expires_at - token.created_at
    assert datetime.timedelta(days=364) < lifetime <= datetime.timedelta(days=365, seconds=5)


def test_expired_token_is_refused_with_a_clear_message(client, analyst, english):
    token, key = api_token_create(user=analyst, name="x")
    assert client.get("/api/v1/stats/summary/", **bearer(key)).status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    response = client.get("/api/v1/stats/summary/", **bearer(key))
    assert response.status_code == 401
    assert "expired" in response.json()["detail"]
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_token_list_shows_the_expiry(client, analyst, mfa_login):
    token, _key = api_token_create(user=analyst, name="x")
    mfa_login(client, analyst)
    html = client.get("/admin/stats/tokens/").content.decode()
    # The date as the reader's time zone has it (late in the UTC evening, Belgrade's is a day on).
    assert timezone.localtime(token.expires_at).strftime("%Y-%m-%d") in html
    created = client.post("/admin/stats/tokens/", {"name": "New"}, follow=True)
    new = ApiToken.objects.get(user=analyst, name="New")
    assert timezone.localtime(new.expires_at).strftime("%Y-%m-%d") in created.content.decode()


def test_migration_gives_existing_tokens_a_year_from_creation(analyst):
    from django.apps import apps

    token, _key = api_token_create(user=analyst, name="old")
    made = timezone.now() - datetime.timedelta(days=400)
    ApiToken.objects.filter(pk=token.pk).update(created_at=made, expires_at=timezone.now())
    migration = importlib.import_module("stats.migrations.0002_token_expiry")
    migration.expire_a_year_after_creation(apps, None)
    token.refresh_from_db()
    assert token.expires_at == made + datetime.timedelta(days=365)
    assert token.is_expired and not token.is_active


# The admin answers 400 with the reason on the page (a 404 there would be turned into a
# redirect to the language-prefixed address, losing the message).
BAD_IDS = ["abc", "1 OR 1=1", "-1", "1.5", "９", "99999999999999999999", "987654"]


@pytest.mark.parametrize("value", BAD_IDS)
def test_revoke_with_a_bad_or_unknown_id_says_so(client, analyst, mfa_login, english, value):
    token, _key = api_token_create(user=analyst, name="x")
    mfa_login(client, analyst)
    response = client.post("/admin/stats/tokens/", {"revoke": value})
    assert response.status_code == 400
    assert "There is no such token among yours." in response.content.decode()
    token.refresh_from_db()
    assert token.revoked_at is None


def test_someone_elses_token_is_an_unknown_one(client, analyst, manager_bg, mfa_login):
    token, _key = api_token_create(user=analyst, name="x")
    mfa_login(client, manager_bg)
    assert client.post("/admin/stats/tokens/", {"revoke": str(token.pk)}).status_code == 400
    token.refresh_from_db()
    assert token.revoked_at is None


@pytest.mark.parametrize("value", BAD_IDS)
def test_delete_subscription_with_a_bad_or_unknown_id_says_so(
    client, analyst, mfa_login, english, value
):
    subscription = ReportSubscription.objects.create(
        user=analyst, frequency="monthly", view="region"
    )
    mfa_login(client, analyst)
    response = client.post("/admin/stats/subscriptions/", {"delete": value})
    assert response.status_code == 400
    assert "There is no such subscription among yours." in response.content.decode()
    assert ReportSubscription.objects.filter(pk=subscription.pk).exists()


def test_wagtails_admin_api_still_works_with_the_admin_session(client, administrator, mfa_login):
    mfa_login(client, administrator)
    for url in ("/admin/api/main/images/", "/admin/api/main/documents/", "/admin/api/main/pages/"):
        assert client.get(url).status_code == 200, url

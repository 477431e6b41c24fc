"""Kept apart from the rollback tests: a transactional test empties the database when it ends,
so its module must run after every rollback module on its xdist worker (see tests/conftest.py)."""

import pytest


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_mfa_activation_counts_as_mfa_for_the_session(client, trainer):
    """A trainer sets up TOTP and then reaches the admin without signing in again."""
    from allauth.mfa.totp.internal.auth import hotp_value

    client.post(
        "/en/accounts/login/",
        {"login": trainer.email, "password": "correct horse battery staple"},
    )
    # allauth asks for the password again before a security change.
    client.post("/en/accounts/reauthenticate/", {"password": "correct horse battery staple"})
    page = client.get("/en/accounts/2fa/totp/activate/")
    assert page.status_code == 200
    secret = client.session["mfa.totp.secret"]
    import time

    code = hotp_value(secret, int(time.time()) // 30)
    # A real commit (transaction=True) runs allauth's on-commit signal inside the request.
    response = client.post("/en/accounts/2fa/totp/activate/", {"code": f"{code:06d}"})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_staff_just_signed_in_sets_up_totp_without_confirming_access_again(client, trainer):
    """Sign in, get sent to the TOTP set-up, set it up: no "Confirm access" on the way."""
    import time

    from allauth.mfa.totp.internal.auth import hotp_value

    response = client.post(
        "/en/accounts/login/",
        {"login": trainer.email, "password": "correct horse battery staple"},
    )
    assert response.status_code == 302
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].endswith("/accounts/2fa/totp/activate/")
    page = client.get(response["Location"])
    assert page.status_code == 200, page.get("Location")
    assert 'name="code"' in page.content.decode()
    secret = client.session["mfa.totp.secret"]
    code = hotp_value(secret, int(time.time()) // 30)
    response = client.post("/en/accounts/2fa/totp/activate/", {"code": f"{code:06d}"})
    assert response.status_code == 302
    assert "reauthenticate" not in response["Location"]
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_sign_in_older_than_the_reauthentication_window_is_asked_again(client, trainer, settings):
    """The sign-in counts only as long as a re-authentication would."""
    settings.ACCOUNT_REAUTHENTICATION_TIMEOUT = 0
    client.post(
        "/en/accounts/login/",
        {"login": trainer.email, "password": "correct horse battery staple"},
    )
    response = client.get("/en/accounts/2fa/totp/activate/")
    assert response.status_code == 302
    assert "/accounts/reauthenticate/" in response["Location"]

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

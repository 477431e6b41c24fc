import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from accounts.models import Membership, User


@pytest.mark.django_db
def test_signup_requires_email_verification_then_allows_login(client, tree):
    response = client.post(
        "/en/accounts/signup/",
        {
            "first_name": "Ђорђе",
            "last_name": "Јовановић",
            "email": "Djordje@Example.org",
            "institution": tree["station_bg"].pk,
            "profession": "police_officer",
            "preferred_language": "sr",
            "password1": "a long and unusual passphrase",
            "password2": "a long and unusual passphrase",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="djordje@example.org")
    assert (user.first_name, user.last_name) == ("Ђорђе", "Јовановић")
    assert user.institution == tree["station_bg"]
    assert Membership.objects.filter(user=user, ended_at__isnull=True).count() == 1

    # Not verified yet: signing in sends another verification email instead.
    assert len(mail.outbox) == 1
    assert not EmailAddress.objects.get(user=user).verified
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[0].body).group(0)
    path = link.split("testserver", 1)[1]
    response = client.post(path)
    assert response.status_code == 302
    assert EmailAddress.objects.get(user=user).verified

    response = client.post(
        "/en/accounts/login/",
        {"login": "djordje@example.org", "password": "a long and unusual passphrase"},
    )
    assert response.status_code == 302
    # Sign-in switches to the preferred language.
    assert response.cookies["language"].value == "sr"
    assert client.get("/sr/account/profile/").status_code == 200


@pytest.mark.django_db
def test_signup_rejects_weak_password_and_keeps_nothing(client, tree):
    response = client.post(
        "/en/accounts/signup/",
        {
            "first_name": "Ana",
            "last_name": "Anić",
            "email": "ana@example.org",
            "institution": tree["station_bg"].pk,
            "profession": "judge",
            "preferred_language": "en",
            "password1": "12345678",
            "password2": "12345678",
        },
    )
    assert response.status_code == 200
    assert not User.objects.filter(email="ana@example.org").exists()
    assert "password" in response.content.decode().lower()


@pytest.mark.django_db
def test_unverified_user_cannot_sign_in(client, tree):
    from accounts.factories import UserFactory

    UserFactory(email="new@example.org", email_verified=False, institution=tree["nis"])
    response = client.post(
        "/en/accounts/login/",
        {"login": "new@example.org", "password": "correct horse battery staple"},
    )
    assert response.status_code == 302
    assert "confirm-email" in response["Location"]
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_signup_preselects_no_profession(client, tree):
    page = client.get("/en/accounts/signup/").content.decode()
    select = re.search(r'<select name="profession".*?</select>', page, re.S).group(0)
    first_option = re.search(r"<option[^>]*>[^<]*</option>", select).group(0)
    assert 'value=""' in first_option
    assert "selected" not in re.sub(r'<option value=""[^>]*>', "", select)
    assert "required" in select.split(">", 1)[0]


@pytest.mark.django_db
@pytest.mark.parametrize("profession", [None, ""])
def test_signup_without_a_profession_is_refused_and_keeps_nothing(client, tree, profession):
    data = {
        "first_name": "Ana",
        "last_name": "Anić",
        "email": "ana@example.org",
        "institution": tree["station_bg"].pk,
        "preferred_language": "en",
        "password1": "a long and unusual passphrase",
        "password2": "a long and unusual passphrase",
    }
    if profession is not None:
        data["profession"] = profession
    response = client.post("/en/accounts/signup/", data)
    assert response.status_code == 200
    assert "Choose your profession (or “Other”)." in response.content.decode()
    assert not User.objects.filter(email="ana@example.org").exists()
    assert not EmailAddress.objects.filter(email="ana@example.org").exists()
    assert len(mail.outbox) == 0


@pytest.mark.django_db
def test_signup_accepts_other_as_profession(client, tree):
    response = client.post(
        "/en/accounts/signup/",
        {
            "first_name": "Ana",
            "last_name": "Anić",
            "email": "ana@example.org",
            "institution": tree["station_bg"].pk,
            "profession": "other",
            "preferred_language": "en",
            "password1": "a long and unusual passphrase",
            "password2": "a long and unusual passphrase",
        },
    )
    assert response.status_code == 302
    assert User.objects.get(email="ana@example.org").profession == "other"

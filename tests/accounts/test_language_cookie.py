"""The language cookie carries the flags the LANGUAGE_COOKIE_* settings ask for, wherever it is
written: the profile form, sign-in and the language switcher."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def production_cookie_flags(settings):
    settings.LANGUAGE_COOKIE_SECURE = True
    settings.LANGUAGE_COOKIE_HTTPONLY = True
    settings.LANGUAGE_COOKIE_SAMESITE = "Lax"


def assert_flags(cookie, *, value):
    assert cookie.value == value
    assert cookie["secure"] is True
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert cookie["path"] == "/"


def test_profile_sets_the_language_cookie_secure_httponly_and_lax(
    client, learner, production_cookie_flags
):
    client.force_login(learner)
    response = client.post(
        "/en/account/profile/",
        {
            "first_name": learner.first_name,
            "last_name": learner.last_name,
            "profession": learner.profession,
            "preferred_language": "en",
        },
    )
    assert response.status_code == 302
    assert_flags(response.cookies["language"], value="en")


def test_sign_in_sets_the_language_cookie_with_the_same_flags(
    client, learner, production_cookie_flags
):
    learner.set_password("a long and unusual passphrase")
    learner.preferred_language = "sr"
    learner.save()
    from allauth.account.models import EmailAddress

    EmailAddress.objects.update_or_create(
        user=learner, email=learner.email, defaults={"verified": True, "primary": True}
    )
    response = client.post(
        "/en/accounts/login/",
        {"login": learner.email, "password": "a long and unusual passphrase"},
    )
    assert response.status_code == 302
    assert_flags(response.cookies["language"], value="sr")


def test_language_switcher_sets_the_cookie_with_the_same_flags(
    client, learner, production_cookie_flags
):
    client.force_login(learner)
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/en/"})
    assert response.status_code == 302
    assert_flags(response.cookies["language"], value="en")


def test_the_base_settings_keep_the_cookie_away_from_scripts_and_other_sites(settings):
    from config.settings import base

    assert base.LANGUAGE_COOKIE_HTTPONLY is True
    assert base.LANGUAGE_COOKIE_SAMESITE == "Lax"

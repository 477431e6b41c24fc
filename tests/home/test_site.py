import pytest


def test_healthz_answers_without_touching_the_database(client):
    # No django_db mark: pytest-django raises if anything touches the database.
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["sr-latn", "sr", "en"])
def test_home_page_is_served_under_each_language_prefix(client, language):
    response = client.get(f"/{language}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    assert 'href="#main"' in html and 'id="main"' in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "sign_in", "skip_link"),
    [
        ("sr-latn", "Prijava", "Pređi na glavni sadržaj"),
        ("sr", "Пријава", "Пређи на главни садржај"),
        ("en", "Sign in", "Skip to main content"),
    ],
)
def test_interface_speaks_each_language_and_script(client, language, sign_in, skip_link):
    """The catalogues are compiled and shipped: a Serbian page is not English in disguise."""
    html = client.get(f"/{language}/").content.decode()
    assert sign_in in html
    assert skip_link in html


@pytest.mark.django_db
def test_root_redirects_to_a_language(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302
    assert response["Location"] == "/en/"


@pytest.mark.django_db
def test_language_switch_is_remembered_in_the_profile(client, learner):
    client.force_login(learner)
    response = client.post("/i18n/setlang/", {"language": "sr", "next": "/en/"})
    assert response.status_code == 302
    assert response["Location"] == "/sr/"
    learner.refresh_from_db()
    assert learner.preferred_language == "sr"
    assert client.cookies["language"].value == "sr"


@pytest.mark.django_db
def test_healthz_reads_no_session_even_when_signed_in(client, learner, django_assert_num_queries):
    client.force_login(learner)
    with django_assert_num_queries(0):
        assert client.get("/healthz").status_code == 200

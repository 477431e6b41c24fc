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


@pytest.fixture
def course_in_two_languages(db):
    from wagtail.models import Locale

    from courses.factories import course_index, course_with_lessons
    from courses.models import LessonPage

    course = course_with_lessons(modules=1, lessons=2, title="Osnovni kurs", slug="osnovni-kurs")
    english, _ = Locale.objects.get_or_create(language_code="en")
    course_index().copy_for_translation(english, copy_parents=True).save_revision().publish()
    course_en = course.copy_for_translation(english)
    course_en.title, course_en.slug = "Basic course", "basic-course"
    course_en.save_revision().publish()
    lessons = list(LessonPage.objects.descendant_of(course).order_by("path"))
    return course, course_en.specific, lessons


def test_switching_to_english_goes_to_the_english_translation(client, course_in_two_languages):
    course, course_en, _ = course_in_two_languages
    response = client.post("/i18n/setlang/", {"language": "en", "next": course.url})
    assert response.status_code == 302
    assert response["Location"] == "/en/courses/basic-course/"


def test_switching_back_to_serbian_goes_to_the_serbian_page(client, course_in_two_languages):
    course, course_en, _ = course_in_two_languages
    response = client.post(
        "/i18n/setlang/", {"language": "sr", "next": "/en/courses/basic-course/"}
    )
    assert response["Location"] == "/sr/courses/osnovni-kurs/"


def test_a_page_not_yet_translated_goes_to_its_nearest_translated_ancestor(
    client, course_in_two_languages
):
    course, course_en, lessons = course_in_two_languages
    response = client.post("/i18n/setlang/", {"language": "en", "next": lessons[0].url})
    assert response["Location"] == "/en/courses/basic-course/"


def test_switching_script_keeps_the_page(client, course_in_two_languages):
    course, _, lessons = course_in_two_languages
    response = client.post("/i18n/setlang/", {"language": "sr", "next": lessons[1].url})
    assert response["Location"] == lessons[1].url.replace("/sr-latn/", "/sr/", 1)


def test_switching_on_a_page_that_is_not_wagtails_keeps_djangos_answer(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/sr-latn/search/"})
    assert response["Location"] == "/en/search/"


def test_switching_keeps_the_query_of_the_same_page(client, course_in_two_languages):
    course, course_en, lessons = course_in_two_languages
    next_url = course.url + "?form=forced-labour&country=gr"
    response = client.post("/i18n/setlang/", {"language": "sr", "next": next_url})
    assert response["Location"] == (
        course.url.replace("/sr-latn/", "/sr/", 1) + "?form=forced-labour&country=gr"
    )
    response = client.post("/i18n/setlang/", {"language": "en", "next": next_url})
    assert response["Location"] == "/en/courses/basic-course/?form=forced-labour&country=gr"


def test_a_query_does_not_follow_the_reader_to_an_ancestor(client, course_in_two_languages):
    _, _, lessons = course_in_two_languages
    next_url = lessons[0].url + "?step=2"
    response = client.post("/i18n/setlang/", {"language": "en", "next": next_url})
    assert response["Location"] == "/en/courses/basic-course/"

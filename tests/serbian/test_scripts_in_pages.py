"""Author once, in either script; read and search in both."""

import pytest
from django.conf import settings
from django.test import RequestFactory
from django.utils import translation
from django.utils.translation import gettext

from courses.factories import LessonPageFactory, ModulePageFactory, course_with_lessons
from serbian.pages import folded

pytestmark = pytest.mark.django_db


@pytest.fixture
def module(db):
    return ModulePageFactory(parent=course_with_lessons(modules=0, lessons=0))


@pytest.fixture
def cyrillic_lesson(module):
    return LessonPageFactory(
        parent=module,
        title="Начело некажњавања жртава",
        body=[("paragraph", "<p>Жртве се не кажњавају за дела на која су биле принуђене.</p>")],
    )


@pytest.fixture
def latin_lesson(module):
    return LessonPageFactory(
        parent=module,
        title="Indikatori radne eksploatacije",
        body=[("paragraph", "<p>Poslodavac zadržava lične isprave radnika.</p>")],
    )


def search(client, language, query):
    response = client.get(f"/{language}/search/", {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def test_folding_drops_diacritics_after_transliteration():
    assert folded("Ђорђе Жижић, čačak") == "djordje zizic, cacak"


def test_latin_query_finds_content_written_in_cyrillic(client, learner, cyrillic_lesson):
    client.force_login(learner)
    html = search(client, "sr-latn", "nekažnjavanja žrtava")
    assert "Načelo nekažnjavanja žrtava" in html  # shown in the reader's script


def test_cyrillic_query_finds_content_written_in_latin(client, learner, latin_lesson):
    client.force_login(learner)
    html = search(client, "sr", "исправе радника")
    assert "Индикатори радне експлоатације" in html


def test_query_without_diacritics_finds_them(client, learner, latin_lesson, cyrillic_lesson):
    client.force_login(learner)
    assert "Indikatori radne eksploatacije" in search(client, "sr-latn", "zadrzava licne isprave")
    assert "Načelo nekažnjavanja" in search(client, "sr-latn", "zrtve se ne kaznjavaju")


def test_every_word_must_match(client, learner, latin_lesson):
    client.force_login(learner)
    html = search(client, "sr-latn", "isprave kompenzacija")
    assert "Indikatori radne eksploatacije" not in html
    with translation.override("sr-latn"):
        assert gettext("Nothing found. Try fewer or shorter words.") in html


def test_lessons_of_a_restricted_course_are_not_found_by_others(client, tree, learner):
    from accounts.factories import UserFactory

    course = course_with_lessons(modules=0, lessons=0, access="restricted")
    course.restricted_institutions.add(tree["station_ni"])
    course.save_revision().publish()
    LessonPageFactory(parent=ModulePageFactory(parent=course), title="Tajni plan istrage")
    client.force_login(learner)  # Belgrade
    assert "Tajni plan istrage" not in search(client, "sr-latn", "tajni plan")
    client.force_login(UserFactory(institution=tree["station_ni"]))
    assert "Tajni plan istrage" in search(client, "sr-latn", "tajni plan")


def test_overlong_query_is_refused_with_a_reason(client):
    html = search(client, "en", "x" * 201)
    assert "The query is too long: use up to 200 characters." in html


def test_admin_preview_shows_the_page_in_the_other_script(client, learner, cyrillic_lesson):
    client.force_login(learner)
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    original = RequestFactory().get("/", HTTP_COOKIE=cookie)
    modes = dict(cyrillic_lesson.preview_modes)
    assert set(modes) == {"", "sr", "sr-latn"}
    latin = cyrillic_lesson.make_preview_request(original, "sr-latn").content.decode()
    assert "Načelo nekažnjavanja žrtava" in latin
    cyrillic = cyrillic_lesson.make_preview_request(original, "sr").content.decode()
    assert "Начело некажњавања жртава" in cyrillic

import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.test import override_settings
from django.utils import translation
from django.utils.html import escape
from wagtail.models import Locale, Page, Revision

from courses.blocks import LessonStreamBlock
from courses.demo import load_courses
from courses.models import CourseIndexPage, CoursePage, LessonPage, ModulePage, ProgrammeObjective
from home.models import HomePage

SERBIAN_LETTERS = re.compile("[čćđšžČĆĐŠŽ]")
RECORD_TASKS_ONLY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture(scope="module")
def _loaded(django_db_setup, django_db_blocker):
    """The curriculum, loaded once for this module inside a transaction that is rolled back
    at the end. Search indexing and the reference index go to a task backend that only
    records them: what is tested here is the content."""
    with (
        django_db_blocker.unblock(),
        override_settings(TASKS=RECORD_TASKS_ONLY),
        transaction.atomic(),
    ):
        load_courses()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def curriculum(_loaded, db):
    """Each test runs in a savepoint of its own on top of the loaded curriculum."""


def serbian():
    return Locale.objects.get(language_code="sr")


def english():
    return Locale.objects.get(language_code="en")


def serbian_courses():
    return list(CoursePage.objects.filter(locale=serbian()).order_by("path"))


def test_loading_twice_creates_nothing_new(curriculum):
    pages = Page.objects.count()
    revisions = Revision.objects.count()
    out = io.StringIO()
    load_courses(stdout=out)
    assert "0 pages created, 0 updated" in out.getvalue()
    assert Page.objects.count() == pages
    assert Revision.objects.count() == revisions
    assert CourseIndexPage.objects.filter(locale=serbian()).count() == 1
    assert CourseIndexPage.objects.filter(locale=english()).count() == 1


def test_a_changed_lesson_is_put_back_and_published(curriculum):
    lesson = LessonPage.objects.filter(locale=serbian()).order_by("path").first()
    title = lesson.title
    lesson.title = "Izmenjeno"
    lesson.save_revision().publish()
    load_courses()
    lesson.refresh_from_db()
    assert lesson.title == title
    assert lesson.live and not lesson.has_unpublished_changes


def test_the_english_home_page_is_made_when_missing(curriculum):
    home = HomePage.objects.get(locale=serbian())
    assert home.get_translation(english()).live


def test_one_course_per_programme_objective(curriculum):
    objectives = [course.programme_objective for course in serbian_courses()]
    assert sorted(objectives) == sorted(ProgrammeObjective.values)


def test_each_course_has_two_to_four_modules_of_two_to_four_lessons(curriculum):
    for course in serbian_courses():
        modules = ModulePage.objects.child_of(course)
        assert 2 <= modules.count() <= 4, course.title
        for module in modules:
            assert 2 <= LessonPage.objects.child_of(module).count() <= 4, module.title


def test_each_course_names_its_audience(curriculum):
    for course in serbian_courses():
        assert course.audience_professions, course.title


def test_every_serbian_page_has_a_live_english_translation(curriculum):
    for model in (CoursePage, ModulePage, LessonPage):
        for page in model.objects.filter(locale=serbian()):
            translated = page.get_translation_or_none(english())
            assert translated is not None, page.title
            assert translated.live
            assert translated.translation_key == page.translation_key
            assert translated.title != page.title
            assert translated.get_parent().translation_key == page.get_parent().translation_key


def test_everything_is_published(curriculum):
    for model in (CourseIndexPage, CoursePage, ModulePage, LessonPage):
        assert not model.objects.not_live().exists()
        assert not model.objects.filter(has_unpublished_changes=True).exists()


def test_no_lesson_body_is_empty(curriculum):
    for lesson in LessonPage.objects.all():
        assert len(lesson.body) >= 3, lesson.title
        assert any(block.block_type == "paragraph" for block in lesson.body), lesson.title


def test_lesson_bodies_pass_the_checks_an_editor_would_face(curriculum):
    stream_block = LessonStreamBlock()
    for lesson in LessonPage.objects.all():
        try:
            stream_block.clean(lesson.body)
        except ValidationError as error:  # pragma: no cover - the message is the point
            pytest.fail(f"{lesson.title}: {error}")


def test_each_course_uses_a_callout_and_a_provision_or_checklist(curriculum):
    for course in CoursePage.objects.all():
        kinds = {
            block.block_type
            for lesson in LessonPage.objects.descendant_of(course)
            for block in lesson.body
        }
        assert "callout" in kinds, course.title
        assert kinds & {"legal_provision", "indicator_checklist"}, course.title


def test_serbian_text_is_written_with_serbian_letters(curriculum):
    for lesson in LessonPage.objects.filter(locale=serbian()):
        text = " ".join(str(block.render()) for block in lesson.body)
        assert SERBIAN_LETTERS.search(lesson.title + text), lesson.title


def test_course_pages_render_in_serbian_and_english(client, learner, curriculum):
    client.force_login(learner)
    for course in serbian_courses():
        with translation.override("sr-latn"):
            url = course.get_url()
        assert url.startswith("/sr-latn/")
        response = client.get(url)
        assert response.status_code == 200
        assert escape(course.title) in response.content.decode()

        english_course = course.get_translation(english())
        url = english_course.get_url()
        assert url.startswith("/en/")
        response = client.get(url)
        assert response.status_code == 200
        assert escape(english_course.title) in response.content.decode()


def test_every_lesson_renders_in_both_languages(client, learner, curriculum):
    client.force_login(learner)
    for lesson in LessonPage.objects.filter(locale=serbian()):
        with translation.override("sr-latn"):
            assert client.get(lesson.get_url()).status_code == 200, lesson.title
        english_lesson = lesson.get_translation(english())
        assert client.get(english_lesson.get_url()).status_code == 200, english_lesson.title


def test_the_catalogue_lists_the_courses_in_each_language(client, learner, curriculum):
    client.force_login(learner)
    index = CourseIndexPage.objects.get(locale=serbian())
    with translation.override("sr-latn"):
        html = client.get(index.get_url()).content.decode()
    for course in serbian_courses():
        assert escape(course.title) in html
    html = client.get(index.get_translation(english()).get_url()).content.decode()
    for course in serbian_courses():
        assert escape(course.get_translation(english()).title) in html

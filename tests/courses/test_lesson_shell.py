"""Lesson pages served from their cached shell: the same HTML as a fresh render, and the
learner's own progress, menu and messages always exact."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import gettext

from courses.factories import LessonPageFactory, ModulePageFactory, course_with_lessons
from courses.models import LessonPage
from courses.services import enrolment_create, step_complete

CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


def lessons_of(course):
    return list(LessonPage.objects.descendant_of(course).order_by("path"))


def html_of(response) -> str:
    """The page without its CSRF tokens, which differ on every response."""
    return CSRF_RE.sub('name="csrfmiddlewaretoken" value="…"', response.content.decode())


def latin(message):
    with translation.override("sr-latn"):
        return gettext(message)


@pytest.fixture
def course(db):
    return course_with_lessons(modules=2, lessons=2)


@pytest.fixture
def lesson(course):
    return lessons_of(course)[1]


def served_from_shell(client, url) -> tuple:
    """GET twice: the first builds the shell, the second must come from the fast door."""
    first = client.get(url)
    assert first.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        second = client.get(url)
    assert second.status_code == 200
    return first, second, queries


def test_cached_page_is_the_same_html_as_the_fresh_one(client, learner, course, lesson):
    enrolment_create(user=learner, course=course)
    client.force_login(learner)
    first, second, _ = served_from_shell(client, lesson.url)
    assert html_of(first) == html_of(second)
    assert lesson.title in html_of(second)


def test_csrf_tokens_are_real_and_fresh(client, learner, course, lesson):
    enrolment_create(user=learner, course=course)
    client.force_login(learner)
    _, second, _ = served_from_shell(client, lesson.url)
    html = second.content.decode()
    assert "\x1e" not in html  # no marker left behind
    assert len(CSRF_RE.findall(html)) >= 3  # language switcher, sign out, mark as done
    # The token works: "Mark as done" posted from the cached page is accepted.
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    client.handler.enforce_csrf_checks = True
    response = client.post(f"/sr-latn/learning/done/{lesson.pk}/", {"csrfmiddlewaretoken": token})
    assert response.status_code == 302


def test_cached_page_runs_few_queries_whatever_the_course_size(
    client, learner, django_assert_max_num_queries
):
    big = course_with_lessons(modules=6, lessons=6)
    enrolment_create(user=learner, course=big)
    client.force_login(learner)
    lesson = lessons_of(big)[10]
    client.get(lesson.url)
    # Session, user, enrolment with its steps done.
    with django_assert_max_num_queries(3):
        assert client.get(lesson.url).status_code == 200


def test_progress_is_exact_after_marking_a_lesson_done(client, learner, course, lesson):
    enrolment, _ = enrolment_create(user=learner, course=course)
    client.force_login(learner)
    served_from_shell(client, lesson.url)
    step_complete(enrolment=enrolment, page=lessons_of(course)[0])
    html = client.get(lesson.url).content.decode()
    assert '<progress max="100" value="25"' in html
    assert 'id="mark-done"' in html
    step_complete(enrolment=enrolment, page=lesson)
    html = client.get(lesson.url).content.decode()
    assert '<progress max="100" value="50"' in html
    assert 'id="mark-done"' not in html
    assert latin("You have completed this lesson.") in html


def test_one_learners_progress_never_reaches_another(
    client, learner, other_learner, course, lesson
):
    enrolment, _ = enrolment_create(user=learner, course=course)
    step_complete(enrolment=enrolment, page=lesson)
    client.force_login(learner)
    assert '<progress max="100" value="25"' in client.get(lesson.url).content.decode()
    client.force_login(other_learner)
    html = client.get(lesson.url).content.decode()
    assert "<progress" not in html
    assert latin("Enrol to record your progress") in html


def test_messages_are_shown_once_on_the_cached_page(client, learner, course, lesson):
    client.force_login(learner)
    client.get(lesson.url)  # the shell is cached
    client.post(f"/sr-latn/learning/enrol/{course.pk}/")  # leaves a success message
    html = client.get(lesson.url).content.decode()
    assert latin("You are enrolled. Start with the first lesson.") in html
    html = client.get(lesson.url).content.decode()
    assert latin("You are enrolled. Start with the first lesson.") not in html


def test_publishing_a_change_is_seen_at_once(client, learner, course, lesson, committed):
    client.force_login(learner)
    served_from_shell(client, lesson.url)
    lesson.title = "The non-punishment principle"
    with committed():
        lesson.save_revision().publish()
    assert "The non-punishment principle" in client.get(lesson.url).content.decode()


def test_a_new_lesson_changes_the_pager_of_its_neighbour(client, learner, course, committed):
    client.force_login(learner)
    last = lessons_of(course)[-1]
    served_from_shell(client, last.url)
    with committed():
        module = ModulePageFactory(parent=course, title="Module three")
        LessonPageFactory(parent=module, title="A lesson added later")
    html = client.get(last.url).content.decode()
    assert "A lesson added later" in html


def test_staff_see_administration_and_learners_do_not(client, learner, trainer, course, lesson):
    client.force_login(trainer)
    first, second, _ = served_from_shell(client, lesson.url)
    assert 'href="/admin/"' in html_of(second)
    client.force_login(learner)
    assert 'href="/admin/"' not in client.get(lesson.url).content.decode()


def test_staff_flag_follows_role_changes(client, learner, course, lesson):
    from accounts.models import Role
    from accounts.services import role_grant

    client.force_login(learner)
    served_from_shell(client, lesson.url)
    role_grant(user=learner, role=Role.TRAINER)
    assert 'href="/admin/"' in client.get(lesson.url).content.decode()


def test_signed_out_reader_is_sent_to_sign_in_even_when_cached(client, learner, lesson):
    client.force_login(learner)
    served_from_shell(client, lesson.url)
    client.logout()
    response = client.get(lesson.url)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_restricted_course_stays_hidden_from_others_when_cached(client, tree, learner):
    from accounts.factories import UserFactory

    course = course_with_lessons(modules=1, lessons=1, access="restricted")
    course.restricted_institutions.add(tree["belgrade"])
    course.save_revision().publish()
    lesson = lessons_of(course)[0]
    client.force_login(learner)  # Belgrade: allowed
    served_from_shell(client, lesson.url)
    outsider = UserFactory(institution=tree["station_ni"])
    client.force_login(outsider)
    assert client.get(lesson.url).status_code == 404


def test_a_query_string_is_never_cached_into_others_pages(client, learner, other_learner, lesson):
    client.force_login(learner)
    client.get(lesson.url + "?from=mail-campaign-of-learner")
    client.force_login(other_learner)
    html = client.get(lesson.url).content.decode()
    assert "mail-campaign-of-learner" not in html


def test_cyrillic_reader_gets_the_lesson_in_cyrillic(client, learner, course):
    module = ModulePageFactory(parent=course)
    lesson = LessonPageFactory(
        parent=module,
        title="Tri elementa trgovine ljudima",
        body=[
            ("paragraph", "<p>Radnja, sredstvo i cilj. <a href='https://unodc.org'>UNODC</a></p>")
        ],
    )
    client.force_login(learner)
    latin_url = lesson.url
    url = latin_url.replace("/sr-latn/", "/sr/", 1)
    for _ in range(2):  # fresh and cached
        html = client.get(url).content.decode()
        assert "Три елемента трговине људима" in html
        assert "Радња, средство и циљ." in html
        assert "href='https://unodc.org'" in html or 'href="https://unodc.org"' in html
        assert ">UNODC<" in html
    latin_html = client.get(latin_url).content.decode()
    assert "Tri elementa trgovine ljudima" in latin_html
    assert "Радња" not in latin_html


def test_content_written_in_cyrillic_reads_in_latin(client, learner, course):
    module = ModulePageFactory(parent=course)
    lesson = LessonPageFactory(
        parent=module, title="Начело некажњавања", body=[("paragraph", "<p>Жртве.</p>")]
    )
    client.force_login(learner)
    html = client.get(lesson.url).content.decode()
    assert "Načelo nekažnjavanja" in html
    assert "Žrtve." in html


def test_the_lesson_outline_marks_this_learners_done_steps_and_the_current_one(
    client, learner, other_learner, course, lesson
):
    enrolment, _ = enrolment_create(user=learner, course=course)
    first = lessons_of(course)[0]
    step_complete(enrolment=enrolment, page=first)
    client.force_login(learner)
    first_html, second, _ = served_from_shell(client, lesson.url)
    html = second.content.decode()
    assert f'<a href="{lesson.url}" aria-current="page">' in html
    assert html.count('class="step done"') == 1
    assert f'class="step done"><a href="{first.url}">' in html
    assert "\x1e" not in html
    client.force_login(other_learner)
    assert 'class="step done"' not in client.get(lesson.url).content.decode()


def test_marking_done_without_javascript_says_so_on_the_next_lesson(client, learner, course):
    enrolment_create(user=learner, course=course)
    first, following = lessons_of(course)[:2]
    client.force_login(learner)
    response = client.post(
        f"/sr-latn/learning/done/{first.pk}/", {"next": following.url}, follow=True
    )
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == following.url
    assert first.title in html and "message-success" in html

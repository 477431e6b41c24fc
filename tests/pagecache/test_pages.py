"""Pages served from pagecache: course, lesson, home and catalogue read by two learners
and an anonymous reader, before and after each kind of change."""

import re

import pytest
import wagtail_factories
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, Page, PageViewRestriction

from courses.factories import (
    CoursePageFactory,
    LessonPageFactory,
    ModulePageFactory,
    course_index,
    course_with_lessons,
)
from courses.models import LessonPage
from courses.services import enrolment_create, step_complete
from home.models import HomePage
from tests.conftest import in_serbian

CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


def html_of(response) -> str:
    assert response.status_code == 200, response.status_code
    return CSRF_RE.sub('name="csrfmiddlewaretoken" value="…"', response.content.decode())


def gone(client, old_url, *, new_url):
    """The old address no longer serves the page: Wagtail's redirect to the new one."""
    response = client.get(old_url)
    assert response.status_code in (301, 302, 404), response.status_code
    if response.status_code != 404:
        assert response["Location"] == new_url


def lessons_of(course):
    return list(LessonPage.objects.descendant_of(course).order_by("path"))


@pytest.fixture
def course(db):
    return course_with_lessons(modules=2, lessons=2)


@pytest.fixture
def readers(learner, other_learner):
    """Two signed-in learners and someone signed out, each with their own browser."""
    first, second, anonymous = Client(), Client(), Client()
    first.force_login(learner)
    second.force_login(other_learner)
    return {"learner": first, "other": second, "anonymous": anonymous}


def read_all(readers, url) -> dict[str, str]:
    """Each reader's page, read twice (the second time from the cache) and identical."""
    pages = {}
    for name, client in readers.items():
        first, second = html_of(client.get(url)), html_of(client.get(url))
        assert first == second, f"{name}: the cached page differs from the fresh one"
        pages[name] = second
    return pages


# --- The course page ---------------------------------------------------------------------


def test_each_reader_gets_their_own_progress_on_the_cached_course_page(readers, learner, course):
    first_lesson, second_lesson = lessons_of(course)[:2]
    enrolment, _ = enrolment_create(user=learner, course=course)
    step_complete(enrolment=enrolment, page=first_lesson)
    pages = read_all(readers, course.url)

    assert 'value="25"' in pages["learner"]  # 1 of 4 required lessons
    assert pages["learner"].count('class="step done"') == 1
    assert in_serbian("Continue where you left off") in pages["learner"]
    assert f'href="{second_lesson.url}"' in pages["learner"]
    # The other learner is not enrolled: an enrol button, nothing done, no progress.
    assert in_serbian("Enrol in this course") in pages["other"]
    assert 'class="step done"' not in pages["other"]
    assert "<progress" not in pages["other"]
    assert in_serbian("Sign in to enrol") in pages["anonymous"]
    assert in_serbian("Enrol in this course") not in pages["anonymous"]
    assert "\x1e" not in "".join(pages.values())  # no marker left unfilled


def test_progress_is_exact_at_once_after_a_lesson_is_done(readers, learner, course):
    enrolment, _ = enrolment_create(user=learner, course=course)
    read_all(readers, course.url)
    for lesson in lessons_of(course):
        step_complete(enrolment=enrolment, page=lesson)
    html = html_of(readers["learner"].get(course.url))
    assert 'value="100"' in html
    assert html.count('class="step done"') == 4
    assert in_serbian("Take the course again") in html
    assert 'class="step done"' not in html_of(readers["other"].get(course.url))


def test_the_cached_course_page_in_cyrillic(readers, learner, course):
    enrolment_create(user=learner, course=course)
    url = course.url.replace("/sr-latn/", "/sr/", 1)
    html = read_all(readers, url)["learner"]
    assert "Курс" in html or "Лекција" in html or "Модул" in html
    assert "\x1e" not in html


@pytest.mark.parametrize("reader", ["learner", "anonymous"])
def test_course_page_queries_do_not_grow_with_the_course(readers, learner, reader, db):
    counts = []
    for modules, lessons in ((1, 2), (5, 8)):
        course = course_with_lessons(modules=modules, lessons=lessons)
        enrolment, _ = enrolment_create(user=learner, course=course)
        step_complete(enrolment=enrolment, page=lessons_of(course)[0])
        readers[reader].get(course.url)
        with CaptureQueriesContext(connection) as queries:
            assert readers[reader].get(course.url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert counts[1] <= 4  # session, user, enrolment with steps done


def test_staff_get_their_menu_and_user_bar_on_a_cached_course_page(readers, trainer, course):
    read_all(readers, course.url)
    client = Client()
    client.force_login(trainer)
    html = html_of(client.get(course.url))
    assert 'href="/admin/"' in html
    assert 'href="/admin/"' not in html_of(readers["learner"].get(course.url))


def test_a_restricted_course_is_never_shared(tree, learner, other_learner):
    from accounts.factories import UserFactory

    course = course_with_lessons(modules=1, lessons=1, access="restricted")
    course.restricted_institutions.add(tree["belgrade"])
    course.save_revision().publish()
    allowed = Client()
    allowed.force_login(learner)
    assert allowed.get(course.url).status_code == 200
    assert allowed.get(course.url).status_code == 200
    outsider = Client()
    outsider.force_login(UserFactory(institution=tree["station_ni"]))
    assert outsider.get(course.url).status_code == 404
    assert Client().get(course.url).status_code == 404


# --- Invalidation: each change, read by everyone -----------------------------------------


def test_publishing_a_lesson_title_reaches_course_lesson_and_catalogue(
    readers, learner, course, committed
):
    enrolment_create(user=learner, course=course)
    lesson = lessons_of(course)[0]
    catalogue = course_index()
    read_all(readers, course.url)
    read_all({"anonymous": readers["anonymous"]}, catalogue.url)
    html_of(readers["learner"].get(lessons_of(course)[1].url))

    lesson.title = "The non-punishment principle"
    with committed():
        lesson.save_revision().publish()
    for html in read_all(readers, course.url).values():
        assert "The non-punishment principle" in html
    # The neighbour's pager names it.
    assert "The non-punishment principle" in html_of(
        readers["learner"].get(lessons_of(course)[1].url)
    )

    course.summary = "A summary rewritten by the trainer."
    with committed():
        course.save_revision().publish()
    assert "A summary rewritten by the trainer." in html_of(readers["anonymous"].get(catalogue.url))


def test_a_change_inside_a_transaction_is_not_seen_before_its_commit(
    readers, course, django_capture_on_commit_callbacks
):
    lesson = lessons_of(course)[0]
    read_all(readers, course.url)
    lesson.title = "Written but not yet committed"
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        lesson.save_revision().publish()
        # The page is read while the change is uncommitted: the old counters hold, so
        # nothing stale can be stored under new ones.
        assert "Written but not yet committed" not in html_of(readers["other"].get(course.url))
    assert callbacks, "invalidation waits for the commit"
    for callback in callbacks:
        callback()
    assert "Written but not yet committed" in html_of(readers["other"].get(course.url))


def test_one_transaction_moves_each_counter_once(db, course, django_capture_on_commit_callbacks):
    from django.core.cache import cache

    from pagecache import versions

    key = versions.PREFIX + versions.tree(course.path)
    before = versions.versions_read([versions.tree(course.path)])[versions.tree(course.path)]
    with django_capture_on_commit_callbacks(execute=True):
        module = ModulePageFactory(parent=course)
        for _ in range(30):
            LessonPageFactory(parent=module)
    assert cache.get(key) == before + 1


def test_a_change_in_one_course_leaves_the_others_cached(readers, course, committed):
    with committed():
        other_course = course_with_lessons(modules=1, lessons=2)
    read_all(readers, other_course.url)
    lesson = lessons_of(course)[0]
    lesson.title = "Changed elsewhere"
    with committed():
        lesson.save_revision().publish()
    with CaptureQueriesContext(connection) as queries:
        readers["anonymous"].get(other_course.url)
    # Served from the cache: no page lookup at all.
    assert not any("wagtailcore_page" in q["sql"] for q in queries.captured_queries)


def test_unpublishing_a_lesson_removes_it_for_everyone(readers, course, committed):
    lesson = lessons_of(course)[0]
    lesson.title = "A lesson about to go"
    lesson.save_revision().publish()
    for html in read_all(readers, course.url).values():
        assert "A lesson about to go" in html
    with committed():
        lesson.unpublish()
    for html in read_all(readers, course.url).values():
        assert "A lesson about to go" not in html
    assert readers["learner"].get(lesson.url).status_code == 404


def test_moving_a_lesson_to_another_course(readers, course, committed):
    other_course = course_with_lessons(modules=1, lessons=1)
    lesson = lessons_of(course)[0]
    old_url = lesson.url
    lesson.title = "A lesson that moves"
    lesson.save_revision().publish()
    read_all(readers, course.url)
    read_all(readers, other_course.url)
    html_of(readers["learner"].get(old_url))
    target = other_course.get_children().first()
    with committed():
        lesson.move(target, pos="last-child")
    for html in read_all(readers, course.url).values():
        assert "A lesson that moves" not in html
    for html in read_all(readers, other_course.url).values():
        assert "A lesson that moves" in html
    lesson.refresh_from_db()
    gone(readers["learner"], old_url, new_url=lesson.url)
    assert "A lesson that moves" in html_of(readers["learner"].get(lesson.url))


def test_renaming_a_module_slug_moves_its_lessons_address(readers, course, committed):
    lesson = lessons_of(course)[0]
    old_url = lesson.url
    html_of(readers["learner"].get(old_url))
    module = lesson.get_parent().specific
    module.slug = "renamed-module"
    with committed():
        module.save_revision().publish()
    lesson.refresh_from_db()
    assert "/renamed-module/" in lesson.url
    gone(readers["learner"], old_url, new_url=lesson.url)
    assert f'href="{lesson.url}"' in html_of(readers["learner"].get(course.url))


def test_changing_an_image_changes_the_lessons_that_show_it(readers, course, committed):
    image = wagtail_factories.ImageFactory(file__width=120, file__height=60)
    lesson = lessons_of(course)[0]
    lesson.body = [("image", {"image": image, "alt_text": "The referral mechanism"})]
    lesson.save_revision().publish()
    assert 'width="120"' in html_of(readers["learner"].get(lesson.url))
    with committed():
        # As the admin does when a new file is uploaded for an image.
        new = wagtail_factories.ImageFactory.build(file__width=240, file__height=120)
        image.file = new.file
        image.width, image.height = 240, 120
        image.save()
        image.renditions.all().delete()
    assert 'width="240"' in html_of(readers["learner"].get(lesson.url))
    assert 'width="240"' in html_of(readers["other"].get(lesson.url))


def test_changing_a_case_changes_the_lessons_that_cite_it(readers, course, committed):
    from caselaw.factories import CasePageFactory

    case = CasePageFactory(title="Rantsev v. Cyprus and Russia")
    lesson = lessons_of(course)[0]
    lesson.body = [("case_law", {"case": case, "citation": "", "holding": ""})]
    lesson.save_revision().publish()
    assert "Rantsev v. Cyprus and Russia" in html_of(readers["learner"].get(lesson.url))
    case.title = "Rantsev v. Cyprus and Russia (2010)"
    with committed():
        case.save_revision().publish()
    assert "Rantsev v. Cyprus and Russia (2010)" in html_of(readers["other"].get(lesson.url))


def test_a_translation_published_later(readers, learner, course, committed):
    english, _ = Locale.objects.get_or_create(language_code="en")
    enrolment, _ = enrolment_create(user=learner, course=course)
    first_lesson = lessons_of(course)[0]
    step_complete(enrolment=enrolment, page=first_lesson)
    catalogue_en = course_index().copy_for_translation(english, copy_parents=True)
    catalogue_en.save_revision().publish()
    read_all({"anonymous": readers["anonymous"]}, catalogue_en.url)
    with committed():
        course_en = course.copy_for_translation(english)
        course_en.title = "Identifying victims"
        course_en.save_revision().publish()
        for page in Page.objects.descendant_of(course).order_by("path"):
            copy = page.specific.copy_for_translation(english, copy_parents=False)
            copy.save_revision().publish()
    catalogue_html = html_of(readers["anonymous"].get(catalogue_en.url))
    assert "Identifying victims" in catalogue_html
    course_en.refresh_from_db()
    pages = read_all(readers, course_en.url)
    assert "Identifying victims" in pages["anonymous"]
    # Progress is kept on the Serbian pages and shown on the English ones.
    assert pages["learner"].count('class="step done"') == 1
    assert course.title in html_of(readers["learner"].get(course.url))


def test_privacy_set_on_a_course_reaches_cached_pages(readers, learner, course, committed):
    lesson = lessons_of(course)[0]
    read_all(readers, course.url)
    html_of(readers["learner"].get(lesson.url))
    with committed():
        PageViewRestriction.objects.create(page=course, restriction_type="password", password="x")
    for name in ("learner", "other", "anonymous"):
        response = readers[name].get(course.url)
        assert response.status_code == 200
        assert 'name="password"' in response.content.decode(), name
    assert 'name="password"' in readers["learner"].get(lesson.url).content.decode()


# --- Home and catalogue -------------------------------------------------------------------


@pytest.fixture
def home(db):
    return HomePage.objects.get(depth=2)


def test_home_page_for_each_kind_of_reader(readers, home, committed):
    pages = read_all(readers, home.url)
    assert in_serbian("Register") in pages["anonymous"]
    assert in_serbian("Sign out") not in pages["anonymous"]
    assert in_serbian("Sign out") in pages["learner"]
    assert in_serbian("Register") not in pages["learner"]
    home.intro = "<p>A new welcome from the programme.</p>"
    with committed():
        home.save_revision().publish()
    for html in read_all(readers, home.url).values():
        assert "A new welcome from the programme." in html


def test_home_page_links_follow_the_pages_they_point_to(readers, home, committed):
    catalogue = course_index()
    home.audiences = [
        ("audience", {"title": "Prosecutors", "text": "Start here.", "link_page": catalogue})
    ]
    home.save_revision().publish()
    assert f'href="{catalogue.url}"' in read_all(readers, home.url)["anonymous"]
    catalogue.slug = "catalogue-renamed"
    with committed():
        catalogue.save_revision().publish()
    catalogue.refresh_from_db()
    for html in read_all(readers, home.url).values():
        assert f'href="{catalogue.url}"' in html
        assert "/catalogue-renamed/" in html


def test_catalogue_anonymous_is_shared_signed_in_is_personal(readers, learner, tree, committed):
    open_course = CoursePageFactory(title="Open to all")
    restricted = CoursePageFactory(title="Only Belgrade", access="restricted")
    restricted.restricted_institutions.add(tree["belgrade"])
    restricted.save_revision().publish()
    catalogue = course_index()
    anonymous = read_all({"anonymous": readers["anonymous"]}, catalogue.url)["anonymous"]
    assert open_course.title in anonymous and restricted.title not in anonymous
    assert restricted.title in html_of(readers["learner"].get(catalogue.url))  # Belgrade
    with committed():
        open_course.unpublish()
    assert open_course.title not in html_of(readers["anonymous"].get(catalogue.url))


def test_a_query_string_is_neither_stored_nor_served(readers, course):
    readers["anonymous"].get(course.url + "?utm_campaign=learner-42")
    assert "learner-42" not in html_of(readers["other"].get(course.url))
    assert "learner-42" not in html_of(readers["anonymous"].get(course.url))


def test_programme_settings_reach_every_cached_page(readers, home, course, committed):
    from home.models import ProgrammeSettings

    read_all(readers, home.url)
    read_all(readers, course.url)
    site_settings = ProgrammeSettings.for_site(home.get_site())
    site_settings.footer_text = "Footer changed by the programme office."
    with committed():
        site_settings.save()
    for url in (home.url, course.url):
        for html in read_all(readers, url).values():
            assert "Footer changed by the programme office." in html


def test_anonymous_home_and_catalogue_cost_no_query_when_cached(readers, home, committed):
    catalogue = course_index()
    counts = []
    for size in (1, 6):
        with committed():
            for _ in range(size):
                CoursePageFactory()
        for url in (home.url, catalogue.url):
            readers["anonymous"].get(url)
            with CaptureQueriesContext(connection) as queries:
                assert readers["anonymous"].get(url).status_code == 200
            counts.append(len(queries))
    assert counts == [0, 0, 0, 0]


def test_case_law_library_is_shared_per_valid_filter_and_never_for_a_bad_one(readers, committed):
    from caselaw.factories import CasePageFactory, case_index

    with committed():
        CasePageFactory(title="M. and Others v. Italy and Bulgaria")
    url = case_index().url
    for query in ("", "?outcome=violation", "?sort=newest&outcome=violation"):
        readers["anonymous"].get(url + query)
        with CaptureQueriesContext(connection) as queries:
            html = html_of(readers["anonymous"].get(url + query))
        assert len(queries) == 0, query
        assert "M. and Others v. Italy and Bulgaria" in html
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            response = readers["anonymous"].get(url + "?year_from=abc")
        assert len(queries) > 0  # rendered each time, with the form's message
        assert 'class="message message-error" role="alert"' in response.content.decode()
    with committed():
        CasePageFactory(title="S.M. v. Croatia")
    assert "S.M. v. Croatia" in html_of(readers["anonymous"].get(url + "?outcome=violation"))


def test_quiz_start_page_is_shared_and_each_learner_sees_their_own_attempts(
    readers, learner, other_learner
):
    from quizzes import factories as qf
    from quizzes.services import attempt_start

    quiz = qf.quiz_in_course(questions=[qf.true_false()], attempts_allowed=3)
    course = quiz.get_parent().get_parent().specific
    enrolment_create(user=learner, course=course)
    attempt = attempt_start(user=learner, quiz=quiz)
    pages = {}
    for name in ("learner", "other"):
        readers[name].get(quiz.url)
        with CaptureQueriesContext(connection) as queries:
            pages[name] = html_of(readers[name].get(quiz.url))
        # Session, user, the quiz and its course by key, attempts, result, enrolment:
        # no routing through the page tree.
        assert len(queries) <= 8, [q["sql"][:80] for q in queries.captured_queries]
    assert f"/learning/quizzes/attempts/{attempt.pk}/" in pages["learner"]
    assert in_serbian("Continue your attempt") in pages["learner"]
    assert f"/learning/quizzes/attempts/{attempt.pk}/" not in pages["other"]
    assert in_serbian("Enrol in the course to take this quiz.") in pages["other"]
    assert "\x1e" not in pages["learner"] + pages["other"]
    assert readers["anonymous"].get(quiz.url).status_code == 302


def test_my_learning_is_cached_for_its_learner_alone(readers, learner, other_learner, committed):
    with committed():
        mine = course_with_lessons(modules=1, lessons=2, title="Only mine")
        enrolment, _ = enrolment_create(user=learner, course=mine)
    url = "/sr-latn/learning/"
    first = html_of(readers["learner"].get(url))
    assert "Only mine" in first
    assert "Only mine" not in html_of(readers["other"].get(url))
    with committed():
        step_complete(enrolment=enrolment, page=lessons_of(mine)[0])
    assert 'value="50"' in html_of(readers["learner"].get(url))  # at once, not the old copy
    assert readers["anonymous"].get(url).status_code == 302


def test_a_learners_progress_is_read_from_the_cache_until_it_changes(readers, learner, course):
    from courses.models import StepCompletion

    enrolment, _ = enrolment_create(user=learner, course=course)
    first = lessons_of(course)[0]
    url = lessons_of(course)[1].url
    for _ in range(2):
        readers["learner"].get(url)
    table = StepCompletion._meta.db_table
    with CaptureQueriesContext(connection) as queries:
        html_of(readers["learner"].get(url))
    assert not any(table in q["sql"] for q in queries.captured_queries)
    step_complete(enrolment=enrolment, page=first)  # moves the learner's counter
    with CaptureQueriesContext(connection) as queries:
        html = html_of(readers["learner"].get(url))
    assert any(table in q["sql"] for q in queries.captured_queries)
    assert 'value="25"' in html
    assert 'value="25"' in html_of(readers["learner"].get(course.url))


def test_a_cached_page_reads_the_learner_with_its_counters_not_from_the_database(
    readers, learner, course
):
    """Warm, a lesson costs the session alone (a cache read in production): the account
    comes with the page's counters (pagecache/session_user.py)."""
    enrolment_create(user=learner, course=course)
    url = lessons_of(course)[1].url
    for _ in range(2):
        readers["learner"].get(url)
    with CaptureQueriesContext(connection) as queries:
        response = readers["learner"].get(url)
    assert response.wsgi_request.user.pk == learner.pk
    tables = [q["sql"] for q in queries.captured_queries]
    assert tables and all('"django_session"' in sql for sql in tables), tables


# --- The learner's quiz panel ----------------------------------------------------------


@pytest.fixture
def timed_quiz(learner):
    from quizzes import factories as qf

    quiz = qf.quiz_in_course(questions=[qf.true_false()], attempts_allowed=3, time_limit_minutes=10)
    enrolment_create(user=learner, course=quiz.get_parent().get_parent().specific)
    return quiz


def quiz_rows_read(client, url) -> tuple[str, list[str]]:
    with CaptureQueriesContext(connection) as queries:
        html = html_of(client.get(url))
    tables = ("quizzes_attempt", "quizzes_quizresult", "courses_enrolment")
    return html, [q["sql"] for q in queries.captured_queries if any(t in q["sql"] for t in tables)]


def test_the_quiz_panel_is_read_from_the_cache_until_the_learner_acts(
    readers, learner, timed_quiz, committed
):
    from quizzes.services import attempt_start, attempt_submit

    url = timed_quiz.url
    readers["learner"].get(url)
    html, reads = quiz_rows_read(readers["learner"], url)
    assert not reads and in_serbian("Start the quiz") in html
    with committed():
        attempt = attempt_start(user=learner, quiz=timed_quiz)
    html, reads = quiz_rows_read(readers["learner"], url)
    assert reads and in_serbian("Continue your attempt") in html
    with committed():
        attempt_submit(attempt=attempt)
    html = html_of(readers["learner"].get(url))
    assert in_serbian("Continue your attempt") not in html
    assert in_serbian("Try again") in html
    # The other learner never sees this learner's panel.
    assert f"/attempts/{attempt.pk}/" not in html_of(readers["other"].get(url))


def test_the_quiz_panel_follows_the_clock(readers, learner, timed_quiz, monkeypatch):
    """An attempt whose time ran out is closed when the learner next looks, although
    nothing of theirs was written in between: the copy ends with the attempt's time."""
    from datetime import timedelta

    from django.utils import timezone

    from quizzes.models import Attempt, AttemptState
    from quizzes.services import attempt_start, grace

    attempt = attempt_start(user=learner, quiz=timed_quiz)
    url = timed_quiz.url
    readers["learner"].get(url)
    assert in_serbian("Continue your attempt") in html_of(readers["learner"].get(url))
    later = timezone.now() + timedelta(minutes=10) + grace() + timedelta(seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    html = html_of(readers["learner"].get(url))
    assert in_serbian("Continue your attempt") not in html
    assert Attempt.objects.get(pk=attempt.pk).state == AttemptState.EXPIRED

"""My learning: a bounded number of queries whatever the number of enrolments, the right
progress and links, and only the reader's own enrolments."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from certificates.models import Certificate
from courses.factories import course_index, course_with_lessons
from courses.models import LessonPage
from courses.services import enrolment_create, step_complete
from pagecache.api import learner_changed

pytestmark = pytest.mark.django_db


def _in_progress(*, user, title=None):
    """An enrolment in a course of three lessons, the first one done."""
    course = course_with_lessons(modules=1, lessons=3, **({"title": title} if title else {}))
    enrolment, _ = enrolment_create(user=user, course=course)
    first = LessonPage.objects.descendant_of(course).order_by("path").first()
    step_complete(enrolment=enrolment, page=first)
    return course, first


def _completed(*, user, committed):
    """An enrolment in a completed course, its certificate issued (after commit)."""
    course = course_with_lessons(modules=1, lessons=1)
    with committed():
        enrolment, _ = enrolment_create(user=user, course=course)
        step_complete(enrolment=enrolment, page=LessonPage.objects.descendant_of(course).get())
    return course


def _add(*, user, committed, in_progress, completed):
    for _ in range(in_progress):
        _in_progress(user=user)
    for _ in range(completed):
        _completed(user=user, committed=committed)


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", ["/sr-latn/learning/", "/en/learning/"])
def test_my_learning_queries_are_the_same_for_2_and_12_enrolments(client, learner, committed, url):
    client.force_login(learner)
    _add(user=learner, committed=committed, in_progress=1, completed=1)
    client.get(url)  # warm per-process caches (content types, locales, site root)
    with committed():
        learner_changed(learner.pk)  # as any change of theirs would
    with_two = _queries(client, url)  # rendered
    _add(user=learner, committed=committed, in_progress=5, completed=5)
    with_twelve = _queries(client, url)  # rendered again: the learner's counter moved
    assert with_twelve == with_two
    assert _queries(client, url) <= 2  # then from the cache: session and user
    body = client.get(url).content.decode()
    assert body.count('<progress max="100" value="33"') == 6
    for certificate in Certificate.objects.filter(user=learner):
        assert body.count(f"/certificates/{certificate.pk}/pdf/") == 1
    assert Certificate.objects.filter(user=learner).count() == 6


def test_my_learning_shows_progress_and_links(client, learner, committed, english):
    course, first = _in_progress(user=learner, title="Recognising trafficking")
    done = _completed(user=learner, committed=committed)
    certificate = Certificate.objects.get(enrolment__course=done)
    client.force_login(learner)
    body = client.get("/en/learning/").content.decode()
    assert "33% done (1 of 3 required steps)" in body
    assert f'href="{course.url}"' in body
    assert f'href="{first.url}"' in body  # continue where they left off
    assert f'href="{done.url}"' in body
    assert f"/certificates/{certificate.pk}/pdf/" in body


def test_another_learners_enrolments_never_appear(client, learner, other_learner, committed):
    mine, _ = _in_progress(user=learner, title="Mine in progress")
    theirs, _ = _in_progress(user=other_learner, title="Theirs in progress")
    theirs_done = _completed(user=other_learner, committed=committed)
    certificate = Certificate.objects.get(enrolment__course=theirs_done)
    client.force_login(learner)
    body = client.get("/en/learning/").content.decode()
    assert "Mine in progress" in body
    assert "Theirs in progress" not in body
    assert theirs.url not in body
    assert theirs_done.title not in body
    assert certificate.code not in body
    assert f"/certificates/{certificate.pk}/" not in body


def test_an_english_reader_sees_the_english_course_with_progress_kept_in_serbian(
    client, learner, english
):
    course, first = _in_progress(user=learner, title="Prepoznavanje trgovine ljudima")
    locale_en, _ = Locale.objects.get_or_create(language_code="en")
    course_index().copy_for_translation(locale_en, copy_parents=True).save_revision().publish()
    course_en = course.copy_for_translation(locale_en)
    course_en.title = "Recognising human trafficking"
    course_en.save_revision().publish()
    for page in course.get_descendants().order_by("path"):
        page.specific.copy_for_translation(locale_en).save_revision().publish()
    first_en = first.get_translation(locale_en)
    suggested = course_with_lessons(modules=0, audience_professions=[learner.profession])
    suggested_en = suggested.copy_for_translation(locale_en)
    suggested_en.title, suggested_en.summary = "Suggested in English", "An English summary."
    suggested_en.save_revision().publish()
    client.force_login(learner)
    body = client.get("/en/learning/").content.decode()
    assert "Recognising human trafficking" in body
    assert f'href="{course_en.url}"' in body
    assert f'href="{first_en.url}"' in body
    assert "33% done (1 of 3 required steps)" in body
    assert f'href="{suggested_en.url}">Suggested in English' in body
    assert "An English summary." in body
    serbian = client.get("/sr-latn/learning/").content.decode()
    assert "Prepoznavanje trgovine ljudima" in serbian
    assert f'href="{course.url}"' in serbian


def test_progress_counts_live_required_steps_as_the_course_page_does(client, learner):
    from courses.factories import LessonPageFactory
    from courses.selectors import course_outline_for, my_learning_dashboard
    from quizzes.factories import quiz_in_course

    course, first = _in_progress(user=learner)
    module = first.get_parent()
    LessonPage.objects.descendant_of(course).order_by("path").last().unpublish()
    LessonPageFactory(parent=module, required=False)  # optional: not counted
    quiz_in_course(course=course)  # a required quiz in a second module
    other, _ = _in_progress(user=learner)  # a course whose path shares no prefix
    shown = {e.course_id: e.progress for e in my_learning_dashboard(user=learner)["in_progress"]}
    for each in (course, other):
        expected = course_outline_for(course=each, user=learner)["progress"]
        assert (shown[each.pk].required, shown[each.pk].done) == (
            expected.required,
            expected.done,
        )
    # Two live required lessons (one done) and the quiz.
    assert (shown[course.pk].required, shown[course.pk].done) == (3, 1)

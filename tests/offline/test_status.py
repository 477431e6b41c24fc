"""GET /<lang>/learning/offline/status/ and the quiz placeholder."""

import pytest
from django.urls import reverse
from django.utils import timezone

from courses.factories import course_with_lessons
from courses.models import Enrolment
from courses.services import enrolment_create
from quizzes import factories as qf

pytestmark = pytest.mark.django_db

URL = "/sr-latn/learning/offline/status/"


def status(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    return response.json()["courses"]


def test_the_urls_are_the_contracts():
    assert reverse("offline:status") == URL
    assert reverse("offline:quiz", kwargs={"page_id": 7}) == "/sr-latn/learning/offline/quiz/7/"


def test_status_lists_current_enrolments_with_their_copys_version(signed_in, enrolled, course):
    found = status(signed_in)
    copy = signed_in.get(f"/sr-latn/learning/offline/courses/{course.pk}/").json()
    assert found == {str(course.pk): copy["version"]}


def test_the_version_follows_publishing_and_language(signed_in, enrolled, course, lessons, client):
    before = status(signed_in)[str(course.pk)]
    lessons[0].save_revision().publish()
    after = status(signed_in)[str(course.pk)]
    assert after != before
    lessons[1].unpublish()
    assert status(signed_in)[str(course.pk)] != after
    cyrillic = signed_in.get("/sr/learning/offline/status/").json()["courses"][str(course.pk)]
    assert cyrillic != status(signed_in)[str(course.pk)]


def test_revoked_unpublished_and_others_courses_are_absent(
    signed_in, learner, other_learner, enrolled, course, tree
):
    other = course_with_lessons(modules=1, lessons=1)
    enrolment_create(user=other_learner, course=other)  # not the learner's
    archived = course_with_lessons(modules=1, lessons=1)
    Enrolment.objects.create(user=learner, course=archived, archived_at=timezone.now())
    gone = course_with_lessons(modules=1, lessons=1)
    enrolment_create(user=learner, course=gone)
    gone.unpublish()
    restricted = course_with_lessons(modules=1, lessons=1, access="restricted")
    restricted.restricted_institutions.set([tree["nis"]])
    restricted.save()
    Enrolment.objects.create(user=learner, course=restricted)
    assert set(status(signed_in)) == {str(course.pk)}
    Enrolment.objects.filter(pk=enrolled.pk).update(archived_at=timezone.now())
    assert status(signed_in) == {}


def test_status_queries_do_not_grow_with_courses(signed_in, learner, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    status(signed_in)  # the session and the site, read once
    for n in (1, 5):
        for _ in range(n):
            enrolment_create(user=learner, course=course_with_lessons(modules=2, lessons=3))
        with CaptureQueriesContext(connection) as queries:
            status(signed_in)
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_anonymous_gets_403_json(client):
    response = client.get(URL)
    assert response.status_code == 403
    assert response.json()["error"]


# --- The quiz placeholder -------------------------------------------------------------------


@pytest.mark.usefixtures("english")
def test_placeholder_says_the_quiz_needs_a_connection(client, learner, course):
    quiz = qf.quiz_in_course(questions=[qf.true_false()], course=course, attempts_allowed=3)
    enrolment_create(user=learner, course=course)
    client.force_login(learner)
    response = client.get(f"/en/learning/offline/quiz/{quiz.pk}/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    text = response.content.decode()
    assert "This quiz needs a connection." in text
    assert "You can take it as soon as you are back online." in text
    assert "You have 3 attempts left." in text


def test_placeholder_in_cyrillic(client, learner, course):
    quiz = qf.quiz_in_course(questions=[qf.true_false()], course=course, title="Provera znanja")
    client.force_login(learner)
    response = client.get(f"/sr/learning/offline/quiz/{quiz.pk}/")
    assert "Провера знања" in response.content.decode()


def test_placeholder_is_only_for_quiz_steps_the_learner_may_see(
    client, learner, course, lessons, tree
):
    client.force_login(learner)
    assert client.get(f"/sr-latn/learning/offline/quiz/{lessons[0].pk}/").status_code == 404
    assert client.get(f"/sr-latn/learning/offline/quiz/{course.pk}/").status_code == 404
    assert client.get("/sr-latn/learning/offline/quiz/999999/").status_code == 404
    restricted = course_with_lessons(modules=1, lessons=0, access="restricted")
    restricted.restricted_institutions.set([tree["nis"]])
    restricted.save()
    hidden = qf.quiz_in_course(questions=[qf.true_false()], course=restricted)
    assert client.get(f"/sr-latn/learning/offline/quiz/{hidden.pk}/").status_code == 404
    unpublished = qf.quiz_in_course(questions=[qf.true_false()], course=course)
    unpublished.unpublish()
    assert client.get(f"/sr-latn/learning/offline/quiz/{unpublished.pk}/").status_code == 404


def test_placeholder_for_anonymous_is_403(client, course):
    quiz = qf.quiz_in_course(questions=[qf.true_false()], course=course)
    assert client.get(f"/sr-latn/learning/offline/quiz/{quiz.pk}/").status_code == 403


def test_the_learner_is_named_without_being_identified(signed_in, learner, other_learner, client):
    """A device keeps copies and queued records under this name: stable for one learner,
    different for another, and neither their id nor their email."""
    mine = signed_in.get(URL).json()["learner"]
    assert mine == signed_in.get("/sr/learning/offline/status/").json()["learner"]
    client.force_login(other_learner)
    theirs = client.get(URL).json()["learner"]
    assert theirs != mine
    assert len(mine) == 32
    assert str(learner.pk) != mine and learner.email not in mine

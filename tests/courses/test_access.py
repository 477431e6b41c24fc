import pytest

from courses.factories import course_with_lessons
from courses.models import Enrolment, LessonPage


@pytest.fixture
def restricted(tree):
    course = course_with_lessons(modules=1, lessons=1, access="restricted")
    course.restricted_institutions.add(tree["belgrade"])
    course.save_revision().publish()
    return course


def test_restricted_course_is_hidden_from_other_institutions(client, other_learner, restricted):
    client.force_login(other_learner)
    assert client.get(restricted.url).status_code == 404
    lesson = LessonPage.objects.descendant_of(restricted).first()
    assert client.get(lesson.url).status_code == 404
    assert client.post(f"/en/learning/enrol/{restricted.pk}/").status_code == 403
    assert not Enrolment.objects.exists()
    catalogue = client.get(restricted.get_parent().url).content.decode()
    assert restricted.title not in catalogue


def test_restricted_course_is_open_to_the_chosen_subtree(client, learner, restricted):
    # The learner is in a station below the Belgrade police administration.
    client.force_login(learner)
    assert client.get(restricted.url).status_code == 200
    assert client.post(f"/en/learning/enrol/{restricted.pk}/").status_code == 302
    assert Enrolment.objects.filter(user=learner).exists()


def test_restricted_course_is_hidden_from_anonymous_visitors(client, restricted):
    assert client.get(restricted.url).status_code == 404


def test_profession_restriction(client, learner, tree):
    course = course_with_lessons(
        modules=1, lessons=1, access="restricted", restricted_professions=["judge"]
    )
    client.force_login(learner)  # a police officer
    assert client.get(course.url).status_code == 404
    learner.profession = "judge"
    learner.save()
    assert client.get(course.url).status_code == 200


def test_lessons_need_a_signed_in_person(client, db):
    course = course_with_lessons(modules=1, lessons=1)
    lesson = LessonPage.objects.descendant_of(course).first()
    response = client.get(lesson.url)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_prerequisites_block_self_enrolment(client, learner, db):
    basics = course_with_lessons(modules=1, lessons=1)
    advanced = course_with_lessons(modules=1, lessons=1)
    advanced.prerequisites.add(basics)
    advanced.save_revision().publish()
    client.force_login(learner)
    client.post(f"/en/learning/enrol/{advanced.pk}/")
    assert not Enrolment.objects.filter(course=advanced).exists()

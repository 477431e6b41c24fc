import pytest
from django.utils import translation
from django.utils.translation import gettext

from courses import api
from courses.factories import LessonPageFactory, ModulePageFactory, course_with_lessons
from courses.models import Enrolment, LessonPage, StepCompletion
from courses.selectors import course_outline_for
from courses.services import enrolment_create, step_complete


@pytest.fixture
def course(db):
    return course_with_lessons(modules=2, lessons=2)


def lessons_of(course):
    return list(LessonPage.objects.descendant_of(course).order_by("path"))


@pytest.fixture
def completions():
    seen = []

    def listener(sender, enrolment, **kwargs):
        seen.append(enrolment.pk)

    api.course_completed.connect(listener)
    yield seen
    api.course_completed.disconnect(listener)


def test_enrolment_is_a_post_and_never_a_get(client, learner, course):
    client.force_login(learner)
    assert client.get(f"/en/learning/enrol/{course.pk}/").status_code == 405
    assert not Enrolment.objects.exists()
    response = client.post(f"/en/learning/enrol/{course.pk}/")
    assert response.status_code == 302
    assert Enrolment.objects.filter(user=learner, course=course).count() == 1


def test_enrolling_twice_keeps_one_enrolment(learner, course):
    first, created = enrolment_create(user=learner, course=course)
    second, created_again = enrolment_create(user=learner, course=course)
    assert created and not created_again and first.pk == second.pk


def test_marking_every_lesson_done_completes_the_course_once(
    client, learner, course, completions, django_capture_on_commit_callbacks
):
    client.force_login(learner)
    client.post(f"/en/learning/enrol/{course.pk}/")
    with django_capture_on_commit_callbacks(execute=True):
        for lesson in lessons_of(course):
            response = client.post(f"/en/learning/done/{lesson.pk}/")
            assert response.status_code == 302
        # Pressing again changes nothing.
        client.post(f"/en/learning/done/{lessons_of(course)[0].pk}/")
    enrolment = Enrolment.objects.get(user=learner)
    assert enrolment.completed_at is not None
    assert enrolment.completion_institution == learner.institution
    assert completions == [enrolment.pk]
    assert StepCompletion.objects.filter(enrolment=enrolment).count() == 4
    page = client.get(course.url)
    assert "100%" in page.content.decode()


def test_mark_as_done_goes_on_to_the_next_lesson(client, learner, course):
    client.force_login(learner)
    client.post(f"/en/learning/enrol/{course.pk}/")
    first, second = lessons_of(course)[:2]
    response = client.post(f"/en/learning/done/{first.pk}/", {"next": second.url})
    assert response["Location"] == second.url


def test_mark_as_done_refuses_an_unsafe_next_url(client, learner, course):
    client.force_login(learner)
    client.post(f"/en/learning/enrol/{course.pk}/")
    lesson = lessons_of(course)[0]
    response = client.post(f"/en/learning/done/{lesson.pk}/", {"next": "https://evil.example/"})
    assert "evil" not in response["Location"]


def test_optional_lessons_do_not_count(learner, course):
    module = course.get_children().first()
    LessonPageFactory(parent=module, required=False)
    enrolment, _ = enrolment_create(user=learner, course=course)
    for lesson in LessonPage.objects.descendant_of(course).filter(required=True):
        step_complete(enrolment=enrolment, page=lesson)
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None


def test_a_removed_lesson_stops_counting(learner, course):
    enrolment, _ = enrolment_create(user=learner, course=course)
    lessons = lessons_of(course)
    step_complete(enrolment=enrolment, page=lessons[0])
    lessons[0].delete()
    outline = course_outline_for(course=course, user=learner)
    assert (outline["progress"].done, outline["progress"].required) == (0, 3)
    # The row stays (progress points at lessons by id) but no longer counts.
    assert StepCompletion.objects.filter(enrolment=enrolment).count() == 1
    for lesson in lessons[1:]:
        step_complete(enrolment=enrolment, page=lesson)
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None


def test_a_new_required_lesson_does_not_undo_completion(learner, course):
    enrolment, _ = enrolment_create(user=learner, course=course)
    for lesson in lessons_of(course):
        step_complete(enrolment=enrolment, page=lesson)
    enrolment.refresh_from_db()
    completed_at = enrolment.completed_at
    LessonPageFactory(parent=ModulePageFactory(parent=course))
    step_complete(enrolment=enrolment, page=lessons_of(course)[0])
    enrolment.refresh_from_db()
    assert enrolment.completed_at == completed_at
    outline = course_outline_for(course=course, user=learner)
    assert outline["progress"].required == 5


def test_progress_of_one_learner_is_not_shown_to_another(client, learner, other_learner, course):
    enrolment, _ = enrolment_create(user=learner, course=course)
    step_complete(enrolment=enrolment, page=lessons_of(course)[0])
    client.force_login(other_learner)
    html = client.get(course.url).content.decode()
    with translation.override("sr-latn"):
        assert gettext("Enrol in this course") in html
    assert "25%" not in html


def test_restart_of_another_learners_enrolment_is_refused(client, learner, other_learner, course):
    enrolment, _ = enrolment_create(user=learner, course=course)
    client.force_login(other_learner)
    assert client.post(f"/en/learning/restart/{enrolment.pk}/").status_code == 404


def test_reaching_the_end_records_the_lesson_through_a_json_post(client, learner, course):
    client.force_login(learner)
    client.post(f"/en/learning/enrol/{course.pk}/")
    lesson = lessons_of(course)[0]
    response = client.post(f"/en/learning/done/{lesson.pk}/", HTTP_ACCEPT="application/json")
    assert response.json() == {"step_done": True, "course_completed": False}
    assert StepCompletion.objects.filter(page_id=lesson.pk).exists()

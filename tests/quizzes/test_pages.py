"""Where a quiz may live, and who sees it."""

import pytest

from courses.models import CoursePage, LessonPage, ModulePage
from quizzes import factories as f
from quizzes.models import QuizPage

pytestmark = pytest.mark.django_db


def test_quiz_lives_in_a_module_beside_lessons_and_has_no_children():
    assert QuizPage in ModulePage.allowed_subpage_models()
    assert LessonPage in ModulePage.allowed_subpage_models()
    assert QuizPage.allowed_parent_page_models() == [ModulePage]
    assert QuizPage.allowed_subpage_models() == []
    assert QuizPage not in CoursePage.allowed_subpage_models()


def test_quiz_page_asks_to_sign_in_and_hides_restricted_courses(client, learner, committed):
    quiz = f.quiz_in_course(questions=[f.true_false()])
    response = client.get(quiz.url)
    assert response.status_code == 302 and "login" in response["Location"]
    client.force_login(learner)
    assert client.get(quiz.url).status_code == 200
    course = quiz.get_parent().get_parent().specific
    course.access = "restricted"
    course.restricted_professions = ["judge"]
    with committed():
        course.save()
    assert client.get(quiz.url).status_code == 404

"""The demo quizzes: every demo course gets a module quiz and a final exam in Serbian and
English, with at least ten questions, scenarios included; loading twice changes nothing."""

from io import StringIO

import pytest
from django.core.management import call_command

from accounts.factories import UserFactory
from courses.models import CoursePage
from courses.services import enrolment_create
from quizzes.models import Question, QuestionKind, QuizPage
from quizzes.selectors import canonical_quiz
from quizzes.services import attempt_start, questions_for_attempt

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=StringIO())


def test_every_demo_course_has_a_module_quiz_and_a_final_exam_in_both_languages(demo):
    courses = CoursePage.objects.all()
    assert courses.count() == 8  # four courses, Serbian and English
    for course in courses:
        quizzes = QuizPage.objects.live().descendant_of(course)
        assert quizzes.filter(is_final=True).count() == 1, course
        assert quizzes.filter(is_final=False).count() >= 1, course
        language = "en" if course.locale.language_code == "en" else "sr"
        for quiz in quizzes:
            drawn = questions_for_attempt(page=quiz, user=None, quiz=canonical_quiz(quiz))
            assert len(drawn) >= 10, quiz
            assert {q.language for q in drawn} == {language}
            if quiz.is_final:
                assert any(q.kind == QuestionKind.SCENARIO for q in drawn)
    _an_english_attempt_counts_on_the_serbian_quiz(UserFactory())


def _scenarios_ask_which_elements_are_shown_and_missing():
    scenarios = Question.objects.filter(kind=QuestionKind.SCENARIO)
    assert scenarios.count() >= 8
    for scenario in scenarios:
        kinds = [q.kind for q in scenario.sub_questions.order_by("scenario_position")]
        assert kinds == ["multiple", "single", "true_false"]


def test_demo_quizzes_load_twice_without_changes(demo):
    _scenarios_ask_which_elements_are_shown_and_missing()
    from wagtail.models import Revision

    revisions = Revision.objects.count()
    questions = Question.objects.count()
    call_command("load_demo", stdout=StringIO())
    assert Revision.objects.count() == revisions
    assert Question.objects.count() == questions


def _an_english_attempt_counts_on_the_serbian_quiz(learner):
    quiz_en = QuizPage.objects.get(
        slug="final-exam", locale__language_code="en", url_path__contains="trafficking"
    )
    course_en = CoursePage.objects.ancestor_of(quiz_en).get()
    enrolment_create(user=learner, course=course_en)
    attempt = attempt_start(user=learner, quiz=quiz_en)
    assert attempt.quiz.locale.language_code == "sr"
    assert attempt.served_from_id == quiz_en.pk
    languages = set(attempt.questions.values_list("question__language", flat=True))
    assert languages == {"en"}

"""The demo quizzes: every demo course gets a module quiz and a final exam in Serbian and
English, with at least ten questions, scenarios included; loading twice changes nothing; a
learner who reads only the attempt pages' HTML scores no better than chance on each of them
(see test_blind_learner.py). The demo is loaded once for the module (`demo_site`)."""

import random
from io import StringIO
from itertools import count

import pytest
from django.core.management import call_command

from accounts.factories import UserFactory
from courses.models import CoursePage
from courses.services import enrolment_create
from institutions.models import Institution
from quizzes.models import Attempt, Question, QuestionKind, QuizPage
from quizzes.selectors import canonical_quiz
from quizzes.services import attempt_start, questions_for_attempt
from quizzes.services import attempts as services

from .blind_learner import assert_no_better_than_chance, take_quizzes

pytestmark = pytest.mark.django_db


def test_every_demo_course_has_a_module_quiz_and_a_final_exam_in_both_languages(demo_site):
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


def test_demo_quizzes_load_twice_without_changes(demo_site):
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


def test_blind_learner_scores_no_better_than_chance_on_every_demo_quiz(demo_site, monkeypatch):
    monkeypatch.setattr(services, "_random", random.Random(20261203))
    station = Institution.objects.get(code="PS-VRACAR")
    numbers = count()

    def make_learner():
        return UserFactory(institution=station, email=f"blind-{next(numbers)}@example.org")

    quizzes = list(QuizPage.objects.live().order_by("locale__language_code", "path"))
    # A module quiz and a final exam per course, and the joint seminar's pre-test and
    # post-test (in a course module, not required for it), sr and en.
    assert len(quizzes) == 20
    samples = take_quizzes(quizzes=quizzes, attempts_per_quiz=6, make_learner=make_learner)
    # (The demo's learning history has attempts of its own: count the blind learners'.)
    mine = Attempt.objects.filter(user__email__startswith="blind-", graded_at__isnull=False)
    assert mine.count() == 20 * 6
    assert_no_better_than_chance(samples)

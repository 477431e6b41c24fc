"""Passed quizzes and the average final score come from quizzes.QuizResult (the quizzes
branch); skipped until that model exists."""

import pytest

from stats.selectors import StatsFilters, StatsScope, quiz_result_model, stats_summary

from .conftest import enrol

pytestmark = pytest.mark.skipif(
    quiz_result_model() is None, reason="quizzes.QuizResult is not in this branch yet"
)


def test_passed_quizzes_and_final_score_count_once_per_learner(people, course, tree):
    from courses.factories import ModulePageFactory
    from quizzes.models import QuizPage, QuizResult

    module = ModulePageFactory(parent=course)
    final = module.add_child(
        instance=QuizPage(title="Final", slug="final", required=True, is_final=True, pass_mark=60)
    )
    practice = module.add_child(
        instance=QuizPage(title="Practice", slug="practice", required=False, pass_mark=50)
    )
    learners = people["bg"][:5]
    for index, person in enumerate(learners):
        enrol(person, course, completed="2026-01-20")
        QuizResult.objects.create(
            user=person,
            quiz=final,
            course=course,
            score=60 + index * 10,
            passed=True,
            attempts_count=1,
        )
        QuizResult.objects.create(
            user=person, quiz=practice, course=course, score=40, passed=False, attempts_count=2
        )
    summary = stats_summary(scope=StatsScope(roots=None), filters=StatsFilters(course=course))
    assert summary.passed_quizzes == 5
    assert summary.average_final_score == pytest.approx(80.0)

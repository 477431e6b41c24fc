"""Random draws, shuffling, scenarios in an attempt, and the grading methods."""

from decimal import Decimal

import pytest
from django.urls import reverse

from courses.selectors import course_of
from courses.services import enrolment_create
from quizzes import factories as f
from quizzes.models import Attempt, GradingMethod, QuizResult, QuizSlot
from quizzes.services import attempt_start, attempt_submit, result_attempt

pytestmark = pytest.mark.django_db


def _quiz_with_draw(*, pool: int, draw: int, language="sr", **kwargs):
    top = f.QuestionCategoryFactory(name="Indicators")
    child = f.QuestionCategoryFactory(name="Labour", parent=top)
    questions = [
        f.single_choice(category=child if i % 2 else top, language=language) for i in range(pool)
    ]
    f.single_choice(category=top, language="en")  # another language: never drawn
    quiz = f.quiz_in_course(attempts_allowed=0, **kwargs)
    QuizSlot.objects.create(page=quiz, category=top, draw_count=draw)
    return quiz, questions


def test_draws_come_from_the_category_tree_and_avoid_questions_seen_before(learner):
    quiz, questions = _quiz_with_draw(pool=4, draw=2)
    enrolment_create(user=learner, course=course_of(quiz))
    first = attempt_start(user=learner, quiz=quiz)
    seen = set(first.questions.values_list("question_id", flat=True))
    attempt_submit(attempt=first)
    second = attempt_start(user=learner, quiz=quiz)
    fresh = set(second.questions.values_list("question_id", flat=True))
    assert len(seen) == 2 and len(fresh) == 2
    assert seen.isdisjoint(fresh)
    assert seen | fresh == {q.pk for q in questions}
    attempt_submit(attempt=second)
    # The pool is used up: a third attempt draws from what was seen.
    third = attempt_start(user=learner, quiz=quiz)
    assert third.questions.count() == 2


def test_options_keep_their_order_when_shuffling_is_off(learner):
    question = f.single_choice()
    quiz = f.quiz_in_course(questions=[question], shuffle_options=False)
    enrolment_create(user=learner, course=course_of(quiz))
    attempt = attempt_start(user=learner, quiz=quiz)
    assert attempt.questions.get().option_order == [o.pk for o in question.options.all()]


def test_scenario_sub_questions_stay_together_under_the_vignette(client, learner):
    scenario, a, b = f.scenario()
    quiz = f.quiz_in_course(questions=[f.true_false(), scenario], questions_per_page=1)
    enrolment_create(user=learner, course=course_of(quiz))
    client.force_login(learner)
    client.post(reverse("quizzes:start", args=[quiz.pk]))
    attempt = Attempt.objects.get()
    rows = list(attempt.questions.order_by("slot").values_list("question_id", "page", "scenario"))
    assert rows[1:] == [(a.pk, 2, scenario.pk), (b.pk, 2, scenario.pk)]
    html = client.get(reverse("quizzes:attempt", args=[attempt.pk]) + "?page=2").content.decode()
    assert html.count("A man recruits a girl") == 1


@pytest.mark.parametrize(
    ("method", "expected"),
    [(GradingMethod.HIGHEST, 80), (GradingMethod.LAST, 40), (GradingMethod.FIRST, 60)],
)
def test_grading_methods(method, expected):
    attempts = [
        Attempt(number=1, score=Decimal(60)),
        Attempt(number=2, score=Decimal(80)),
        Attempt(number=3, score=Decimal(40)),
        Attempt(number=4, score=None),  # still open
    ]
    assert result_attempt(attempts, method).score == expected


def test_result_follows_the_last_attempt_when_the_quiz_says_so(learner):
    question = f.true_false(answer=True)
    quiz = f.quiz_in_course(questions=[question], grading_method=GradingMethod.LAST)
    enrolment_create(user=learner, course=course_of(quiz))
    from quizzes.services import attempt_save_responses

    first = attempt_start(user=learner, quiz=quiz)
    attempt_save_responses(attempt=first, responses={first.questions.get().pk: True})
    attempt_submit(attempt=first)
    assert QuizResult.objects.get(user=learner).passed is True
    second = attempt_start(user=learner, quiz=quiz)
    attempt_submit(attempt=second)
    result = QuizResult.objects.get(user=learner)
    assert result.score == 0 and result.passed is False and result.attempts_count == 2


def test_option_orders_really_shuffle_and_ordering_items_never_come_in_order():
    import random
    from itertools import permutations

    from quizzes.services import attempts as services

    generator = random.Random(7)
    original = services._random
    services._random = generator
    try:
        single, ordering, tf = f.single_choice(), f.ordering(), f.true_false()
        two = f.QuestionFactory(kind="ordering")
        for text in ("First", "Second"):
            f.option(two, text)
        seen = {
            name: {tuple(services.option_order(q, shuffle=True)) for _ in range(300)}
            for name, q in (("single", single), ("ordering", ordering), ("tf", tf), ("two", two))
        }
    finally:
        services._random = original
    assert seen["single"] == set(permutations(o.pk for o in single.options.all()))
    right = tuple(o.pk for o in ordering.options.all())
    assert right not in seen["ordering"] and len(seen["ordering"]) == 23  # 4! − 1
    assert seen["two"] == {tuple(reversed([o.pk for o in two.options.all()]))}
    assert seen["tf"] == {(True, False), (False, True)}

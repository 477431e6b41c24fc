"""A learner who reads only the HTML of the attempt pages scores no better than chance.

The blind learner (tests/quizzes/blind_learner.py) takes quizzes through the real views
and answers by every heuristic a tester used to read the key off the page (lowest value,
highest value, alphabetical, first and last position, ascending values as the order, name
equals value). For each heuristic, overall and per question type, its total must stay
within chance + 4 sigma (the bound and why it is sound are in blind_learner.py). On the
code before issue 14 it scored far above: option ids as values (right answer authored
first), matching selects named after the prompt's id with the right choice carrying it,
ordering items in ascending id order.

The draws and orders come from a seeded generator here, so a run is reproducible.
`bench/blind_learner.py` prints the same figures against a fresh database. The demo
quizzes are checked the same way in test_demo.py, on the demo loaded once for that module.
"""

import random
from itertools import count

import pytest

from accounts.factories import UserFactory
from quizzes import factories as f
from quizzes.models import Attempt
from quizzes.services import attempts as services

from .blind_learner import assert_no_better_than_chance, take_quizzes

pytestmark = pytest.mark.django_db

SEED = 20261203


@pytest.fixture
def seeded(monkeypatch):
    monkeypatch.setattr(services, "_random", random.Random(SEED))


def _learners(tree):
    numbers = count()
    return lambda: UserFactory(
        institution=tree["station_bg"], email=f"blind-{next(numbers)}@example.org"
    )


def test_blind_learner_scores_no_better_than_chance_on_every_question_type(seeded, tree):
    scenario, _a, _b = f.scenario()
    questions = [
        f.single_choice(),
        f.multiple_response(),
        f.true_false(answer=True),
        f.true_false(answer=False),
        f.matching(),
        f.ordering(),
        f.numeric(),
        f.short_text(),
        scenario,
    ]
    # Authored with the right answer first, as the demo does: position must not tell.
    first_right = f.QuestionFactory(kind="single")
    for text, fraction in (("Right", 1), ("Wrong A", 0), ("Wrong B", 0), ("Wrong C", 0)):
        f.option(first_right, text, fraction)
    quiz = f.quiz_in_course(
        questions=[*questions, first_right], questions_per_page=4, attempts_allowed=0
    )
    samples = take_quizzes(quizzes=[quiz], attempts_per_quiz=36, make_learner=_learners(tree))
    assert {s.kind for s in samples} == {"single", "multiple", "true_false", "matching", "ordering"}
    assert Attempt.objects.filter(graded_at__isnull=False).count() == 36
    assert_no_better_than_chance(samples)

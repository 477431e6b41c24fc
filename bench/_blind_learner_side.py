"""The Django side of bench/blind_learner.py (run in a subprocess by common.django_call)."""

from __future__ import annotations

from io import StringIO
from itertools import count


def run(*, demo_attempts: int, type_attempts: int) -> dict:
    """Load the demo, then let the blind learner take every demo quiz `demo_attempts`
    times and a quiz of every question type `type_attempts` times; the summaries."""
    from django.core.management import call_command

    from accounts.factories import UserFactory
    from institutions.models import Institution
    from quizzes import factories as f
    from quizzes.models import QuizPage
    from tests.quizzes.blind_learner import summarise, take_quizzes

    call_command("load_demo", allow_production=True, stdout=StringIO())
    institution = Institution.objects.order_by("path").last()
    numbers = count()

    def make_learner():
        return UserFactory(institution=institution, email=f"blind-{next(numbers)}@bench.local")

    demo = list(QuizPage.objects.live().order_by("locale__language_code", "path"))
    demo_samples = take_quizzes(
        quizzes=demo, attempts_per_quiz=demo_attempts, make_learner=make_learner
    )
    scenario, _a, _b = f.scenario()
    every_type = f.quiz_in_course(
        questions=[
            f.single_choice(),
            f.multiple_response(),
            f.true_false(answer=True),
            f.true_false(answer=False),
            f.matching(),
            f.ordering(),
            f.numeric(),
            f.short_text(),
            scenario,
        ],
        questions_per_page=4,
        attempts_allowed=0,
    )
    type_samples = take_quizzes(
        quizzes=[every_type], attempts_per_quiz=type_attempts, make_learner=make_learner
    )
    return {
        "demo_quizzes": len(demo),
        "demo": summarise(demo_samples),
        "every_type": summarise(type_samples),
    }

"""The demo's trainings, surveys and pre/post tests, as `load_demo` leaves them: a past
seminar with nominations, attendance, answered survey and graded pre- and post-tests, two
trainings to come; a second run writes nothing; the pages serve in both languages."""

from decimal import Decimal

import pytest

from evaluation.demo import load_surveys
from evaluation.demo_scores import load_knowledge_tests
from evaluation.gain import gain_table, people_gains
from evaluation.models import KnowledgeTest, Response, Survey
from evaluation.selectors import survey_results
from quizzes.api import Attempt, AttemptQuestion, QuizResult
from trainings.demo import demo_trainings, load_trainings
from trainings.models import (
    Attendance,
    Registration,
    RegistrationState,
    TrainingIndexPage,
    TrainingPage,
)

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_past_seminar_and_two_trainings_to_come(demo_site):
    data = demo_trainings()
    serbian = TrainingPage.objects.filter(locale__language_code="sr").order_by("pk")
    assert [t.slug for t in serbian] == [t["slug"] for t in data["trainings"]]
    assert all(t.get_translations().filter(locale__language_code="en").exists() for t in serbian)
    seminar = serbian.get(slug="zajednicki-seminar-nis")
    registrations = Registration.objects.filter(training=seminar)
    assert registrations.filter(nominated_by__email="manager@demo.local").exists()
    assert registrations.filter(completed_at__isnull=False).count() >= 10
    assert registrations.filter(completed_at__isnull=True).exists()  # partly or absent
    assert Attendance.objects.filter(registration__training=seminar).exists()
    tot = serbian.get(kind="tot")
    states = set(Registration.objects.filter(training=tot).values_list("state", flat=True))
    assert {RegistrationState.CONFIRMED, RegistrationState.WAITLISTED} <= states
    reaction = Survey.objects.get(training=seminar, level="reaction")
    assert not survey_results(survey=reaction).suppressed


def test_the_seminars_pre_and_post_tests_give_a_knowledge_gain(demo_site):
    seminar = TrainingPage.objects.get(slug="zajednicki-seminar-nis", locale__language_code="sr")
    test = KnowledgeTest.objects.get(training=seminar)
    assert test.pre_test != test.post_test
    assert not test.pre_test.required and not test.post_test.required  # not course steps
    gains = people_gains(test)
    participants = set(
        Registration.objects.filter(training=seminar).values_list("user_id", flat=True)
    )
    assert len(gains) >= 10 and {g.user_id for g in gains} <= participants
    full = [g for g in gains if g.pre == 100]
    assert len(full) == 1 and full[0].gain is None
    others = [g for g in gains if g.pre < 100]
    assert all(40 <= g.pre <= 75 for g in others)
    assert 1 <= sum(not g.improved for g in others) <= 2
    total, rows = gain_table(gains, by="profession")
    assert total is not None and total.people == len(gains)
    assert total.mean_gain is not None and total.mean_gain > Decimal("20")
    assert total.mean_post > total.mean_pre
    assert any(not row.hidden for row in rows)
    # Written as the quiz app writes them: graded answers to every question, a result.
    attempt = Attempt.objects.filter(quiz=test.post_test).first()
    questions = AttemptQuestion.objects.filter(attempt=attempt)
    assert questions.count() == 10 and all(q.version_id for q in questions)
    assert attempt.score == 100 * sum(q.fraction for q in questions) / 10
    assert attempt.started_at < attempt.submitted_at < seminar.sessions.last().ends_at
    assert QuizResult.objects.filter(quiz=test.pre_test).count() == (
        Attempt.objects.filter(quiz=test.pre_test).count()
    )


def test_a_second_run_writes_nothing(demo_site):
    def counted():
        return (
            Registration.objects.count(),
            Attendance.objects.count(),
            Response.objects.count(),
            KnowledgeTest.objects.count(),
            Attempt.objects.count(),
            AttemptQuestion.objects.count(),
            QuizResult.objects.count(),
        )

    before = counted()
    counts = load_trainings()
    assert (counts["pages"], counts["registrations"], counts["marks"]) == (0, 0, 0)
    assert load_surveys()["responses"] == 0
    scores = load_knowledge_tests()
    assert (scores["tests"], scores["attempts"]) == (0, 0)
    assert counted() == before


def test_the_calendars_serve_in_both_languages(demo_site, client):
    for index in TrainingIndexPage.objects.all():
        response = client.get(index.url)
        assert response.status_code == 200
        assert response.content.decode().count('class="card-title"') == 3

"""The demo's trainings and surveys, as `load_demo` leaves them: a past seminar with
nominations, attendance and answered survey, two trainings to come; a second run writes
nothing; the pages serve in both languages."""

import pytest

from evaluation.demo import load_surveys
from evaluation.models import Response, Survey
from evaluation.selectors import survey_results
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


def test_a_second_run_writes_nothing(demo_site):
    before = (Registration.objects.count(), Attendance.objects.count(), Response.objects.count())
    counts = load_trainings()
    assert (counts["pages"], counts["registrations"], counts["marks"]) == (0, 0, 0)
    assert load_surveys()["responses"] == 0
    assert (
        Registration.objects.count(),
        Attendance.objects.count(),
        Response.objects.count(),
    ) == before


def test_the_calendars_serve_in_both_languages(demo_site, client):
    for index in TrainingIndexPage.objects.all():
        response = client.get(index.url)
        assert response.status_code == 200
        assert response.content.decode().count('class="card-title"') == 3

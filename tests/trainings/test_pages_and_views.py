"""The calendar, a training's page, its feed, and the actions behind them, tried by the
people who may and may not take them."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from icalendar import Calendar

from accounts.factories import UserFactory
from accounts.models import Role
from tests.conftest import in_serbian
from trainings.factories import training_index, training_with_sessions
from trainings.models import Registration, RegistrationState

pytestmark = pytest.mark.django_db


def test_the_calendar_lists_trainings_and_serves_a_feed(client):
    training = training_with_sessions(title="Joint seminar in Niš")
    index = training_index()
    html = client.get(index.url).content.decode()
    assert "Joint seminar in Niš" in html and "feed/" in html
    response = client.get(index.url + "feed/")
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["method"]) == "PUBLISH"
    assert len(calendar.walk("VEVENT")) == training.sessions.count()


def test_a_signed_out_reader_sees_the_training_but_no_meeting_link(client):
    training = training_with_sessions()
    training.sessions.update(online_url="https://meet.example.org/secret-room")
    html = client.get(training.url).content.decode()
    assert in_serbian("Sign in to ask for a place") in html
    assert "secret-room" not in html


def test_asking_for_a_place_through_the_page(client, learner):
    training = training_with_sessions()
    client.force_login(learner)
    response = client.post(reverse("trainings:register", args=[training.pk]))
    assert response.status_code == 302
    assert Registration.objects.get(user=learner).state == RegistrationState.REQUESTED
    assert in_serbian("Cancel my registration") in client.get(training.url).content.decode()


def test_the_organiser_screen_is_closed_to_learners_trainers_and_managers(
    client, learner, trainer, manager_bg
):
    training = training_with_sessions()
    url = reverse("trainings:organise", args=[training.pk])
    for outsider in (learner, trainer, manager_bg):
        client.force_login(outsider)
        assert client.get(url).status_code == 403
        assert client.post(url, {"registration": 1, "decision": "confirm"}).status_code == 403


def test_a_senior_trainer_organises_and_decides(client, tree, learner):
    senior = UserFactory(institution=tree["ministry"], roles=[(Role.SENIOR_TRAINER, None)])
    training = training_with_sessions()
    registration = Registration.objects.create(
        training=training, user=learner, state=RegistrationState.REQUESTED
    )
    client.force_login(senior)
    url = reverse("trainings:organise", args=[training.pk])
    assert learner.get_full_name() in client.get(url).content.decode()
    client.post(url, {"registration": registration.pk, "decision": "confirm"})
    registration.refresh_from_db()
    assert registration.state == RegistrationState.CONFIRMED


def test_a_decision_on_another_trainings_registration_is_not_found(client, administrator, learner):
    training, other = training_with_sessions(), training_with_sessions()
    registration = Registration.objects.create(
        training=other, user=learner, state=RegistrationState.REQUESTED
    )
    client.force_login(administrator)
    url = reverse("trainings:organise", args=[training.pk])
    assert (
        client.post(url, {"registration": registration.pk, "decision": "confirm"}).status_code
        == 404
    )
    registration.refresh_from_db()
    assert registration.state == RegistrationState.REQUESTED


def test_nominating_offers_only_the_managers_people(client, manager_bg, learner, other_learner):
    training = training_with_sessions()
    url = reverse("trainings:nominate", args=[training.pk])
    client.force_login(manager_bg)
    html = client.get(url).content.decode()
    assert learner.get_full_name() in html and other_learner.get_full_name() not in html
    # A forged POST for someone outside the subtree is refused by the form.
    response = client.post(url, {"person": other_learner.pk})
    assert response.status_code == 200 and not Registration.objects.exists()
    client.post(url, {"person": learner.pk})
    assert Registration.objects.get().nominated_by == manager_bg


def test_a_learner_cannot_nominate(client, learner):
    training = training_with_sessions()
    client.force_login(learner)
    assert client.get(reverse("trainings:nominate", args=[training.pk])).status_code == 403


def test_cancelling_someone_elses_registration_is_forbidden(client, learner, other_learner):
    training = training_with_sessions()
    registration = Registration.objects.create(
        training=training, user=learner, state=RegistrationState.REQUESTED
    )
    client.force_login(other_learner)
    response = client.post(reverse("trainings:cancel", args=[registration.pk]))
    assert response.status_code == 403
    registration.refresh_from_db()
    assert registration.state == RegistrationState.REQUESTED
    assert not mail.outbox


def test_the_admin_editor_leads_organisers_to_the_registrations(client, mfa_login, administrator):
    training = training_with_sessions()
    mfa_login(client, administrator)
    html = client.get(f"/admin/pages/{training.pk}/edit/").content.decode()
    assert reverse("trainings:organise", args=[training.pk]) in html


def test_the_calendar_and_its_feed_cost_the_same_queries_for_2_and_6_trainings(client):
    def queries(url):
        client.get(url)  # warm the site-wide caches (site, settings, menu)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    for _ in range(2):
        training_with_sessions()
    index = training_index()
    few = (queries(index.url), queries(index.url + "feed/"))
    for _ in range(4):
        training_with_sessions()
    assert (queries(index.url), queries(index.url + "feed/")) == few

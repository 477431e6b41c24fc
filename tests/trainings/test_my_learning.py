"""Trainings on My learning: the learner's places to come (confirmed, on the waiting list
with their number, asked for) with the next session, and the trainings they attended with
completion and certificate; titles and links in the reader's language; a bounded number of
queries; the cached page following every change; nobody else's trainings."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale

from certificates.models import Certificate
from pagecache.api import learner_changed
from trainings.attendance import attendance_mark
from trainings.factories import training_index, training_with_sessions
from trainings.models import Registration, RegistrationState
from trainings.services import registration_cancel, registration_decide, session_cancel

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

URL = "/en/learning/"


def _register(training, user, state=RegistrationState.CONFIRMED, **kwargs):
    if state == RegistrationState.WAITLISTED:
        kwargs.setdefault("waitlisted_at", timezone.now())
    return Registration.objects.create(training=training, user=user, state=state, **kwargs)


def _completed(user, *, by, committed, title=None):
    """A training of last month the learner attended in full (certificate issued)."""
    training = training_with_sessions(
        sessions=1, starts_in_days=-30, **({"title": title} if title else {})
    )
    registration = _register(training, user)
    with committed():
        (session,) = training.sessions.all()
        attendance_mark(session=session, marks={registration.pk: "present"}, by=by)
    return training


def _one_of_each(user, *, by, committed):
    _register(training_with_sessions(), user)
    _register(training_with_sessions(), user, RegistrationState.WAITLISTED)
    _register(training_with_sessions(), user, RegistrationState.REQUESTED)
    _completed(user, by=by, committed=committed)


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL)
    assert response.status_code == 200
    return len(queries)


def _body(client) -> str:
    response = client.get(URL)
    assert response.status_code == 200
    return response.content.decode()


def test_queries_are_the_same_for_one_and_five_trainings_of_each_kind(
    client, learner, administrator, committed, django_assert_max_num_queries
):
    client.force_login(learner)
    _one_of_each(learner, by=administrator, committed=committed)
    client.get(URL)  # warm per-process caches (content types, locales, site root)
    with committed():
        learner_changed(learner.pk)
    with_one = _queries(client)
    for _ in range(4):
        _one_of_each(learner, by=administrator, committed=committed)
    with committed():
        learner_changed(learner.pk)
    with django_assert_max_num_queries(with_one):
        body = _body(client)
    assert body.count("Your place is confirmed.") == 5
    assert body.count("On the waiting list, number 1.") == 5
    assert body.count("waiting for the organiser's decision.") == 5
    assert body.count("completed on ") == 5
    assert Certificate.objects.filter(user=learner).count() == 5
    for certificate in Certificate.objects.filter(user=learner):
        assert f"/certificates/{certificate.pk}/pdf/" in body


def test_a_learner_without_trainings_sees_no_trainings_section(client, learner):
    client.force_login(learner)
    assert 'id="my-trainings"' not in _body(client)


def test_upcoming_shows_next_session_venue_and_the_online_link_once_confirmed(
    client, learner, committed
):
    training = training_with_sessions(title="Joint seminar in Niš", starts_in_days=3)
    training.sessions.update(online_url="https://meet.example.org/seminar")
    registration = _register(training, learner, RegistrationState.REQUESTED)
    client.force_login(learner)
    body = _body(client)
    assert "Joint seminar in Niš" in body and f'href="{training.url}"' in body
    assert "Palace of Justice, Niš, Vožda Karađorđa 2, Niš" in body
    first = training.sessions.order_by("starts_at").first()
    assert timezone.localtime(first.starts_at).strftime("%-d. %-m. %Y. %H:%M") in body
    assert "https://meet.example.org/seminar" not in body
    assert "the link is sent with the confirmation" in body
    registration.state = RegistrationState.CONFIRMED
    with committed():
        registration.save()
    assert "https://meet.example.org/seminar" in _body(client)


def test_a_confirmation_shows_at_once(client, learner, administrator, committed):
    training = training_with_sessions()
    registration = _register(training, learner, RegistrationState.REQUESTED)
    client.force_login(learner)
    assert "Asked for: waiting for the organiser's decision." in _body(client)
    with committed():
        registration_decide(registration=registration, decision="confirmed", by=administrator)
    body = _body(client)
    assert "Your place is confirmed." in body
    assert "waiting for the organiser" not in body


def test_waiting_list_numbers_move_up_when_someone_leaves_the_list(
    client, learner, other_learner, committed
):
    training = training_with_sessions(capacity=1)
    now = timezone.now()
    first = _register(
        training,
        other_learner,
        RegistrationState.WAITLISTED,
        waitlisted_at=now - timedelta(hours=1),
    )
    _register(training, learner, RegistrationState.WAITLISTED, waitlisted_at=now)
    client.force_login(learner)
    assert "On the waiting list, number 2." in _body(client)
    with committed():
        registration_cancel(registration=first, by=other_learner)
    assert "On the waiting list, number 1." in _body(client)


def test_attendance_and_completion_show_at_once_with_the_certificate(
    client, learner, administrator, committed
):
    training = training_with_sessions(sessions=2, starts_in_days=-3, title="Past seminar")
    registration = _register(training, learner)
    client.force_login(learner)
    body = _body(client)
    assert "Past seminar" in body and "not completed" in body
    first, second = training.sessions.order_by("starts_at")
    with committed():
        attendance_mark(session=first, marks={registration.pk: "present"}, by=administrator)
    assert "not completed" in _body(client)
    with committed():
        attendance_mark(session=second, marks={registration.pk: "present"}, by=administrator)
    body = _body(client)
    certificate = Certificate.objects.get(user=learner, training=training)
    assert "completed on " in body and "not completed" not in body
    assert f"/certificates/{certificate.pk}/pdf/" in body


def test_a_cancelled_session_reaches_the_page_of_everyone_registered(
    client, learner, administrator, committed
):
    training = training_with_sessions(sessions=1)
    _register(training, learner)
    client.force_login(learner)
    assert "Next session:" in _body(client)
    with committed():
        session_cancel(session=training.sessions.get(), by=administrator)
    body = _body(client)
    assert "Every session of this training was cancelled." in body
    assert "Next session:" not in body


def test_another_learners_trainings_never_show(
    client, learner, other_learner, administrator, committed
):
    mine = training_with_sessions(title="My own seminar")
    _register(mine, learner)
    theirs = training_with_sessions(title="Their upcoming seminar")
    _register(theirs, other_learner, RegistrationState.WAITLISTED)
    done = _completed(other_learner, by=administrator, committed=committed, title="Their done")
    certificate = Certificate.objects.get(user=other_learner)
    client.force_login(learner)
    body = _body(client)
    assert "My own seminar" in body
    assert "Their upcoming seminar" not in body and theirs.url not in body
    assert "Their done" not in body and done.url not in body
    assert f"/certificates/{certificate.pk}/" not in body
    assert "On the waiting list" not in body


def test_declined_and_cancelled_places_are_not_shown(client, learner):
    _register(training_with_sessions(title="Declined seminar"), learner, "declined")
    _register(training_with_sessions(title="Cancelled seminar"), learner, "cancelled")
    client.force_login(learner)
    body = _body(client)
    assert "Declined seminar" not in body and "Cancelled seminar" not in body


def test_an_english_reader_sees_the_english_training(client, learner):
    training = training_with_sessions(title="Zajednički seminar u Nišu")
    _register(training, learner)
    locale_en, _ = Locale.objects.get_or_create(language_code="en")
    training_index().copy_for_translation(locale_en, copy_parents=True).save_revision().publish()
    training_en = training.copy_for_translation(locale_en)
    training_en.title = "Joint seminar in Niš"
    training_en.save_revision().publish()
    client.force_login(learner)
    body = _body(client)
    assert f'href="{training_en.url}">Joint seminar in Niš</a>' in body
    assert "Palace of Justice, Niš" in body  # sessions of the Serbian page
    serbian = client.get("/sr-latn/learning/").content.decode()
    assert f'href="{training.url}">Zajednički seminar u Nišu</a>' in serbian

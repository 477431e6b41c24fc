"""Places on a training: self-registration, nomination within a manager's subtree, the
organiser's decisions, the waiting list, cancellations, and the emails with calendars."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from icalendar import Calendar

from accounts.factories import UserFactory
from accounts.personal_data import personal_data_export
from trainings.factories import training_with_sessions
from trainings.models import PlacesBy, Registration, RegistrationState
from trainings.services import (
    RegistrationRefused,
    nomination_create,
    registration_cancel,
    registration_decide,
    registration_request,
    session_cancel,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def _calendar(message) -> Calendar:
    ((name, content, mimetype),) = message.attachments
    assert name == "training.ics" and mimetype.startswith("text/calendar")
    return Calendar.from_ical(content)


def test_a_learner_asks_for_a_place_and_is_told(learner, committed):
    training = training_with_sessions()
    with committed():
        registration = registration_request(training=training, user=learner)
    assert registration.state == RegistrationState.REQUESTED
    assert mail.outbox[-1].to == [learner.email]
    calendar = _calendar(mail.outbox[-1])
    events = calendar.walk("VEVENT")
    assert len(events) == 2 and {str(e["status"]) for e in events} == {"TENTATIVE"}
    with pytest.raises(RegistrationRefused):
        registration_request(training=training, user=learner)


def test_self_registration_is_refused_where_places_are_by_nomination(learner):
    training = training_with_sessions(places_by=PlacesBy.NOMINATION)
    with pytest.raises(RegistrationRefused, match="nomination"):
        registration_request(training=training, user=learner)
    assert not Registration.objects.exists()


def test_registration_closes_with_its_window_and_when_the_training_starts(learner, other_learner):
    training = training_with_sessions(registration_closes=timezone.now() - timedelta(hours=1))
    with pytest.raises(RegistrationRefused, match="closed"):
        registration_request(training=training, user=learner)
    started = training_with_sessions(starts_in_days=0)
    started.sessions.update(starts_at=timezone.now() - timedelta(minutes=5))
    with pytest.raises(RegistrationRefused, match="closed"):
        registration_request(training=started, user=other_learner)


def test_a_manager_nominates_only_within_their_subtree(manager_bg, learner, other_learner):
    training = training_with_sessions()
    registration = nomination_create(training=training, nominee=learner, by=manager_bg)
    assert registration.nominated_by == manager_bg
    # other_learner works in Niš, outside the Belgrade manager's subtree.
    with pytest.raises(PermissionDenied):
        nomination_create(training=training, nominee=other_learner, by=manager_bg)
    # A learner is nobody's manager.
    with pytest.raises(PermissionDenied):
        nomination_create(training=training, nominee=other_learner, by=learner)
    assert Registration.objects.count() == 1


def test_nominations_are_refused_where_places_are_by_self_registration(manager_bg, learner):
    training = training_with_sessions(places_by=PlacesBy.SELF)
    with pytest.raises(RegistrationRefused):
        nomination_create(training=training, nominee=learner, by=manager_bg)


def test_only_an_organiser_decides(administrator, trainer, learner):
    training = training_with_sessions()
    registration = registration_request(training=training, user=learner)
    for outsider in (learner, trainer):
        with pytest.raises(PermissionDenied):
            registration_decide(
                registration=registration, decision=RegistrationState.CONFIRMED, by=outsider
            )
    registration_decide(
        registration=registration, decision=RegistrationState.CONFIRMED, by=administrator
    )
    registration.refresh_from_db()
    assert registration.state == RegistrationState.CONFIRMED


def test_a_full_training_waitlists_and_a_free_place_goes_to_the_first_waiting(
    administrator, tree, committed
):
    training = training_with_sessions(capacity=1)
    first, second, third = (UserFactory(institution=tree["station_bg"]) for _ in range(3))
    regs = [registration_request(training=training, user=u) for u in (first, second, third)]
    registration_decide(
        registration=regs[0], decision=RegistrationState.CONFIRMED, by=administrator
    )
    with pytest.raises(RegistrationRefused, match="waiting list"):
        registration_decide(
            registration=regs[1], decision=RegistrationState.CONFIRMED, by=administrator
        )
    registration_decide(
        registration=regs[1], decision=RegistrationState.WAITLISTED, by=administrator
    )
    registration_decide(
        registration=regs[2], decision=RegistrationState.WAITLISTED, by=administrator
    )
    mail.outbox.clear()
    with committed():
        registration_cancel(registration=regs[0], by=first)
    states = dict(Registration.objects.values_list("user_id", "state"))
    assert states == {
        first.pk: RegistrationState.CANCELLED,
        second.pk: RegistrationState.CONFIRMED,
        third.pk: RegistrationState.WAITLISTED,
    }
    by_person = {m.to[0]: m for m in mail.outbox}
    assert set(by_person) == {first.email, second.email}
    assert str(_calendar(by_person[first.email])["method"]) == "CANCEL"
    invitation = _calendar(by_person[second.email])
    assert str(invitation["method"]) == "REQUEST"
    assert {str(e["status"]) for e in invitation.walk("VEVENT")} == {"CONFIRMED"}


def test_nobody_cancels_someone_elses_place(learner, other_learner):
    training = training_with_sessions()
    registration = registration_request(training=training, user=learner)
    with pytest.raises(PermissionDenied):
        registration_cancel(registration=registration, by=other_learner)
    registration.refresh_from_db()
    assert registration.state == RegistrationState.REQUESTED


def test_a_cancelled_registration_may_ask_again(learner):
    training = training_with_sessions()
    registration = registration_request(training=training, user=learner)
    registration_cancel(registration=registration, by=learner)
    again = registration_request(training=training, user=learner)
    assert again.pk == registration.pk and again.state == RegistrationState.REQUESTED


def test_a_cancelled_session_reaches_everyone_registered(
    administrator, learner, other_learner, committed
):
    training = training_with_sessions()
    registration_request(training=training, user=learner)
    declined = registration_request(training=training, user=other_learner)
    registration_decide(
        registration=declined, decision=RegistrationState.DECLINED, by=administrator
    )
    session = training.sessions.order_by("starts_at").last()
    mail.outbox.clear()
    with pytest.raises(PermissionDenied):
        session_cancel(session=session, by=learner)
    with committed():
        session_cancel(session=session, by=administrator)
    assert [m.to for m in mail.outbox] == [[learner.email]]
    calendar = _calendar(mail.outbox[0])
    (event,) = calendar.walk("VEVENT")
    assert str(calendar["method"]) == "CANCEL" and str(event["status"]) == "CANCELLED"
    assert str(event["uid"]).startswith(f"training-session-{session.pk}@")


def test_emails_speak_the_participants_language(learner, committed):
    learner.preferred_language = "sr"
    learner.save()
    training = training_with_sessions()
    with committed():
        registration_request(training=training, user=learner)
    # Serbian in Cyrillic, as this participant reads it (the test itself runs in English).
    subject = mail.outbox[-1].subject
    assert any("\u0400" <= char <= "\u04ff" for char in subject), subject


def test_a_persons_registrations_are_in_their_personal_data_export(learner, manager_bg):
    training = training_with_sessions(title="Training of trainers")
    nomination_create(training=training, nominee=learner, by=manager_bg)
    export = personal_data_export(user=learner)
    (entry,) = export["trainings"]["registrations"]
    assert entry["training"] == "Training of trainers" and entry["nominated"] is True
    # The nominator's name is not the learner's data.
    assert manager_bg.get_full_name() not in str(export["trainings"])

"""Attendance certificates: issued when a participant completes a training, once, with the
training's kind, place, dates and hours in the holder's language; verifiable by anyone,
revocable by the training's organisers and administrators only."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from accounts.factories import UserFactory
from accounts.models import Role
from certificates.models import Certificate, CertificateEvent
from certificates.selectors import certificates_visible_to, viewer_may_revoke
from certificates.services import certificate_reissue, certificate_revoke
from trainings.attendance import attendance_mark
from trainings.certification import attendance_certificate_for, training_hours
from trainings.factories import training_with_sessions
from trainings.models import AttendanceMark, Registration, RegistrationState

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def senior(tree):
    return UserFactory(institution=tree["ministry"], roles=[(Role.SENIOR_TRAINER, None)])


def _complete(training, user, by, committed):
    registration = Registration.objects.create(
        training=training, user=user, state=RegistrationState.CONFIRMED
    )
    with committed():
        for session in training.sessions.all():
            attendance_mark(session=session, marks={registration.pk: "present"}, by=by)
    registration.refresh_from_db()
    return registration


def test_completing_a_training_issues_one_attendance_certificate(administrator, learner, committed):
    training = training_with_sessions(sessions=2, title="Joint seminar in Niš")
    registration = _complete(training, learner, administrator, committed)
    assert registration.completed_at is not None
    certificate = Certificate.objects.get(user=learner)
    assert certificate.is_attendance
    assert certificate.training_id == training.pk
    assert certificate.enrolment_id is None and certificate.course_id is None
    assert certificate.course_title == "Joint seminar in Niš"
    assert certificate.hours == 12  # two sessions of six hours
    assert certificate.held.startswith("Seminar, Palace of Justice, Niš, ")
    assert certificate.pdf  # drawn
    # Issuing again (a second worker, a retry) gives the same certificate.
    assert attendance_certificate_for(registration=registration).pk == certificate.pk
    assert Certificate.objects.filter(user=learner).count() == 1
    assert CertificateEvent.objects.filter(certificate=certificate).count() == 1


def test_no_certificate_without_completion(administrator, learner, committed):
    training = training_with_sessions(sessions=2)
    registration = Registration.objects.create(
        training=training, user=learner, state=RegistrationState.CONFIRMED
    )
    first = training.sessions.order_by("starts_at").first()
    with committed():
        attendance_mark(
            session=first, marks={registration.pk: AttendanceMark.PRESENT}, by=administrator
        )
    assert not Certificate.objects.filter(user=learner).exists()


def test_hours_count_the_sessions_held(administrator):
    training = training_with_sessions(sessions=3)
    session = training.sessions.order_by("starts_at").last()
    session.cancelled_at = session.starts_at
    session.save()
    assert training_hours(training) == 12


def test_the_certificate_speaks_the_holders_language_and_script(administrator, tree, committed):
    holder = UserFactory(
        institution=tree["station_bg"],
        preferred_language="sr",
        first_name="Јелена",
        last_name="Јовановић",
    )
    training = training_with_sessions(sessions=1, title="Zajednički seminar")
    _complete(training, holder, administrator, committed)
    certificate = Certificate.objects.get(user=holder)
    assert certificate.holder_name == "Јелена Јовановић"
    assert certificate.course_title == "Заједнички семинар"
    assert certificate.held.startswith("Семинар, ")
    assert "Ниш" in certificate.held


def test_anyone_verifies_it_and_sees_it_is_a_training(client, administrator, learner, committed):
    training = training_with_sessions(sessions=1, title="Webinar on non-punishment")
    _complete(training, learner, administrator, committed)
    certificate = Certificate.objects.get(user=learner)
    response = client.get(reverse("certificates:verify", args=[certificate.code]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Webinar on non-punishment" in html
    assert "Training" in html
    assert "Valid" in html


def test_the_holder_downloads_it_another_learner_cannot(
    client, administrator, learner, other_learner, committed
):
    training = training_with_sessions(sessions=1)
    _complete(training, learner, administrator, committed)
    certificate = Certificate.objects.get(user=learner)
    client.force_login(other_learner)
    assert client.get(reverse("certificates:download", args=[certificate.pk])).status_code in (
        403,
        404,
    )
    client.force_login(learner)
    response = client.get(reverse("certificates:download", args=[certificate.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


def test_organisers_revoke_it_a_course_trainer_cannot(
    administrator, senior, trainer, learner, committed
):
    training = training_with_sessions(sessions=1)
    _complete(training, learner, administrator, committed)
    certificate = Certificate.objects.get(user=learner)
    assert not viewer_may_revoke(viewer=trainer, certificate=certificate)
    assert not viewer_may_revoke(viewer=learner, certificate=certificate)
    assert certificate not in certificates_visible_to(viewer=trainer)
    with pytest.raises(PermissionDenied):
        certificate_revoke(certificate=certificate, actor=trainer, reason="no")
    assert certificate in certificates_visible_to(viewer=senior)
    certificate_revoke(certificate=certificate, actor=senior, reason="Signed in for a colleague")
    certificate.refresh_from_db()
    assert certificate.revoked_at is not None


def test_the_training_page_offers_the_certificate_to_its_holder_only(
    client, administrator, learner, other_learner, committed
):
    training = training_with_sessions(sessions=1)
    _complete(training, learner, administrator, committed)
    certificate = Certificate.objects.get(user=learner)
    client.force_login(learner)
    html = client.get(training.url).content.decode()
    assert reverse("certificates:download", args=[certificate.pk]) in html
    client.force_login(other_learner)
    html = client.get(training.url).content.decode()
    assert reverse("certificates:download", args=[certificate.pk]) not in html
    assert certificate.serial not in html


def test_a_name_correction_reissues_it_as_an_attendance_certificate(
    administrator, learner, committed
):
    training = training_with_sessions(sessions=1)
    _complete(training, learner, administrator, committed)
    old = Certificate.objects.get(user=learner)
    learner.first_name = "Corrected"
    learner.save()
    new = certificate_reissue(certificate=old, actor=administrator, reason="typo")
    assert new.is_attendance and new.training_id == training.pk and new.held == old.held
    assert new.holder_name.startswith("Corrected")


def test_course_statistics_do_not_count_attendance_certificates(administrator, learner, committed):
    from stats.selectors import StatsFilters, stats_scope_for
    from stats.selectors.queries import Grouping, raw_figures

    training = training_with_sessions(sessions=1)
    _complete(training, learner, administrator, committed)
    scope = stats_scope_for(viewer=administrator)
    figures = raw_figures(scope=scope, filters=StatsFilters(), grouping=Grouping(kind="total"))
    assert sum(f.certificates_valid or 0 for f in figures.values()) == 0

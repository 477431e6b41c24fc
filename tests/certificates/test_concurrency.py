"""Serials stay unique, and a completion gets one certificate, when issuers run at once.

PostgreSQL only: SQLite serialises every writer, so it cannot show a race.
"""

import pytest
from django.db import connection

from accounts.factories import UserFactory
from certificates.models import Certificate
from certificates.services import certificate_issue, certificate_record
from courses.factories import course_with_lessons
from tests.concurrency import run_at_once

from .conftest import complete_course

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="concurrency needs PostgreSQL (DATABASE_URL=postgres://…); SQLite has one writer",
    ),
]


@pytest.fixture(autouse=True)
def _issue_only_in_the_test():
    """Completing a course would issue at once (the test task backend): the threads below
    must be the first issuers."""
    from certificates.api import issue_in_background
    from courses.api import course_completed

    uid = "certificates.issue_in_background"
    course_completed.disconnect(dispatch_uid=uid)
    yield
    course_completed.connect(issue_in_background, dispatch_uid=uid)


def test_concurrent_issuers_never_share_a_serial():
    course = course_with_lessons(modules=1, lessons=1)
    enrolments = [complete_course(user=UserFactory(), course=course) for _ in range(24)]
    assert not Certificate.objects.exists()
    certificates = run_at_once([lambda e=e: certificate_record(enrolment=e) for e in enrolments])
    serials = [c.serial for c in certificates]
    assert len(set(serials)) == 24
    numbers = sorted(int(s.rsplit("-", 1)[1]) for s in serials)
    assert numbers == list(range(numbers[0], numbers[0] + 24))  # no gaps either


def test_concurrent_issues_of_one_completion_give_one_certificate():
    course = course_with_lessons(modules=1, lessons=1)
    enrolment = complete_course(user=UserFactory(), course=course)
    assert not Certificate.objects.exists()
    certificates = run_at_once([lambda: certificate_issue(enrolment=enrolment)] * 4)
    assert len({c.pk for c in certificates}) == 1
    assert Certificate.objects.filter(enrolment=enrolment).count() == 1


def test_concurrent_issues_of_one_attendance_give_one_certificate():
    from certificates.services import attendance_certificate_record
    from trainings.factories import training_with_sessions

    training = training_with_sessions(sessions=1)
    user = UserFactory()
    issue = lambda: attendance_certificate_record(  # noqa: E731
        user=user,
        training=training.page_ptr,
        institution=user.institution,
        completed_at=training.sessions.first().ends_at,
        hours=6,
    )
    certificates = run_at_once([issue] * 4)
    assert len({c.pk for c in certificates}) == 1
    assert Certificate.objects.filter(user=user, training=training.page_ptr).count() == 1


def test_concurrent_first_downloads_of_a_credential_give_one_index_and_one_salt():
    from certificates.openbadges import badge_prepare

    course = course_with_lessons(modules=1, lessons=1)
    certificate = certificate_issue(enrolment=complete_course(user=UserFactory(), course=course))
    copies = [Certificate.objects.get(pk=certificate.pk) for _ in range(4)]
    prepared = run_at_once([lambda c=c: badge_prepare(certificate=c) for c in copies])
    assert len({(c.status_index, c.badge_salt) for c in prepared}) == 1
    certificate.refresh_from_db()
    assert (certificate.status_index, certificate.badge_salt) == (
        prepared[0].status_index,
        prepared[0].badge_salt,
    )


def test_concurrent_credentials_never_share_a_status_bit(monkeypatch):
    from certificates import openbadges

    course = course_with_lessons(modules=1, lessons=1)
    certificates = [
        certificate_issue(enrolment=complete_course(user=UserFactory(), course=course))
        for _ in range(12)
    ]
    # A range barely larger than the certificates: draws collide, and are drawn again.
    monkeypatch.setattr(openbadges, "_status_range", lambda: 16)
    prepared = run_at_once(
        [lambda c=c: openbadges.badge_prepare(certificate=c) for c in certificates]
    )
    indexes = [c.status_index for c in prepared]
    assert len(set(indexes)) == 12
    assert sorted(indexes) == sorted(
        Certificate.objects.filter(pk__in=[c.pk for c in certificates]).values_list(
            "status_index", flat=True
        )
    )

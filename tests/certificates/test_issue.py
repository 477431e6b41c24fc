import pytest

from certificates.api import certificate_issue
from certificates.models import Certificate, CertificateEvent
from certificates.services import add_months

from .conftest import complete_course

pytestmark = pytest.mark.django_db


def test_completing_a_course_issues_a_certificate_in_the_background(completed, learner):
    certificate = Certificate.objects.get(enrolment=completed)
    assert certificate.user == learner
    assert certificate.holder_name == learner.get_full_name()
    assert certificate.institution == learner.institution
    assert certificate.pdf
    assert certificate.pdf.storage.exists(certificate.pdf.name)
    assert CertificateEvent.objects.filter(certificate=certificate, action="issued").count() == 1


def test_issuing_twice_for_one_completion_gives_the_same_certificate(completed):
    first = Certificate.objects.get(enrolment=completed)
    again = certificate_issue(enrolment=completed)
    assert again.pk == first.pk
    assert again.serial == first.serial
    assert Certificate.objects.filter(enrolment=completed).count() == 1


def test_serials_count_up_within_the_year(learner, other_learner, course):
    first = certificate_issue(enrolment=complete_course(user=learner, course=course))
    second = certificate_issue(enrolment=complete_course(user=other_learner, course=course))
    year = first.issued_at.year
    number = int(first.serial.rsplit("-", 1)[1])
    assert first.serial == f"CT-{year}-{number:06d}"
    assert second.serial == f"CT-{year}-{number + 1:06d}"


def test_an_unfinished_enrolment_gets_no_certificate(learner, course):
    from django.core.exceptions import ValidationError

    from courses.services import enrolment_create

    enrolment, _ = enrolment_create(user=learner, course=course)
    with pytest.raises(ValidationError):
        certificate_issue(enrolment=enrolment)
    assert not Certificate.objects.exists()


def test_validity_months_set_the_expiry(learner):
    from courses.factories import course_with_lessons

    course = course_with_lessons(modules=1, lessons=1, validity_months=24)
    certificate = certificate_issue(enrolment=complete_course(user=learner, course=course))
    assert certificate.expires_at == add_months(certificate.completed_at, 24)


def test_a_course_without_validity_never_expires(completed):
    assert Certificate.objects.get(enrolment=completed).expires_at is None


def test_add_months_keeps_to_the_end_of_short_months():
    from datetime import datetime

    assert add_months(datetime(2026, 1, 31), 1) == datetime(2026, 2, 28)
    assert add_months(datetime(2026, 11, 15), 14) == datetime(2028, 1, 15)

"""Cyrillic pages as a careful editor writes them: codes stay as they are, institution
names follow the reader's script, the glossary's terms keep their form."""

import re

import pytest
from django.utils import translation

from caselaw.factories import CasePageFactory
from caselaw.models import Court
from certificates.models import Certificate

from ..certificates.conftest import complete_course

pytestmark = pytest.mark.django_db

SERIAL = re.compile(r"CT-\d{4}-\d{6}")


@pytest.fixture
def certificate(learner, django_capture_on_commit_callbacks):
    from courses.factories import course_with_lessons

    course = course_with_lessons(modules=1, lessons=1, title="Prepoznavanje trgovine ljudima")
    with django_capture_on_commit_callbacks(execute=True):
        enrolment = complete_course(user=learner, course=course)
    return Certificate.objects.get(enrolment=enrolment)


def test_my_learning_in_cyrillic_shows_the_serial_as_the_pdf_does(client, learner, certificate):
    assert SERIAL.fullmatch(certificate.serial)
    client.force_login(learner)
    html = client.get("/sr/learning/").content.decode()
    assert certificate.serial in html
    assert "ЦТ-" not in html


def test_my_certificates_and_verify_page_in_cyrillic_keep_serial_and_code(
    client, learner, certificate
):
    client.force_login(learner)
    mine = client.get("/sr/certificates/").content.decode()
    assert certificate.serial in mine and "ЦТ-" not in mine
    client.logout()
    verify = client.get(f"/sr/certificates/verify/{certificate.code}/").content.decode()
    assert certificate.serial in verify and "ЦТ-" not in verify
    assert certificate.code in verify


def test_a_revoked_certificates_notice_keeps_its_serial(client, learner, certificate):
    from django.utils import timezone

    Certificate.objects.filter(pk=certificate.pk).update(revoked_at=timezone.now())
    client.force_login(learner)
    html = client.get("/sr/learning/").content.decode()
    assert f'<span translate="no" class="code-value">{certificate.serial}</span>' in html


def test_case_page_in_cyrillic_keeps_case_and_application_numbers(client):
    case = CasePageFactory(
        title="S.M. protiv Hrvatske [VV]",
        court=Court.objects.get(short_name="ECtHR [GC]"),
        application_numbers="77587/12, 74603/12",
        case_number="Kž1 12/2020",
        holding="Presuda velikog veća, „Sl. glasnik RS“, br. 35/2011.",
    )
    with translation.override("sr"):
        url = case.url
    assert url.startswith("/sr/")
    html = client.get(url).content.decode()
    assert "77587/12, 74603/12" in html
    assert "Kž1 12/2020" in html
    assert "С.М. против Хрватске [ВВ]" in html
    assert "бр. 35/2011" in html
    assert "[ГЦ]" not in html  # the Grand Chamber is [ВВ], as the Serbian title writes it


def test_signup_in_cyrillic_lists_institutions_in_cyrillic(client, tree):
    from institutions.models import Institution

    Institution.objects.filter(pk=tree["belgrade"].pk).update(
        name_sr="Policijska uprava za grad Beograd"
    )
    html = client.get("/sr/accounts/signup/").content.decode()
    assert "Полицијска управа за град Београд" in html
    assert "Policijska uprava za grad Beograd" not in html
    latin = client.get("/sr-latn/accounts/signup/").content.decode()
    assert "Policijska uprava za grad Beograd" in latin


def test_an_institution_written_in_cyrillic_reads_in_latin_under_sr_latn(tree):
    institution = tree["nis"]
    institution.name_sr = "Полицијска управа Ниш"
    with translation.override("sr-latn"):
        assert institution.name == "Policijska uprava Niš"
    with translation.override("sr"):
        assert institution.name == "Полицијска управа Ниш"
    with translation.override("en"):
        assert institution.name == "Niš Police Administration"

"""What learners see: "being prepared", then a download link; expiry and re-certification."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from certificates.models import Certificate
from courses.factories import course_with_lessons
from courses.services import enrolment_restart

from .conftest import complete_course

pytestmark = pytest.mark.django_db


def test_before_the_task_runs_the_learner_sees_being_prepared(client, learner, course):
    # Outside a captured commit the course_completed signal (sent after commit) has not fired.
    complete_course(user=learner, course=course)
    assert not Certificate.objects.exists()
    client.force_login(learner)
    # The course page is in the course's language (Serbian); the notice is translated.
    for url, notice in (("/en/learning/", "being prepared"), (course.url, "se priprema")):
        assert notice in client.get(url).content.decode()


def test_once_issued_my_learning_and_the_course_page_offer_the_download(
    client, completed, learner, course
):
    certificate = Certificate.objects.get(enrolment=completed)
    client.force_login(learner)
    for url in ("/en/learning/", course.url):
        body = client.get(url).content.decode()
        assert f"/certificates/{certificate.pk}/pdf/" in body
        assert "being prepared" not in body


def test_my_learning_queries_do_not_grow_with_the_number_of_certificates(
    client, learner, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    def completed_courses(n):
        with django_capture_on_commit_callbacks(execute=True):
            for _ in range(n):
                complete_course(user=learner, course=course_with_lessons(modules=1, lessons=1))

    client.force_login(learner)
    completed_courses(1)
    client.get("/en/certificates/")  # the session's first request
    with django_assert_max_num_queries(20) as one:  # rendered: nothing cached yet
        client.get("/en/learning/")
    completed_courses(6)  # the learner's counter moves: rendered again
    with django_assert_max_num_queries(len(one.captured_queries)):
        body = client.get("/en/learning/").content.decode()
    assert body.count("Download your certificate") == 7
    with django_assert_max_num_queries(2):  # then from the cache: session and user
        again = client.get("/en/learning/").content.decode()
    assert again.count("Download your certificate") == 7


def test_my_certificates_keeps_the_history(client, learner, course, completed):
    client.force_login(learner)
    first = Certificate.objects.get(enrolment=completed)
    body = client.get("/en/certificates/").content.decode()
    assert first.serial in body


def test_recertification_issues_a_new_certificate_and_keeps_the_old(
    learner, course, completed, django_capture_on_commit_callbacks, client
):
    first = Certificate.objects.get(enrolment=completed)
    fresh = enrolment_restart(enrolment=completed, user=learner)
    with django_capture_on_commit_callbacks(execute=True):
        complete_course(user=learner, course=course)
    second = Certificate.objects.get(enrolment=fresh)
    assert second.serial != first.serial
    assert Certificate.objects.filter(user=learner).count() == 2
    first.refresh_from_db()
    assert first.status().value == "valid"  # history: the old one is not taken back
    client.force_login(learner)
    body = client.get("/en/certificates/").content.decode()
    assert first.serial in body and second.serial in body


def test_restart_button_posts_to_the_courses_restart_flow(client, learner, course, completed):
    client.force_login(learner)
    body = client.get(course.url).content.decode()
    assert f"/learning/restart/{completed.pk}/" in body


# --- Expiry reminders -------------------------------------------------------------------


def _expiring(certificate, days):
    Certificate.objects.filter(pk=certificate.pk).update(
        expires_at=timezone.now() + timedelta(days=days)
    )


def test_reminder_goes_to_holders_of_certificates_expiring_within_the_setting(
    completed, learner, settings
):
    settings.CERTIFICATE_EXPIRY_REMINDER_DAYS = 30
    certificate = Certificate.objects.get(enrolment=completed)
    _expiring(certificate, 20)
    call_command("send_certificate_expiry_reminders")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [learner.email]
    assert certificate.serial in message.body
    assert f"/certificates/verify/{certificate.code}/" in message.body
    certificate.refresh_from_db()
    assert certificate.expiry_reminder_sent_at is not None


def test_the_reminder_shows_the_course_title_in_the_readers_script(completed, learner, settings):
    settings.CERTIFICATE_EXPIRY_REMINDER_DAYS = 30
    certificate = Certificate.objects.get(enrolment=completed)
    Certificate.objects.filter(pk=certificate.pk).update(course_title="Trgovina ljudima")
    _expiring(certificate, 20)
    learner.preferred_language = "sr"
    learner.save(update_fields=["preferred_language"])
    call_command("send_certificate_expiry_reminders")
    message = mail.outbox[0]
    assert "Трговина људима" in message.subject
    assert "Трговина људима" in message.body
    assert learner.get_full_name() in message.body  # a name stays as its owner wrote it


def test_each_reminder_is_sent_once(completed, settings):
    settings.CERTIFICATE_EXPIRY_REMINDER_DAYS = 30
    _expiring(Certificate.objects.get(enrolment=completed), 10)
    call_command("send_certificate_expiry_reminders")
    call_command("send_certificate_expiry_reminders")
    assert len(mail.outbox) == 1


def test_no_reminder_for_far_off_expired_revoked_or_superseded_certificates(
    completed, settings, administrator
):
    from certificates.services import certificate_revoke

    settings.CERTIFICATE_EXPIRY_REMINDER_DAYS = 30
    certificate = Certificate.objects.get(enrolment=completed)
    _expiring(certificate, 45)
    call_command("send_certificate_expiry_reminders")
    _expiring(certificate, -1)
    call_command("send_certificate_expiry_reminders")
    _expiring(certificate, 5)
    certificate_revoke(certificate=certificate, actor=administrator, reason="Fraud.")
    call_command("send_certificate_expiry_reminders")
    assert mail.outbox == []


def test_days_can_be_given_on_the_command_line(completed, settings):
    settings.CERTIFICATE_EXPIRY_REMINDER_DAYS = 5
    _expiring(Certificate.objects.get(enrolment=completed), 20)
    call_command("send_certificate_expiry_reminders")
    assert mail.outbox == []
    call_command("send_certificate_expiry_reminders", "--days", "30")
    assert len(mail.outbox) == 1


def test_reminder_is_written_in_the_learners_language(completed, learner, settings):
    learner.preferred_language = "en"
    learner.save()
    settings.CERTIFICATE_EXPIRY_REMINDER_DAYS = 30
    certificate = Certificate.objects.get(enrolment=completed)
    _expiring(certificate, 3)
    certificate.refresh_from_db()
    call_command("send_certificate_expiry_reminders")

    from django.utils import translation
    from django.utils.formats import date_format

    when = timezone.localtime(certificate.expires_at)
    with translation.override("en"):
        english = date_format(when, "DATE_FORMAT")
    with translation.override("sr-latn"):
        serbian = date_format(when, "DATE_FORMAT")
    assert english != serbian
    assert english in mail.outbox[0].body


# --- Regeneration -------------------------------------------------------------------------


def test_regenerating_redraws_the_pdf_with_the_same_serial_and_code(completed):
    certificate = Certificate.objects.get(enrolment=completed)
    old_file, old_rendered = certificate.pdf.name, certificate.pdf_rendered_at
    call_command("regenerate_certificates")  # queued; the test backend runs tasks at once
    certificate.refresh_from_db()
    assert certificate.pdf.name != old_file
    assert certificate.pdf_rendered_at > old_rendered
    assert not certificate.pdf.storage.exists(old_file)
    assert certificate.events.filter(action="rendered").count() == 1


# --- Personal data --------------------------------------------------------------------------


def test_personal_data_download_lists_the_certificates(completed, learner):
    from accounts.personal_data import personal_data_export

    certificate = Certificate.objects.get(enrolment=completed)
    exported = personal_data_export(user=learner)["certificates"]
    assert [c["serial"] for c in exported] == [certificate.serial]
    assert exported[0]["holder_name"] == learner.get_full_name()


def test_erasure_removes_the_pdf_and_the_name_but_keeps_the_record(client, completed, learner):
    from accounts.services import personal_data_erase

    certificate = Certificate.objects.get(enrolment=completed)
    name, stored = learner.get_full_name(), certificate.pdf.name
    personal_data_erase(user=learner)
    certificate.refresh_from_db()
    assert certificate.serial
    assert certificate.holder_name == ""
    assert not certificate.pdf
    assert not certificate.pdf.storage.exists(stored)
    body = client.get(f"/en/certificates/verify/{certificate.code}/").content.decode()
    assert name not in body
    assert "erased" in body


def test_regenerating_only_missing_pdfs_leaves_the_others_alone(learner, other_learner, course):
    from certificates.api import certificate_issue

    drawn = certificate_issue(enrolment=complete_course(user=learner, course=course))
    lost = certificate_issue(enrolment=complete_course(user=other_learner, course=course))
    Certificate.objects.filter(pk=lost.pk).update(pdf="")
    call_command("regenerate_certificates", "--missing", "--now")
    drawn_after = Certificate.objects.get(pk=drawn.pk)
    lost.refresh_from_db()
    assert drawn_after.pdf.name == drawn.pdf.name
    assert lost.pdf
    assert lost.pdf.storage.exists(lost.pdf.name)


def test_someone_who_turned_expiry_emails_off_reads_it_on_my_learning(completed, learner, settings):
    from notifications.models import Notification, NotificationPreference

    settings.CERTIFICATE_EXPIRY_REMINDER_DAYS = 30
    NotificationPreference.objects.create(user=learner, kind="certificate_expiry", email=False)
    certificate = Certificate.objects.get(enrolment=completed)
    _expiring(certificate, 20)
    call_command("send_certificate_expiry_reminders")
    call_command("send_certificate_expiry_reminders")
    assert mail.outbox == []
    (notification,) = Notification.objects.filter(user=learner)
    assert certificate.course_title in notification.text
    assert notification.link.endswith("/certificates/")

"""Blended training, end to end in a browser: an institution manager nominates a person of
their police administration; the organiser confirms the place and the person gets an email
with the session in an .ics file; in the room the organiser shows the check-in QR code, the
participant scans it (here: the screenshot decoded by zbarimg) and checks in; the training
completes and the participant downloads their attendance certificate and verifies it."""

import io
import shutil
import subprocess
from datetime import timedelta

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from trainings.factories import training_with_sessions
from trainings.models import Registration, RegistrationState, TrainingSession

from .test_certificate_flow import CODE_RE, PASSWORD, _staff_session_cookie

ZBARIMG = shutil.which("zbarimg")
pytestmark = pytest.mark.skipif(
    ZBARIMG is None, reason="zbarimg is missing: apt-get install zbar-tools"
)


def _en(path: str) -> str:
    """The English address of a page reversed in the default language."""
    return "/en" + path.removeprefix("/sr-latn")


def test_nomination_confirmation_with_ics_check_in_and_attendance_certificate(
    page, live_server, learner, manager_bg, administrator, log_in, mfa_login, mailoutbox, tmp_path
):
    learner.preferred_language = "en"
    learner.save()
    training = training_with_sessions(
        sessions=1, title="Joint seminar in Niš", places_by="nomination", capacity=5
    )
    session = training.sessions.get()
    training_url = _en(training.url)

    # The manager of the Belgrade police administration nominates one of their people.
    page.context.add_cookies([_staff_session_cookie(live_server, manager_bg, mfa_login)])
    page.goto(training_url)
    page.get_by_role("link", name="Nominate people of your institution").click()
    page.get_by_label("Person").select_option(value=str(learner.pk))
    page.get_by_role("button", name="Nominate").click()
    registration = Registration.objects.get(training=training, user=learner)
    assert registration.nominated_by == manager_bg
    assert registration.state == RegistrationState.REQUESTED

    # The organiser confirms the place; the participant is told, with the session in .ics.
    page.context.clear_cookies()
    page.context.add_cookies([_staff_session_cookie(live_server, administrator, mfa_login)])
    mailoutbox.clear()
    page.goto(_en(reverse("trainings:organise", args=[training.pk])))
    page.get_by_role("button", name="Confirm").click()
    expect(page.locator("main")).to_contain_text("Confirmed")
    to_learner = [m for m in mailoutbox if learner.email in m.to]
    assert len(to_learner) == 1
    ics = [a for a in to_learner[0].attachments if a[0].endswith(".ics")]
    assert len(ics) == 1
    calendar = icalendar.Calendar.from_ical(ics[0][1])
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    assert "Joint seminar in Niš" in str(events[0]["SUMMARY"])
    assert events[0].decoded("DTSTART") == session.starts_at

    # The day comes: the session runs now, and the organiser shows the check-in code.
    TrainingSession.objects.filter(pk=session.pk).update(
        starts_at=timezone.now() - timedelta(minutes=5),
        ends_at=timezone.now() + timedelta(hours=3),
    )
    page.goto(_en(reverse("trainings:attendance", args=[session.pk])))
    page.get_by_text("Self check-in code to show in the room").click()
    qr = page.get_by_alt_text("QR code for self check-in")
    expect(qr).to_be_visible()
    shot = tmp_path / "qr.png"
    qr.screenshot(path=str(shot))
    decoded = subprocess.run(  # noqa: S603 (our own screenshot)
        [ZBARIMG, "--quiet", "--raw", str(shot)], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert decoded.startswith(live_server.url) and "/check-in/" in decoded

    # The participant scans it with their phone and checks in.
    page.context.clear_cookies()
    log_in(page, email=learner.email, password=PASSWORD)
    page.goto(decoded)
    page.get_by_role("button", name="I am here").click()
    expect(page.locator("main")).to_contain_text("You are checked in.")
    registration.refresh_from_db()
    assert registration.completed_at is not None

    # One session of one: the training is complete, and its certificate is on its page.
    page.goto(training_url)
    link = page.get_by_role("link", name="Download your certificate of attendance")
    expect(link).to_be_visible()
    with page.expect_download() as download_info:
        link.click()
    path = tmp_path / "attendance.pdf"
    download_info.value.save_as(path)
    text = PdfReader(io.BytesIO(path.read_bytes())).pages[0].extract_text()
    assert "Certificate of attendance" in text
    assert learner.get_full_name() in text
    assert "Joint seminar in Niš" in text
    code = CODE_RE.search(text).group(0)

    # Anyone verifies it.
    page.context.clear_cookies()
    page.goto(f"/en/certificates/verify/{code}/")
    expect(page.locator("main")).to_contain_text("This certificate is genuine and valid.")
    expect(page.locator("main")).to_contain_text("Joint seminar in Niš")

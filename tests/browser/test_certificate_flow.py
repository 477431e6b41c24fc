"""A learner completes a course, downloads the certificate, reads the code from the PDF and
verifies it on the public page; an administrator revokes it and the page says so."""

import io
import re

from playwright.sync_api import expect
from pypdf import PdfReader

from certificates.codes import ALPHABET
from courses.factories import course_with_lessons

PASSWORD = "correct horse battery staple"
CODE_RE = re.compile(rf"[{ALPHABET}]{{4}}(?:-[{ALPHABET}]{{4}}){{4}}")


def _staff_session_cookie(live_server, user, mfa_login) -> dict:
    """An administrator's session that passed TOTP (the fixture the other tests use), handed
    to the browser: typing a TOTP code through Playwright would test allauth, not us."""
    from django.test import Client

    client = mfa_login(Client(), user)
    return {
        "name": "sessionid",
        "value": client.cookies["sessionid"].value,
        "url": live_server.url,
    }


def test_learner_downloads_and_verifies_then_an_administrator_revokes(
    page, live_server, learner, administrator, log_in, mfa_login, tmp_path
):
    learner.preferred_language = "en"
    learner.save()
    course = course_with_lessons(
        modules=1, lessons=2, title="Prepoznavanje trgovine ljudima", validity_months=24
    )
    log_in(page, email=learner.email, password=PASSWORD)

    page.goto(f"/en{course.url[len('/sr-latn') :]}")
    page.get_by_role("button", name="Enrol in this course").click()
    page.goto(f"/en{course.url[len('/sr-latn') :]}")
    page.get_by_role("link", name="Start the first lesson").click()
    for _ in range(2):
        page.locator("#mark-done button[type=submit]").click()

    page.goto("/en/learning/")
    link = page.get_by_role("link", name="Download your certificate (PDF)")
    expect(link).to_be_visible()
    with page.expect_download() as download_info:
        link.click()
    path = tmp_path / "certificate.pdf"
    download_info.value.save_as(path)

    text = PdfReader(io.BytesIO(path.read_bytes())).pages[0].extract_text()
    assert learner.get_full_name() in text
    code = CODE_RE.search(text).group(0)

    # Anyone, signed in or not, verifies it with the code typed from the paper.
    page.context.clear_cookies()
    page.goto("/en/certificates/verify/")
    page.get_by_label("Verification code").fill(code.lower().replace("-", " "))
    page.get_by_role("button", name="Verify").click()
    expect(page).to_have_url(re.compile(re.escape(f"/certificates/verify/{code}/")))
    expect(page.locator("main")).to_contain_text("This certificate is genuine and valid.")
    expect(page.locator("main")).to_contain_text(learner.get_full_name())
    expect(page.locator("main")).to_contain_text("Prepoznavanje trgovine ljudima")

    # An administrator revokes it.
    from certificates.models import Certificate

    certificate = Certificate.objects.get(code=code)
    page.context.add_cookies([_staff_session_cookie(live_server, administrator, mfa_login)])
    page.goto("/en/manage/certificates/")
    page.get_by_label("Serial number, verification code or holder's name").fill(certificate.serial)
    page.locator("main").get_by_role("button", name="Search").click()
    page.get_by_role("link", name=certificate.serial).click()
    # Two steps: the detail page leads to a confirmation page that asks why.
    page.get_by_role("link", name="Revoke the certificate…").click()
    page.get_by_label("Why is it revoked?").select_option(label="Another reason")
    page.get_by_label("Details").fill("Completed on someone else's account.")
    page.get_by_role("button", name="Revoke the certificate").click()
    expect(page.locator("main")).to_contain_text("The certificate is revoked.")

    page.context.clear_cookies()
    page.goto(f"/certificates/verify/{code}/")  # the short address in the QR code
    expect(page.locator("main")).to_contain_text("Revoked")
    expect(page.locator("main")).to_contain_text("Completed on someone else's account.")

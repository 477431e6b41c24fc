"""Pages work under the Content Security Policy: the browser reports no violation."""

from django.test import Client

from courses.factories import course_with_lessons
from courses.models import LessonPage
from courses.services import enrolment_create
from tests.conftest import login_with_mfa

PASSWORD = "correct horse battery staple"


def _watch_violations(page) -> list[str]:
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text)
            if "Content Security Policy" in message.text or "Refused to" in message.text
            else None
        ),
    )
    return violations


def test_learner_pages_run_without_violations(page, learner, log_in):
    course = course_with_lessons(modules=1, lessons=1, title="Tri elementa")
    enrolment_create(user=learner, course=course)
    lesson = LessonPage.objects.descendant_of(course).first()
    violations = _watch_violations(page)
    log_in(page, email=learner.email, password=PASSWORD)
    page.goto(course.url)
    page.goto(lesson.url)
    page.locator("#mark-done button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    page.goto("/en/certificates/verify/")
    assert violations == [], "\n".join(violations)


def test_admin_pages_run_without_violations(page, live_server, administrator):
    course = course_with_lessons(modules=1, lessons=1, title="Tri elementa")
    client = Client()
    login_with_mfa(client, administrator)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    violations = _watch_violations(page)
    for url in ("/admin/", f"/admin/pages/{course.pk}/edit/", "/admin/audit/", "/admin/people/"):
        page.goto(url)
        page.wait_for_load_state("networkidle")
    assert violations == [], "\n".join(violations)

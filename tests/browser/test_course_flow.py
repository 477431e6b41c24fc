"""A learner enrols, reads every lesson with "Mark as done", and sees 100 %."""

import re

from playwright.sync_api import expect

from courses.factories import course_with_lessons
from courses.models import Enrolment

PASSWORD = "correct horse battery staple"


def test_learner_enrols_reads_every_lesson_and_completes_the_course(page, learner, log_in):
    course = course_with_lessons(modules=2, lessons=2, title="Three elements")
    log_in(page, email=learner.email, password=PASSWORD)

    page.goto(f"/en{course.url[len('/sr-latn') :]}")
    page.get_by_role("button", name="Enrol in this course").click()
    expect(page.locator("main")).to_contain_text("0% done (0 of 4 required steps)")

    page.get_by_role("link", name="Start the first lesson").click()
    for step in range(4):
        expect(page.locator("main h1")).to_be_visible()
        page.locator("#mark-done button[type=submit]").click()
        if step < 3:
            # "Mark as done — next lesson" goes straight on to the next one.
            expect(page.locator("#mark-done")).to_be_visible()
    # After the last lesson the course page shows completion.
    expect(page).to_have_url(re.compile(re.escape(course.slug)))
    expect(page.locator("main")).to_contain_text("100% done (4 of 4 required steps)")
    expect(page.locator("main")).to_contain_text("Completed on")

    page.goto("/en/learning/")
    expect(page.locator("main")).to_contain_text("Three elements")
    enrolment = Enrolment.objects.get(user=learner, course=course)
    assert enrolment.completed_at is not None

"""A learner enrols, reads every lesson with "Mark as done", and sees 100 %."""

import re

from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from courses.factories import course_with_lessons
from courses.models import Enrolment

PASSWORD = "correct horse battery staple"


def progress_text(percent, done, required):
    with translation.override("sr-latn"):
        return gettext("%(percent)s%% done (%(done)s of %(required)s required steps)") % {
            "percent": percent,
            "done": done,
            "required": required,
        }


def in_latin(message):
    with translation.override("sr-latn"):
        return gettext(message)


def test_learner_enrols_reads_every_lesson_and_completes_the_course(page, learner, log_in):
    """The course exists only in Serbian: an English reader is taken to the Latin interface
    (the default), never to Cyrillic, and stays there lesson after lesson."""
    course = course_with_lessons(modules=2, lessons=2, title="Three elements")
    log_in(page, email=learner.email, password=PASSWORD)

    page.goto(f"/en{course.url[len('/sr-latn') :]}")
    page.get_by_role("button", name=re.compile("Enrol in this course")).click()
    expect(page).to_have_url(re.compile(r"/sr-latn/"))
    expect(page.locator("main")).to_contain_text(progress_text(0, 0, 4))

    page.get_by_role("link", name=in_latin("Start the first lesson")).click()
    for step in range(4):
        expect(page.locator("main h1")).to_be_visible()
        page.locator("#mark-done button[type=submit]").click()
        if step < 3:
            # "Mark as done — next lesson" goes straight on to the next one.
            expect(page.locator("#mark-done")).to_be_visible()
    # After the last lesson the course page shows completion.
    expect(page).to_have_url(re.compile(re.escape(course.slug)))
    expect(page).to_have_url(re.compile(r"/sr-latn/"))
    expect(page.locator("main")).to_contain_text(progress_text(100, 4, 4))
    expect(page.locator("main")).to_contain_text(
        in_latin("Completed on %(date)s.").split("%(date)s")[0].strip()
    )

    page.goto("/en/learning/")
    expect(page.locator("main")).to_contain_text("Three elements")
    enrolment = Enrolment.objects.get(user=learner, course=course)
    assert enrolment.completed_at is not None

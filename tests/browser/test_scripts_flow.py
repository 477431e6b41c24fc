"""One lesson, written once in Latin, read in both scripts and found from the other one."""

from playwright.sync_api import expect

from courses.factories import LessonPageFactory, ModulePageFactory, course_with_lessons
from courses.services import enrolment_create

PASSWORD = "correct horse battery staple"


def test_learner_reads_a_lesson_in_both_scripts_and_finds_it_in_the_other(page, learner, log_in):
    course = course_with_lessons(modules=0, lessons=0, title="Identifikacija žrtava")
    module = ModulePageFactory(parent=course, title="Azil")
    lesson = LessonPageFactory(
        parent=module,
        title="Načelo zabrane proterivanja",
        body=[
            (
                "paragraph",
                "<p>Tražilac azila koji je žrtva trgovine ljudima ne sme biti vraćen "
                "tamo gde mu preti opasnost (UNHCR).</p>",
            )
        ],
    )
    enrolment_create(user=learner, course=course)
    log_in(page, email=learner.email, password=PASSWORD, language="sr-latn")

    page.goto(lesson.url)
    expect(page.locator("main h1")).to_have_text("Načelo zabrane proterivanja")

    # The switcher keeps the page and the choice: now in Cyrillic.
    page.get_by_role("button", name="Српски (ћирилица)").click()
    expect(page).to_have_url(lesson.url.replace("/sr-latn/", "/sr/", 1))
    expect(page.locator("main h1")).to_have_text("Начело забране протеривања")
    expect(page.locator(".lesson-body")).to_contain_text("Тражилац азила")
    expect(page.locator(".lesson-body")).to_contain_text("(UNHCR)")

    # A query typed in Latin, without diacritics, finds it; results read in Cyrillic.
    page.locator("#site-search-q").fill("trazilac azila proterivanja")
    page.locator("#site-search-q").press("Enter")
    result = page.locator(".search-results a", has_text="Начело забране протеривања")
    expect(result).to_be_visible()
    result.click()
    expect(page.locator("main h1")).to_have_text("Начело забране протеривања")

    # And a query in Cyrillic finds it from the Latin interface.
    page.get_by_role("button", name="Srpski (latinica)").click()
    page.locator("#site-search-q").fill("тражилац")
    page.locator("#site-search-q").press("Enter")
    expect(page.locator(".search-results")).to_contain_text("Načelo zabrane proterivanja")

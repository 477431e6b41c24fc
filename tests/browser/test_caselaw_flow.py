"""A reader searches the case-law library, narrows by two facets, opens a judgment and
follows it into the lesson that cites it. No JavaScript is needed for any of it."""

import re

from playwright.sync_api import expect

from caselaw.factories import CasePageFactory, case_index
from courses.factories import CoursePageFactory, LessonPageFactory, ModulePageFactory

PASSWORD = "correct horse battery staple"


def test_search_narrow_open_a_case_and_follow_it_into_a_lesson(page, learner, log_in):
    index = case_index()
    chowdury = CasePageFactory(
        title="Chowdury and Others v. Greece",
        countries=["gr"],
        forms=["forced-labour"],
        issues=["positive-obligations"],
        holding="Strawberry pickers without permits were in forced labour.",
        decision_date="2017-03-30",
    )
    CasePageFactory(
        title="L.E. v. Greece",
        countries=["gr"],
        forms=["sexual-exploitation"],
        holding="Strawberry fields were not the issue; delays were.",
    )
    CasePageFactory(
        title="Forced labour elsewhere v. Cyprus",
        countries=["cy"],
        forms=["forced-labour"],
        holding="Strawberry farm, another country.",
    )
    CasePageFactory(title="Unrelated v. France", countries=["fr"], holding="Nothing here.")
    module = ModulePageFactory(parent=CoursePageFactory(title="Forced labour"))
    lesson = LessonPageFactory(
        parent=module,
        title="Labour exploitation in agriculture",
        body=[("case_law", {"case": chowdury, "citation": "", "holding": "", "link_url": ""})],
    )

    log_in(page, email=learner.email, password=PASSWORD)
    page.goto(index.url)
    count = page.locator("#case-count")
    expect(count).to_contain_text("4")

    page.locator("#case-q").fill("strawberry")
    page.locator("form.case-search button[type=submit]").click()
    expect(count).to_contain_text("3")

    page.locator('[data-facet="country"] a[data-value="gr"]').click()
    expect(count).to_contain_text("2")
    expect(page).to_have_url(re.compile(r"country=gr"))
    page.locator('[data-facet="form"] a[data-value="forced-labour"]').click()
    expect(count).to_contain_text("1")
    expect(page).to_have_url(re.compile(r"q=strawberry.*country=gr.*form=forced-labour"))

    page.locator(".case-results").get_by_role("link", name="Chowdury and Others v. Greece").click()
    expect(page.locator("main h1")).to_contain_text("Chowdury and Others v. Greece")
    expect(page.locator("#case-citation")).to_contain_text("ECtHR")

    page.locator(".citing-pages").get_by_role("link", name=lesson.title).click()
    expect(page.locator("main h1")).to_contain_text(lesson.title)
    expect(page.locator(".case-card")).to_contain_text("Chowdury and Others v. Greece")

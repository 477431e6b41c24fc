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
    # All three filters in the address, in whatever order the library writes them.
    expect(page).to_have_url(
        re.compile(r"^(?=.*[?&]q=strawberry)(?=.*[?&]country=gr)(?=.*[?&]form=forced-labour)")
    )

    page.locator(".case-results").get_by_role("link", name="Chowdury and Others v. Greece").click()
    expect(page.locator("main h1")).to_contain_text("Chowdury and Others v. Greece")
    expect(page.locator("#case-citation")).to_contain_text("ECtHR")

    page.locator(".citing-pages").get_by_role("link", name=lesson.title).click()
    expect(page.locator("main h1")).to_contain_text(lesson.title)
    expect(page.locator(".case-card")).to_contain_text("Chowdury and Others v. Greece")


def test_results_come_first_on_a_phone_and_beside_the_facets_on_a_desktop(page, db):
    for n in range(3):
        CasePageFactory(title=f"Judgment {n} v. Greece", countries=["gr"], forms=["forced-labour"])
    index = case_index()
    for width, side_by_side in ((1280, True), (375, False)):
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(index.url)
        first = page.locator(".case-results a").first.bounding_box()
        facets = page.locator("aside.facets").bounding_box()
        if side_by_side:
            assert facets["x"] > first["x"] + first["width"] - 1
            assert first["y"] < 800, "the first result is on the first screen"
        else:
            assert first["y"] < facets["y"], "results before the facets on a phone"
    labels = page.locator("[role=search]").evaluate_all("els => els.map(e => e.ariaLabel)")
    assert len(labels) == 2 and all(labels) and len(set(labels)) == 2

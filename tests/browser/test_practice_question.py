"""A learner answers a lesson's practice questions: "Check" marks each answer with its
feedback and shows the explanation, "Try again" starts over; without JavaScript, "Show the
answer" reveals the correct choices. The lesson passes axe's WCAG 2.1 A/AA checks."""

import re
from pathlib import Path

import pytest
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from courses.factories import LessonPageFactory, ModulePageFactory, course_with_lessons
from courses.services import enrolment_create

PASSWORD = "correct horse battery staple"
AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
RUN_AXE = """
async (tags) => {
  const options = {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]};
  const result = await axe.run(document, options);
  return result.violations.map(v => v.id + " (" + v.impact + "): " + v.help + " — " +
    v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(", "));
}
"""


def latin(message):
    with translation.override("sr-latn"):
        return gettext(message)


def mark(message):
    """A choice's mark as a whole word ("Tačan odgovor" must not find "Netačan odgovor")."""
    return re.compile(r"(^|\s)" + re.escape(latin(message)))


def option(text, correct=False, feedback=""):
    return {"text": text, "correct": correct, "feedback": feedback}


@pytest.fixture
def lesson(learner):
    course = course_with_lessons(modules=0)
    module = ModulePageFactory(parent=course)
    single = {
        "question": "Šta tužilaštvo mora da dokaže kada je žrtva dete?",
        "choices": [
            option("Radnju, sredstvo i cilj.", feedback="To važi za odrasle žrtve."),
            option("Radnju i cilj eksploatacije.", correct=True, feedback="Sredstvo nije uslov."),
        ],
        "explanation": "<p>Član 3(c) Palermo protokola.</p>",
    }
    several = {
        "question": "Koji podaci ukazuju na prinudni rad?",
        "choices": [
            option("Dug koji stalno raste.", correct=True),
            option("Pretnje porodici.", correct=True),
            option("Rad bez ugovora.", feedback="Sam po sebi nije dovoljan."),
        ],
        "explanation": "<p>Nijedan indikator sam po sebi nije dokaz.</p>",
    }
    page = LessonPageFactory(
        parent=module, body=[("practice_question", single), ("practice_question", several)]
    )
    enrolment_create(user=learner, course=course)
    return page


def test_check_marks_each_answer_and_try_again_starts_over(page, learner, log_in, lesson):
    log_in(page, email=learner.email, password=PASSWORD, language="sr-latn")
    page.goto(lesson.url)
    block = page.locator("[data-practice]").first
    status = block.get_by_role("status")
    verdict = status.locator("[data-practice-verdict]")
    explanation = status.locator("[data-practice-explanation]")
    options = block.locator(".practice-options")
    wrong = block.get_by_label("Radnju, sredstvo i cilj.")
    right = block.get_by_label("Radnju i cilj eksploatacije.")
    expect(block.locator("details")).to_be_hidden()  # with JavaScript, "Check" takes over

    # Nothing chosen: asked to choose first.
    block.get_by_role("button", name=latin("Check")).click()
    expect(verdict).to_have_text(latin("Choose an answer first."))
    expect(explanation).to_be_hidden()

    wrong.check()
    block.get_by_role("button", name=latin("Check")).click()
    expect(status).to_contain_text(
        latin("Not quite: see the marks by the answers, then try again.")
    )
    expect(explanation).to_be_visible()
    expect(explanation).to_have_text("Član 3(c) Palermo protokola.")
    expect(options.get_by_text("To važi za odrasle žrtve.")).to_be_visible()
    expect(options.get_by_text("Sredstvo nije uslov.")).to_be_visible()
    expect(options.get_by_text(mark("Wrong answer"))).to_be_visible()
    expect(options.get_by_text(mark("Correct answer"))).to_be_visible()
    expect(wrong).to_be_disabled()
    expect(wrong).to_have_attribute("aria-describedby", f"{wrong.get_attribute('id')}-result")
    retry = block.get_by_role("button", name=latin("Try again"))
    expect(retry).to_be_focused()

    retry.click()
    expect(verdict).to_be_empty()
    expect(explanation).to_be_hidden()
    expect(options.get_by_text("To važi za odrasle žrtve.")).to_be_hidden()
    expect(wrong).to_be_enabled()
    expect(wrong).not_to_be_checked()
    expect(wrong).to_be_focused()

    right.check()
    block.get_by_role("button", name=latin("Check")).click()
    expect(status).to_contain_text(latin("Right: well done."))
    # A wrong answer the learner did not choose keeps its feedback to itself.
    expect(options.get_by_text("To važi za odrasle žrtve.")).to_be_hidden()


def test_several_correct_answers_are_all_needed(page, learner, log_in, lesson):
    log_in(page, email=learner.email, password=PASSWORD, language="sr-latn")
    page.goto(lesson.url)
    block = page.locator("[data-practice]").nth(1)
    status = block.get_by_role("status")
    debt = block.get_by_role("checkbox", name="Dug koji stalno raste.")
    threats = block.get_by_role("checkbox", name="Pretnje porodici.")

    debt.check()
    block.get_by_role("button", name=latin("Check")).click()
    expect(status).to_contain_text(
        latin("Not quite: see the marks by the answers, then try again.")
    )
    block.get_by_role("button", name=latin("Try again")).click()
    debt.check()
    threats.check()
    block.get_by_role("button", name=latin("Check")).click()
    expect(status).to_contain_text(latin("Right: well done."))
    expect(status.get_by_text("Nijedan indikator sam po sebi nije dokaz.")).to_be_visible()


def test_the_lesson_with_its_questions_passes_axe(page, learner, log_in, lesson):
    if not AXE.exists():
        pytest.skip(f"{AXE} is missing: cd tests/browser && npm ci --no-audit --no-fund")
    log_in(page, email=learner.email, password=PASSWORD, language="sr-latn")
    page.goto(lesson.url)
    block = page.locator("[data-practice]").first
    block.get_by_label("Radnju, sredstvo i cilj.").check()
    block.get_by_role("button", name=latin("Check")).click()
    expect(block.get_by_role("status")).not_to_be_empty()
    page.evaluate(AXE.read_text(encoding="utf-8"))  # DevTools: not subject to the page's CSP
    assert page.evaluate(RUN_AXE, AXE_TAGS) == []


def test_without_javascript_show_the_answer_reveals_it(
    browser, live_server, django_db_serialized_rollback, learner, log_in, lesson
):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    try:
        tab = context.new_page()
        log_in(tab, email=learner.email, password=PASSWORD, language="sr-latn")
        tab.goto(lesson.url)
        block = tab.locator("[data-practice]").first
        expect(block.get_by_role("button", name=latin("Check"))).to_be_hidden()
        answer = block.locator("details")
        expect(answer.get_by_text("Radnju i cilj eksploatacije.")).to_be_hidden()
        answer.get_by_text(latin("Show the answer")).click()
        expect(answer.get_by_text("Radnju i cilj eksploatacije.")).to_be_visible()
        expect(answer).to_contain_text("Član 3(c) Palermo protokola.")
        expect(answer).not_to_contain_text("Radnju, sredstvo i cilj.")
        # The choices can still be picked, and show no verdict of their own.
        block.get_by_label("Radnju, sredstvo i cilj.").check()
        expect(block.locator(".practice-options").get_by_text(mark("Wrong answer"))).to_be_hidden()
    finally:
        context.close()

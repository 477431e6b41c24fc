"""A learner takes a quiz, fails, tries again, passes, and sees the course complete; each
attempt ends on the summary page, whose "Submit all and finish" is the only submit."""

import re

from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from courses.models import Enrolment
from quizzes import factories as f
from quizzes.models import Attempt

PASSWORD = "correct horse battery staple"


def in_latin(message):
    with translation.override("sr-latn"):
        return gettext(message)


def test_learner_fails_a_quiz_retries_passes_and_completes_the_course(page, learner, log_in):
    quiz = f.quiz_in_course(
        questions=[f.single_choice(), f.true_false(answer=True)],
        title="Three elements quiz",
        questions_per_page=1,
        attempts_allowed=3,
    )
    course = quiz.get_parent().get_parent().specific
    log_in(page, email=learner.email, password=PASSWORD)

    page.goto(course.url)
    page.get_by_role("button", name=re.compile(in_latin("Enrol in this course"))).click()
    page.get_by_role("link", name="Three elements quiz").click()

    def take(choice: str, statement: str) -> None:
        page.locator("#quiz-start").click()
        expect(page).to_have_url(re.compile(r"/attempts/\d+/\?page=1"))
        expect(page.locator("#quiz-submit")).to_have_count(0)  # no submit on the pages
        page.get_by_label(choice).check()
        page.locator("button[name=nav][value=next]").click()
        expect(page).to_have_url(re.compile(r"\?page=2"))
        page.get_by_label(in_latin(statement), exact=True).check()
        page.locator("#quiz-finish").click()
        # The summary: each question answered, a way back, then the confirmed submit.
        expect(page).to_have_url(re.compile(r"/summary/"))
        expect(page.locator("#attempt-summary")).to_contain_text(in_latin("Answer saved"))
        page.locator("#quiz-submit").click()
        expect(page).to_have_url(re.compile(r"/result/"))

    take("Recruitment", "False")
    expect(page.locator("#attempt-score")).to_contain_text("0")
    assert Attempt.objects.get(user=learner, number=1).passed is False
    assert Enrolment.objects.get(user=learner).completed_at is None

    page.goto(quiz.url)
    take("Exploitation", "True")
    expect(page.locator("#attempt-score")).to_contain_text("100")
    assert Attempt.objects.get(user=learner, number=2).passed is True

    page.goto(quiz.url)
    expect(page.locator("#quiz-result")).to_be_visible()
    page.goto(course.url)
    expect(page.locator("main")).to_contain_text(
        in_latin("Completed on %(date)s.").split("%(date)s")[0].strip()
    )
    assert Enrolment.objects.get(user=learner).completed_at is not None

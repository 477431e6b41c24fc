"""A scenario may cite a judgment of the case-law library: the learner sees the link, and
the case page lists the quiz among the pages that cite it."""

import pytest
from django.core.exceptions import ValidationError

from caselaw.factories import CasePageFactory
from caselaw.selectors import citing_pages
from courses.selectors import course_of
from courses.services import enrolment_create
from quizzes import factories as f
from quizzes.models import QuizSlot
from quizzes.services import attempt_start

pytestmark = pytest.mark.django_db


@pytest.fixture
def cited(learner):
    case = CasePageFactory(title="Chowdury i drugi protiv Grčke")
    vignette, first, second = f.scenario(case=case)
    quiz = f.quiz_in_course(questions=[vignette])
    enrolment_create(user=learner, course=course_of(quiz))
    return case, quiz


def test_the_attempt_page_links_the_cited_case_in_the_readers_script(client, learner, cited):
    case, quiz = cited
    attempt = attempt_start(user=learner, quiz=quiz)
    client.force_login(learner)
    html = client.get(f"/sr/learning/quizzes/attempts/{attempt.pk}/?page=1").content.decode()
    assert "Грчке" in html  # "Grčke", in the Cyrillic reader's script
    assert f'href="{case.url}"' in html


def test_the_case_page_lists_the_quiz_that_cites_it(learner, cited):
    case, quiz = cited
    assert quiz.pk in [page.pk for page in citing_pages(case=case, user=learner)]


def test_a_drawn_question_counts_for_the_quiz_that_draws_from_its_category(learner):
    case = CasePageFactory()
    vignette, _a, _b = f.scenario(case=case)
    quiz = f.quiz_in_course()
    QuizSlot.objects.create(page=quiz, category=vignette.category, draw_count=1)
    assert quiz.pk in [page.pk for page in citing_pages(case=case, user=learner)]


def test_only_a_case_page_can_be_cited(learner):
    from quizzes.models import Question

    field = Question._meta.get_field("case")
    assert field.related_model.__name__ == "CasePage"
    with pytest.raises(ValidationError):
        field.clean(course_of(f.quiz_in_course()).pk, None)

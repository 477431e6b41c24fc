"""Nothing of the key reaches the browser before submitting; afterwards only what the review
options allow (tests/quizzes/test_review_windows.py has each window × item). Submitting
costs a fixed number of queries, whatever the attempt's length."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses.selectors import course_of
from courses.services import enrolment_create
from quizzes import factories as f
from quizzes.models import Attempt, QuestionKind, ReviewItem
from quizzes.services import essay_grade

from .conftest import finish, right_answers

pytestmark = pytest.mark.django_db

SECRETS = [
    "SECRET-FEEDBACK-right",
    "GENERAL-FEEDBACK-secret",
    "akcept-odgovor-tajni",
    "388.123",
    "OPTION-FEEDBACK-multi",
    "cloze-tajni-odgovor",  # a cloze's short answer, its feedback and its number
    "CLOZE-FEEDBACK-secret",
    "4711.25",
    "GRADER-INFO-secret",  # an essay's information for graders
]


def every_type_quiz(**quiz_kwargs):
    single = f.single_choice(general_feedback="<p>GENERAL-FEEDBACK-secret</p>")
    multiple = f.multiple_response()
    first = multiple.options.first()
    first.feedback = "OPTION-FEEDBACK-multi"
    first.save()
    scenario, _a, _b = f.scenario()
    questions = [
        single,
        multiple,
        f.true_false(answer=False),
        f.matching(),
        f.ordering(),
        f.numeric(answer="388.123", tolerance="0"),
        f.short_text("akcept-odgovor-tajni"),
        scenario,
        f.cloze(),
        f.essay(rubric=[("Qualifies the offence", 2)]),
    ]
    return f.quiz_in_course(questions=questions, questions_per_page=3, **quiz_kwargs)


def _start(client, learner, quiz):
    enrolment_create(user=learner, course=course_of(quiz))
    client.force_login(learner)
    client.post(reverse("quizzes:start", args=[quiz.pk]))
    return Attempt.objects.get(user=learner, quiz=quiz)


def test_attempt_pages_show_no_key_and_no_feedback(client, learner):
    quiz = every_type_quiz()
    attempt = _start(client, learner, quiz)
    pages = sorted(set(attempt.questions.values_list("page", flat=True)))
    assert len(pages) == 4  # eleven questions (a scenario of two parts), three a page
    kinds = set()
    for page in pages:
        html = client.get(
            reverse("quizzes:attempt", args=[attempt.pk]) + f"?page={page}"
        ).content.decode()
        for secret in SECRETS:
            assert secret not in html, (secret, page)
        assert "correct" not in html.lower()
        assert "fraction" not in html.lower()
        kinds.update(re.findall(r'class="question question-(\w+)"', html))
    unserved = {QuestionKind.SCENARIO}
    assert kinds == {k for k in QuestionKind.values if k not in unserved}
    # Ordering items never come in their correct order; the scenario text is shown.
    ordering = attempt.questions.get(question__kind=QuestionKind.ORDERING)
    assert ordering.option_order != [o.pk for o in ordering.question.options.all()]


def test_quiz_page_shows_no_key(client, learner):
    quiz = every_type_quiz()
    _start(client, learner, quiz)
    html = client.get(quiz.url).content.decode()
    for secret in SECRETS:
        assert secret not in html


def test_review_options_that_show_nothing_show_nothing_after_submit(client, learner):
    quiz = every_type_quiz(review_immediately=[], review_open=[], review_closed=[])
    attempt = _start(client, learner, quiz)
    finish(client, attempt)
    html = client.get(reverse("quizzes:result", args=[attempt.pk])).content.decode()
    for secret in SECRETS:
        assert secret not in html
    assert 'id="attempt-score"' not in html
    assert "Exploitation" not in html  # not even the questions


def test_review_after_close_shows_the_key_only_once_passed_or_out_of_attempts(
    client, learner, settings
):
    settings.QUIZ_REVIEW_IMMEDIATE_SECONDS = 0  # straight to "later"
    before = [ReviewItem.RESPONSE, ReviewItem.SCORE]
    quiz = every_type_quiz(attempts_allowed=2, review_immediately=before, review_open=before)
    attempt = _start(client, learner, quiz)
    finish(client, attempt)
    html = client.get(reverse("quizzes:result", args=[attempt.pk])).content.decode()
    assert 'id="attempt-score"' in html
    assert "akcept-odgovor-tajni" not in html and "GENERAL-FEEDBACK-secret" not in html
    assert "question-marks" not in html
    client.post(reverse("quizzes:start", args=[quiz.pk]))
    second = Attempt.objects.get(user=learner, number=2)
    finish(client, second)
    html = client.get(reverse("quizzes:result", args=[attempt.pk])).content.decode()
    assert "akcept-odgovor-tajni" in html and "GENERAL-FEEDBACK-secret" in html
    assert "388.123" in html
    assert "cloze-tajni-odgovor" in html and "4711.25 ± 0.5" in html


def test_review_after_attempt_shows_chosen_options_feedback(client, learner):
    quiz = every_type_quiz(review_immediately=list(ReviewItem.values))
    attempt = _start(client, learner, quiz)
    url = reverse("quizzes:attempt", args=[attempt.pk])
    pages = right_answers(attempt)
    for page, data in pages.items():
        response = client.post(url + f"?page={page}", {**data, "nav": "next"})
        assert response.status_code == 302, response.content.decode()
    finish(client, attempt)
    attempt.refresh_from_db()
    assert attempt.score is None  # the essay waits for its trainer
    essay = attempt.questions.get(question__kind=QuestionKind.ESSAY)
    essay_grade(attempt_question=essay, grader=None, points=[2])
    attempt.refresh_from_db()
    assert attempt.score == 100
    html = client.get(reverse("quizzes:result", args=[attempt.pk])).content.decode()
    assert "SECRET-FEEDBACK-right" in html and "GENERAL-FEEDBACK-secret" in html
    assert "CLOZE-FEEDBACK-secret" in html


def _submit_queries(client, learner, count):
    questions = [f.single_choice() if i % 2 else f.multiple_response() for i in range(count)]
    quiz = f.quiz_in_course(questions=questions, questions_per_page=count)
    attempt = _start(client, learner, quiz)
    data = right_answers(attempt)[1]
    url = reverse("quizzes:attempt", args=[attempt.pk]) + "?page=1"
    assert client.post(url, {**data, "nav": "finish"}).status_code == 302
    with CaptureQueriesContext(connection) as queries:
        response = finish(client, attempt)
    assert response.status_code == 302
    attempt.refresh_from_db()
    assert attempt.score == 100
    return len(queries)


def test_submitting_a_20_question_attempt_runs_a_bounded_number_of_queries(
    client, learner, other_learner
):
    few = _submit_queries(client, learner, 4)
    many = _submit_queries(client, other_learner, 20)
    assert many == few, (few, many)
    assert many <= 40


def test_the_personal_data_export_names_answers_by_their_text_not_their_ids(client, learner):
    from quizzes.personal_data import personal_data_quizzes
    from quizzes.selectors import attempt_questions_on_page

    quiz = every_type_quiz()
    attempt = _start(client, learner, quiz)
    url = reverse("quizzes:attempt", args=[attempt.pk])
    for page, data in right_answers(attempt).items():
        client.post(url + f"?page={page}", {**data, "nav": "next"})
    option_ids = set()
    for page in (1, 2, 3):
        for aq in attempt_questions_on_page(attempt=attempt, page=page):
            option_ids |= {o.pk for o in aq.question.options.all()}
    answers = personal_data_quizzes(learner)["attempts"][0]["answers"]
    by_text = {a["question"]: a["response"] for a in answers}
    assert "Exploitation" in by_text.values()
    assert ["Identify", "Refer", "Protect", "Reintegrate"] in by_text.values()
    assert {"Recruitment": "Act", "Threat": "Means", "Forced labour": "Purpose"} in (
        by_text.values()
    )
    flat = repr([a["response"] for a in answers])
    for pk in option_ids:
        assert not re.search(rf"(?<![\w.]){pk}(?![\w.])", flat), pk

"""Essay questions (issue 19): the answer box and its word limits, the attempt waiting for a
trainer's grade (no score, no step, no certificate), the grading queue scoped to the
trainer's courses, grading with a rubric or a mark, the learner told, the trainers reminded,
the review, regrade and statistics."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from accounts.factories import UserFactory
from accounts.models import Role
from certificates.models import Certificate
from courses.authoring import course_assign_trainer, ensure_course_workflow
from courses.models import Enrolment, StepCompletion
from courses.selectors import course_of
from courses.services import enrolment_create
from quizzes import factories as f
from quizzes.models import (
    Attempt,
    EssayGrade,
    QuestionKind,
    QuizResult,
    ReviewItem,
    RubricCriterion,
)
from quizzes.services import (
    attempt_save_responses,
    attempt_start,
    attempt_submit,
    essay_grade,
    essay_reminders_send,
    regrade_apply,
)
from quizzes.statistics import quiz_statistics

from .conftest import finish, token

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

ALL_REVIEW = list(ReviewItem.values)
RUBRIC = [("Qualifies the offence under Article 388", 3), ("Names the means used", 2)]
ANSWER = "Recruitment by deception for forced labour: trafficking under Article 388, " * 3


@pytest.fixture
def essay_quiz(trainer, learner):
    """A course whose only step is a quiz of one essay (rubric 3 + 2 points) and one single
    choice; the trainer authors the course, the learner is enrolled."""
    ensure_course_workflow()
    essay = f.essay(rubric=RUBRIC, min_words=5, max_words=200, template="Facts:\nLaw:")
    single = f.single_choice()
    quiz = f.quiz_in_course(
        questions=[essay, single],
        questions_per_page=2,
        pass_mark=Decimal("60"),
        attempts_allowed=2,
        review_immediately=ALL_REVIEW,
        review_open=ALL_REVIEW,
        review_closed=ALL_REVIEW,
    )
    course = course_of(quiz)
    course_assign_trainer(course=course, user=trainer)
    enrolment_create(user=learner, course=course)
    return {"quiz": quiz, "course": course, "essay": essay, "single": single}


def _answer_page(client, attempt, *, essay_text, right=True):
    """POST the attempt's page as the learner's browser does."""
    essay_aq = attempt.questions.get(question__kind=QuestionKind.ESSAY)
    single_aq = attempt.questions.get(question__kind=QuestionKind.SINGLE)
    data = {f"q{essay_aq.slot}": essay_text, "nav": "next"}
    if right:
        data[f"q{single_aq.slot}"] = token(single_aq, "Exploitation")
    return client.post(reverse("quizzes:attempt", args=[attempt.pk]) + "?page=1", data)


def _take(client, learner, quiz, *, essay_text=ANSWER):
    client.force_login(learner)
    client.post(reverse("quizzes:start", args=[quiz.pk]))
    attempt = Attempt.objects.filter(user=learner, quiz=quiz).latest("number")
    assert _answer_page(client, attempt, essay_text=essay_text).status_code == 302
    assert finish(client, attempt).status_code == 302
    attempt.refresh_from_db()
    return attempt


def _other_trainer(tree):
    return UserFactory(institution=tree["ministry"], roles=[(Role.TRAINER, None)])


# --- The answer box ---------------------------------------------------------------------------


def test_the_attempt_page_has_a_textarea_with_the_template_limits_and_counter(
    client, learner, essay_quiz, english
):
    client.force_login(learner)
    client.post(reverse("quizzes:start", args=[essay_quiz["quiz"].pk]))
    attempt = Attempt.objects.get(user=learner)
    html = client.get(reverse("quizzes:attempt", args=[attempt.pk]) + "?page=1").content.decode()
    assert 'class="question question-essay"' in html
    assert "<textarea" in html and "Facts:\nLaw:</textarea>" in html
    assert "Between 5 and 200 words." in html
    assert 'data-min-words="5"' in html and 'data-max-words="200"' in html
    assert "js/essay.js" in html
    assert "GRADER-INFO-secret" not in html and "Article 388, the three" not in html
    assert "Qualifies the offence" not in html  # the rubric is the graders'


def test_too_few_words_are_saved_with_a_warning_and_submitting_is_refused(
    client, learner, essay_quiz, english
):
    client.force_login(learner)
    client.post(reverse("quizzes:start", args=[essay_quiz["quiz"].pk]))
    attempt = Attempt.objects.get(user=learner)
    response = _answer_page(client, attempt, essay_text="Only three words")
    assert response.status_code == 302
    essay_aq = attempt.questions.get(question__kind=QuestionKind.ESSAY)
    assert essay_aq.response == "Only three words"  # nothing typed is lost
    warning = client.get(response.url).content.decode()
    assert "your answer has 3 words; at least 5 are needed." in warning

    response = finish(client, attempt)
    assert response.url == reverse("quizzes:summary", args=[attempt.pk])
    attempt.refresh_from_db()
    assert attempt.state == "in_progress"
    summary = client.get(response.url).content.decode()
    assert "Question 1: your answer has 3 words; at least 5 are needed." in summary

    _answer_page(client, attempt, essay_text=ANSWER)
    finish(client, attempt)
    attempt.refresh_from_db()
    assert attempt.state == "submitted"


def test_too_many_words_refuse_the_submit_in_the_service(learner, essay_quiz):
    from quizzes.services import AttemptRefused

    attempt = attempt_start(user=learner, quiz=essay_quiz["quiz"])
    essay_aq = attempt.questions.get(question__kind=QuestionKind.ESSAY)
    attempt_save_responses(attempt=attempt, responses={essay_aq.pk: "word " * 201})
    with pytest.raises(AttemptRefused, match="201 words; at most 200"):
        attempt_submit(attempt=attempt)
    attempt.refresh_from_db()
    assert attempt.state == "in_progress"


def test_the_template_left_unchanged_is_no_answer_and_earns_zero_at_once(learner, essay_quiz):
    attempt = attempt_start(user=learner, quiz=essay_quiz["quiz"])
    attempt = attempt_submit(attempt=attempt)  # nothing answered
    attempt.refresh_from_db()
    assert attempt.graded_at is not None and not attempt.is_waiting_for_grading
    assert attempt.questions.get(question__kind=QuestionKind.ESSAY).fraction == 0


def test_the_template_sent_back_unchanged_is_stored_as_no_answer(client, learner, essay_quiz):
    client.force_login(learner)
    client.post(reverse("quizzes:start", args=[essay_quiz["quiz"].pk]))
    attempt = Attempt.objects.get(user=learner)
    _answer_page(client, attempt, essay_text="Facts:\r\nLaw:")
    assert attempt.questions.get(question__kind=QuestionKind.ESSAY).response is None


# --- Waiting, grading, completion ------------------------------------------------------------


def test_essay_waits_then_the_trainer_grades_it_with_the_rubric_and_the_certificate_follows(
    client,
    mfa_login,
    trainer,
    learner,
    essay_quiz,
    english,
    django_capture_on_commit_callbacks,
):
    quiz, course = essay_quiz["quiz"], essay_quiz["course"]
    attempt = _take(client, learner, quiz)
    # Waiting: no score, neither passed nor failed; no result, step or certificate.
    assert attempt.state == "submitted" and attempt.is_waiting_for_grading
    assert attempt.score is None and attempt.passed is None
    assert not QuizResult.objects.exists()
    assert not StepCompletion.objects.filter(page_id=quiz.pk).exists()
    result = client.get(reverse("quizzes:result", args=[attempt.pk])).content.decode()
    assert "Waiting for grading" in result
    assert "Your answer to 1 question is waiting for a trainer's grade." in result
    assert "Not passed" not in result and "Passed" not in result
    assert "This answer is waiting for a trainer's grade." in result
    panel = client.get(quiz.url).content.decode()
    assert 'id="quiz-essays-waiting"' in panel
    # The quiz page is the Serbian page: its panel speaks Serbian.
    with translation.override("sr-latn"):
        waiting = translation.ngettext(
            "Your answer to %(count)s question is waiting for a trainer's grade.",
            "Your answer to %(count)s questions is waiting for a trainer's grade.",
            1,
        ) % {"count": 1}
    assert waiting in panel
    client.logout()

    # The trainer's queue lists it; the grading page shows all the grader needs.
    mfa_login(client, trainer)
    queue = client.get(reverse("quizzes_essays:queue"))
    assert queue.status_code == 200
    essay_aq = attempt.questions.get(question__kind=QuestionKind.ESSAY)
    grade_url = reverse("quizzes_essays:grade", args=[essay_aq.pk])
    html = queue.content.decode()
    assert grade_url in html and course.title in html and quiz.title in html
    assert learner.get_full_name() in html and str(learner.institution) in html
    page = client.get(grade_url).content.decode()
    assert "Analyse the case" in page and "GRADER-INFO-secret" in page
    assert "trafficking under Article 388" in page  # the answer
    assert "Qualifies the offence under Article 388" in page and "Names the means used" in page
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'id="essays-waiting-panel"' in dashboard

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            grade_url, {"points_0": "3", "points_1": "1", "feedback": "Good qualification."}
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response.url == reverse("quizzes_essays:queue")  # nothing else waits
    essay_aq.refresh_from_db()
    assert essay_aq.fraction == Decimal("0.8")
    grade = EssayGrade.objects.get()
    assert grade.grader == trainer and grade.marks_obtained == Decimal("8.00")
    assert grade.rubric == [
        {"criterion": RUBRIC[0][0], "max_points": "3", "points": "3"},
        {"criterion": RUBRIC[1][0], "max_points": "2", "points": "1"},
    ]
    # Scored: 8 of 10 + 1 of 1 = 9 of 11 → 81.82 % ≥ 60: passed, step, course, certificate.
    attempt.refresh_from_db()
    assert attempt.score == Decimal("81.82") and attempt.passed is True
    assert QuizResult.objects.get(user=learner, quiz=quiz).passed is True
    assert StepCompletion.objects.filter(enrolment__user=learner, page_id=quiz.pk).exists()
    assert Enrolment.objects.get(user=learner, course=course).completed_at is not None
    assert Certificate.objects.filter(user=learner).exists()
    # The learner is told, in an email with the link to the result.
    told = [m for m in mail.outbox if learner.email in m.to]
    assert len(told) == 1
    assert reverse("quizzes:result", args=[attempt.pk]) in told[0].body
    assert not client.get(reverse("quizzes_essays:queue")).content.decode().count(grade_url)

    # The review shows the rubric points and the feedback, even after the rubric changes.
    RubricCriterion.objects.filter(question=essay_quiz["essay"]).update(description="Renamed")
    client.logout()
    client.force_login(learner)
    with translation.override("en"):
        review = client.get(reverse("quizzes:result", args=[attempt.pk])).content.decode()
    assert "Waiting for grading" not in review and "result-passed" in review
    assert "Qualifies the offence under Article 388" in review and "Renamed" not in review
    assert "Good qualification." in review
    assert "Marks: 8 of 10" in review
    assert "3 of 3" in review and "1 of 2" in review  # the rubric points


def test_a_second_essay_keeps_the_attempt_waiting_until_it_is_graded(
    learner, trainer, django_capture_on_commit_callbacks
):
    ensure_course_workflow()
    first, second = f.essay(), f.essay(marks=Decimal("5"))
    quiz = f.quiz_in_course(questions=[first, second], pass_mark=Decimal("50"))
    enrolment_create(user=learner, course=course_of(quiz))
    attempt = attempt_start(user=learner, quiz=quiz)
    rows = list(attempt.questions.order_by("slot"))
    attempt_save_responses(attempt=attempt, responses={aq.pk: ANSWER for aq in rows})
    attempt_submit(attempt=attempt)
    with django_capture_on_commit_callbacks(execute=True):
        essay_grade(attempt_question=rows[0], grader=trainer, mark=Decimal("10"))
    attempt.refresh_from_db()
    assert attempt.is_waiting_for_grading and attempt.score is None
    assert not mail.outbox
    with django_capture_on_commit_callbacks(execute=True):
        essay_grade(attempt_question=rows[1], grader=trainer, mark=Decimal("0"), feedback="Short.")
    attempt.refresh_from_db()
    assert attempt.score == Decimal("66.67") and attempt.passed is True
    assert len(mail.outbox) == 1
    # The learner's personal-data export has the grades and feedback, not the grader.
    from quizzes.personal_data import personal_data_quizzes

    answers = personal_data_quizzes(learner)["attempts"][0]["answers"]
    assert answers[1]["essay_grade"]["feedback"] == "Short." and "grader" not in str(answers)


def test_without_a_rubric_the_mark_is_between_zero_and_the_marks(
    client, mfa_login, trainer, learner
):
    ensure_course_workflow()
    quiz = f.quiz_in_course(questions=[f.essay(marks=Decimal("4"))])
    course_assign_trainer(course=course_of(quiz), user=trainer)
    enrolment_create(user=learner, course=course_of(quiz))
    attempt = attempt_start(user=learner, quiz=quiz)
    aq = attempt.questions.get()
    attempt_save_responses(attempt=attempt, responses={aq.pk: ANSWER})
    attempt_submit(attempt=attempt)
    mfa_login(client, trainer)
    url = reverse("quizzes_essays:grade", args=[aq.pk])
    assert client.post(url, {"mark": "5"}).status_code == 400
    assert client.post(url, {"mark": "-1"}).status_code == 400
    assert not EssayGrade.objects.exists()
    assert client.post(url, {"mark": "3"}).status_code == 302
    aq.refresh_from_db()
    assert aq.fraction == Decimal("0.75")


# --- Who may grade -------------------------------------------------------------------------------


def test_a_trainer_of_another_course_neither_sees_nor_grades_the_answer(
    client, mfa_login, learner, essay_quiz, tree
):
    attempt = _take(client, learner, essay_quiz["quiz"])
    client.logout()
    other = _other_trainer(tree)
    course_assign_trainer(course=f.quiz_in_course().get_parent().get_parent().specific, user=other)
    aq = attempt.questions.get(question__kind=QuestionKind.ESSAY)
    url = reverse("quizzes_essays:grade", args=[aq.pk])
    mfa_login(client, other)
    queue = client.get(reverse("quizzes_essays:queue"))
    assert queue.status_code == 200 and url not in queue.content.decode()
    assert client.get(url).status_code == 404
    assert client.post(url, {"points_0": "3", "points_1": "2"}).status_code == 404
    assert not EssayGrade.objects.exists()
    aq.refresh_from_db()
    assert aq.fraction is None


@pytest.mark.parametrize("who", ["learner", "manager_bg", "analyst"])
def test_learners_and_other_staff_cannot_reach_the_queue(
    client, mfa_login, learner, manager_bg, analyst, essay_quiz, who
):
    attempt = _take(client, learner, essay_quiz["quiz"])
    client.logout()
    user = {"learner": learner, "manager_bg": manager_bg, "analyst": analyst}[who]
    mfa_login(client, user)
    aq = attempt.questions.get(question__kind=QuestionKind.ESSAY)
    assert client.get(reverse("quizzes_essays:queue")).status_code in (302, 403)
    url = reverse("quizzes_essays:grade", args=[aq.pk])
    assert client.get(url).status_code in (302, 403)
    assert client.post(url, {"points_0": "3", "points_1": "2"}).status_code in (302, 403)
    assert not EssayGrade.objects.exists()


def test_an_administrator_sees_every_course_s_answers(
    client, mfa_login, administrator, learner, essay_quiz
):
    attempt = _take(client, learner, essay_quiz["quiz"])
    client.logout()
    administrator.is_superuser = True
    administrator.save()
    mfa_login(client, administrator)
    aq = attempt.questions.get(question__kind=QuestionKind.ESSAY)
    html = client.get(reverse("quizzes_essays:queue")).content.decode()
    assert reverse("quizzes_essays:grade", args=[aq.pk]) in html


# --- Escaping ---------------------------------------------------------------------------------


def test_html_in_an_essay_and_in_feedback_is_shown_as_text(
    client, mfa_login, trainer, learner, essay_quiz
):
    evil = "<script>alert('x')</script> <b>bold</b> and five more plain words here"
    attempt = _take(client, learner, essay_quiz["quiz"], essay_text=evil)
    aq = attempt.questions.get(question__kind=QuestionKind.ESSAY)
    assert aq.response == evil
    result = client.get(reverse("quizzes:result", args=[attempt.pk])).content.decode()
    assert "<script>alert" not in result and "<b>bold</b>" not in result
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in result
    client.logout()
    mfa_login(client, trainer)
    url = reverse("quizzes_essays:grade", args=[aq.pk])
    page = client.get(url).content.decode()
    assert "<script>alert" not in page and "&lt;b&gt;bold&lt;/b&gt;" in page
    client.post(url, {"points_0": "1", "points_1": "1", "feedback": "<img src=x onerror=y>"})
    client.logout()
    client.force_login(learner)
    review = client.get(reverse("quizzes:result", args=[attempt.pk])).content.decode()
    assert "<img src=x" not in review and "&lt;img src=x onerror=y&gt;" in review


# --- Reminders ------------------------------------------------------------------------------------


def test_trainers_are_reminded_once_per_period_of_answers_waiting_too_long(
    client, trainer, learner, essay_quiz, tree, settings
):
    attempt = _take(client, learner, essay_quiz["quiz"])
    other = _other_trainer(tree)  # of another course: never told
    course_assign_trainer(course=f.quiz_in_course().get_parent().get_parent().specific, user=other)
    now = timezone.now()
    assert essay_reminders_send(days=3, now=now) == 0  # waited less than 3 days
    Attempt.objects.filter(pk=attempt.pk).update(submitted_at=now - timedelta(days=4))
    assert essay_reminders_send(days=3, now=now) == 1
    assert [m.to for m in mail.outbox] == [[trainer.email]]
    assert reverse("quizzes_essays:queue") in mail.outbox[0].body
    assert essay_quiz["course"].title in mail.outbox[0].body
    assert essay_reminders_send(days=3, now=now + timedelta(days=1)) == 0  # once per period
    settings.QUIZ_ESSAY_REMINDER_DAYS = 3
    call_command("send_essay_grading_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(mail.outbox) == 1
    assert essay_reminders_send(days=3, now=now + timedelta(days=3, minutes=1)) == 1
    # Graded: no more reminders.
    aq = attempt.questions.get(question__kind=QuestionKind.ESSAY)
    essay_grade(attempt_question=aq, grader=trainer, points=[1, 1])
    assert essay_reminders_send(days=3, now=now + timedelta(days=30)) == 0


# --- Regrade and statistics -----------------------------------------------------------------


def test_a_regrade_keeps_the_trainer_s_grade(client, trainer, learner, essay_quiz):
    attempt = _take(client, learner, essay_quiz["quiz"])
    aq = attempt.questions.get(question__kind=QuestionKind.ESSAY)
    essay_grade(attempt_question=aq, grader=trainer, points=[1, 1])  # 0.4
    attempt.refresh_from_db()
    assert attempt.score == Decimal("45.45")  # (4 + 1) / 11
    # The essay's text and the single choice's key are edited: both get a new version.
    essay = essay_quiz["essay"]
    essay.text = "<p>Analyse the case again.</p>"
    essay.save()
    essay_quiz["single"].options.filter(text="Exploitation").update(fraction=0)
    regrade_apply(quiz=essay_quiz["quiz"], actor=trainer)
    aq.refresh_from_db()
    assert aq.version.number == 2 and aq.fraction == Decimal("0.4")
    attempt.refresh_from_db()
    assert attempt.score == Decimal("36.36")  # 4 / 11: only the key changed the score


def test_statistics_leave_out_waiting_attempts_and_read_graded_essays(
    client, trainer, learner, other_learner, essay_quiz
):
    enrolment_create(user=other_learner, course=essay_quiz["course"])
    waiting = _take(client, learner, essay_quiz["quiz"])
    graded = _take(client, other_learner, essay_quiz["quiz"])
    aq = graded.questions.get(question__kind=QuestionKind.ESSAY)
    essay_grade(attempt_question=aq, grader=trainer, points=[3, 2])
    stats = quiz_statistics(quiz=essay_quiz["quiz"])
    assert stats.attempts == 1 and stats.mean_score == 100
    essay_item = next(i for i in stats.items if i.question_id == essay_quiz["essay"].pk)
    assert essay_item.facility == 100 and essay_item.options == []
    # The waiting attempt is not a failure anywhere: no result, not counted.
    assert not QuizResult.objects.filter(user=learner).exists()
    assert Attempt.objects.get(pk=waiting.pk).passed is None


# --- The rubric in the question editor ------------------------------------------------------------


def test_a_trainer_gives_an_essay_a_rubric_in_the_editor_and_it_is_versioned(
    client, mfa_login, trainer, trainer_course
):
    from wagtail.test.utils.form_data import inline_formset

    from quizzes.models import QuestionCategory

    from .test_versions import question_form_data

    category = QuestionCategory.objects.create(name="Essays", course=trainer_course)
    essay = f.essay(category=category)
    single = f.single_choice(category=category)
    mfa_login(client, trainer)
    rubric = inline_formset(
        [
            {"description": "Qualifies the offence", "max_points": "3", "ORDER": "1"},
            {"description": "Names the means", "max_points": "2", "ORDER": "2"},
        ]
    )
    url = f"/admin/snippets/quizzes/question/edit/{essay.pk}/"
    response = client.post(url, question_form_data(essay, rubric=rubric))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert [(c.description, c.max_points) for c in essay.rubric.order_by("sort_order")] == [
        ("Qualifies the offence", Decimal("3")),
        ("Names the means", Decimal("2")),
    ]
    latest = essay.versions.order_by("-number").first()
    assert [c["description"] for c in latest.snapshot["essay"]["rubric"]] == [
        "Qualifies the offence",
        "Names the means",
    ]
    # A rubric is for essays only.
    url = f"/admin/snippets/quizzes/question/edit/{single.pk}/"
    response = client.post(url, question_form_data(single, rubric=rubric))
    assert response.status_code == 200
    assert "A rubric is only for essay questions" in response.content.decode()
    assert not single.rubric.exists()


def test_a_long_essay_is_measured_as_the_box_counts_it(client, learner, essay_quiz):
    """The text box allows 50,000 characters, counting a line break once; the browser sends
    it as CRLF, which must not make a full answer "too long" (the page would be refused)."""
    client.force_login(learner)
    client.post(reverse("quizzes:start", args=[essay_quiz["quiz"].pk]))
    attempt = Attempt.objects.get(user=learner)
    text = "word\r\n" * 9_999  # 49,995 characters in the box, 59,994 sent
    assert _answer_page(client, attempt, essay_text=text).status_code == 302
    saved = attempt.questions.get(question__kind=QuestionKind.ESSAY).response
    assert saved == text.replace("\r\n", "\n")
    assert _answer_page(client, attempt, essay_text="x" * 50_001).status_code == 400

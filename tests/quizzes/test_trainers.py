"""Trainers' tools: regrade (dry run, confirm, who did it, results and course progress) and
item statistics with CSV / XLSX export; nobody else gets in."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from courses.authoring import course_assign_trainer, ensure_course_workflow
from courses.models import Enrolment, StepCompletion
from courses.selectors import course_of
from courses.services import enrolment_create
from quizzes import factories as f
from quizzes.models import Attempt, QuizResult, Regrade
from quizzes.services import attempt_save_responses, attempt_start, attempt_submit
from quizzes.statistics import quiz_statistics

from .conftest import option_id

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting(trainer, learner, other_learner):
    ensure_course_workflow()
    single = f.single_choice()
    tf = f.true_false(answer=True)
    quiz = f.quiz_in_course(questions=[single, tf], pass_mark=Decimal("100"))
    course = course_of(quiz)
    course_assign_trainer(course=course, user=trainer)
    for user in (learner, other_learner):
        enrolment_create(user=user, course=course)
    return {"quiz": quiz, "course": course, "single": single, "tf": tf}


def take(user, quiz, answers: dict):
    """answers: {question: response}"""
    attempt = attempt_start(user=user, quiz=quiz)
    responses = {
        aq.pk: answers.get(aq.question) for aq in attempt.questions.select_related("question")
    }
    attempt_save_responses(attempt=attempt, responses=responses)
    return attempt_submit(attempt=attempt)


def test_regrade_dry_run_lists_changes_and_confirm_applies_them(
    client, mfa_login, trainer, learner, other_learner, setting
):
    quiz, single, tf = setting["quiz"], setting["single"], setting["tf"]
    # The learner chose "Deception", wrongly keyed as wrong; the other learner "Exploitation".
    first = take(learner, quiz, {single: option_id(single, "Deception"), tf: True})
    take(other_learner, quiz, {single: option_id(single, "Exploitation"), tf: True})
    assert first.passed is False
    assert not StepCompletion.objects.filter(enrolment__user=learner).exists()

    # The trainer corrects the key: "Deception" is right too.
    single.options.filter(text="Deception").update(fraction=1)
    mfa_login(client, trainer)
    url = reverse("quizzes_admin:regrade", args=[quiz.pk])
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert learner.get_full_name() in html
    # Both attempts would move from version 1 to 2 of the question; only one score changes.
    changes = html.split('id="regrade-changes"')[1]
    assert other_learner.get_full_name() in changes
    assert changes.count("1 → 2") == 2
    first.refresh_from_db()
    assert first.score == 50  # the dry run changed nothing
    assert set(first.questions.values_list("version__number", flat=True)) == {1}
    assert single.versions.count() == 1  # nor wrote a version

    response = client.post(url)
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.score == 100 and first.passed is True
    regrade = Regrade.objects.get()
    assert regrade.actor == trainer and regrade.attempts_changed == 2
    assert set(first.questions.values_list("version__number", flat=True)) == {1, 2}
    assert regrade.changes[0]["moves"][0]["from_version"] == 1
    result = QuizResult.objects.get(user=learner, quiz=quiz)
    assert result.passed and result.score == 100
    enrolment = Enrolment.objects.get(user=learner)
    assert StepCompletion.objects.filter(enrolment=enrolment, page_id=quiz.pk).exists()
    assert enrolment.completed_at is not None


def test_regrade_that_fails_a_pass_withdraws_the_step(trainer, learner, setting):
    from quizzes.services import regrade_apply

    quiz, single, tf = setting["quiz"], setting["single"], setting["tf"]
    take(learner, quiz, {single: option_id(single, "Exploitation"), tf: True})
    assert StepCompletion.objects.filter(page_id=quiz.pk).exists()
    tf.true_false_answer = False
    tf.save()
    regrade_apply(quiz=quiz, actor=trainer)
    assert QuizResult.objects.get(user=learner).passed is False
    assert not StepCompletion.objects.filter(page_id=quiz.pk).exists()


@pytest.mark.parametrize("who", ["learner", "other_trainer", "manager_bg", "analyst"])
def test_only_the_courses_trainers_reach_regrade_and_statistics(
    client, mfa_login, setting, who, learner, manager_bg, analyst, tree
):
    from accounts.factories import UserFactory
    from accounts.models import Role

    user = {
        "learner": learner,
        "manager_bg": manager_bg,
        "analyst": analyst,
        "other_trainer": UserFactory(institution=tree["ministry"], roles=[(Role.TRAINER, None)]),
    }[who]
    take(learner, setting["quiz"], {})
    mfa_login(client, user)
    for name in ("quizzes_admin:regrade", "quizzes_admin:statistics"):
        url = reverse(name, args=[setting["quiz"].pk])
        assert client.get(url).status_code in (302, 403)
        assert client.get(url + "?export=csv").status_code in (302, 403)
    assert client.post(reverse("quizzes_admin:regrade", args=[setting["quiz"].pk])).status_code in (
        302,
        403,
    )
    assert not Regrade.objects.exists()


def test_item_statistics_facility_discrimination_and_option_shares(
    learner, other_learner, setting, tree
):
    from accounts.factories import UserFactory

    quiz, single, tf = setting["quiz"], setting["single"], setting["tf"]
    third = UserFactory(institution=tree["station_bg"])
    enrolment_create(user=third, course=setting["course"])
    take(learner, quiz, {single: option_id(single, "Exploitation"), tf: True})
    take(other_learner, quiz, {single: option_id(single, "Recruitment"), tf: False})
    take(third, quiz, {single: option_id(single, "Exploitation"), tf: False})
    with translation.override("en"):
        stats = quiz_statistics(quiz=quiz)
    assert stats.attempts == 3
    assert stats.mean_score == pytest.approx((100 + 0 + 50) / 3, abs=0.01)
    by_name = {item.question_id: item for item in stats.items}
    item = by_name[single.pk]
    assert item.facility == pytest.approx(66.7)
    # rest scores (the true/false): 1, 0, 0 against 1, 0, 1 → r = 0.5
    assert item.discrimination == pytest.approx(50.0)
    assert dict(item.options) == {"Recruitment": 33.3, "Exploitation": 66.7, "Deception": 0.0}
    assert dict(by_name[tf.pk].options) == {"True": 33.3, "False": 66.7}


def test_statistics_export_csv_and_xlsx(client, mfa_login, trainer, learner, setting):
    from openpyxl import load_workbook

    quiz, single = setting["quiz"], setting["single"]
    take(learner, quiz, {single: option_id(single, "Exploitation")})
    mfa_login(client, trainer)
    url = reverse("quizzes_admin:statistics", args=[quiz.pk])
    assert client.get(url).status_code == 200
    rows = list(csv.reader(io.StringIO(client.get(url + "?export=csv").content.decode())))
    assert len(rows) == 3 and rows[1][1] == "1" and rows[1][3] == "1"  # version 1, 1 attempt
    book = load_workbook(io.BytesIO(client.get(url + "?export=xlsx").content))
    assert book.active.max_row == 3
    assert Attempt.objects.count() == 1


def test_trainers_may_write_questions_in_the_bank_and_learners_may_not(
    client, mfa_login, trainer, learner
):
    url = "/admin/snippets/quizzes/question/add/"
    mfa_login(client, trainer)
    assert client.get(url).status_code == 200
    client.logout()
    mfa_login(client, learner)
    assert client.get(url).status_code in (302, 403)

"""Question versions: an attempt is shown and graded against the versions it started with;
editing a question writes a new version only when what learners see or are graded on
changed; only the regrade screen moves attempts to a new version."""

from decimal import Decimal

import pytest
from django.urls import reverse

from courses.authoring import course_assign_trainer
from courses.selectors import course_of
from courses.services import enrolment_create
from quizzes import factories as f
from quizzes.models import AttemptQuestion, QuestionVersion
from quizzes.services import attempt_save_responses, attempt_start, attempt_submit, regrade_apply
from quizzes.versions import question_versions_sync

from .conftest import option_id

pytestmark = pytest.mark.django_db


def quiz_for(learner, *questions, **quiz_kwargs):
    quiz = f.quiz_in_course(questions=list(questions), **quiz_kwargs)
    enrolment_create(user=learner, course=course_of(quiz))
    return quiz


def question_form_data(question, **changes):
    """The admin edit form's POST data for `question` as it stands, with `changes`."""
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

    options = [
        {
            "id": o.pk,
            "text": o.text,
            "fraction": str(o.fraction),
            "feedback": o.feedback,
            "match_text": o.match_text,
            "ORDER": str(i),
        }
        for i, o in enumerate(question.options.order_by("sort_order"), 1)
    ]
    rubric = [
        {"id": c.pk, "description": c.description, "max_points": str(c.max_points), "ORDER": str(i)}
        for i, c in enumerate(question.rubric.order_by("sort_order"), 1)
    ]
    data = {
        "name": question.name,
        "kind": question.kind,
        "category": question.category_id,
        "language": question.language,
        "text": rich_text(question.text),
        "marks": str(question.marks),
        "general_feedback": rich_text(question.general_feedback or ""),
        "shuffle_options": "on" if question.shuffle_options else "",
        "true_false_answer": {True: "true", False: "false", None: ""}[question.true_false_answer],
        "numeric_answer": "" if question.numeric_answer is None else str(question.numeric_answer),
        "numeric_tolerance": str(question.numeric_tolerance),
        "scenario": question.scenario_id or "",
        "scenario_position": str(question.scenario_position),
        "case": question.case_id or "",
        "tags": "",
        "options": inline_formset(options, initial=len(options)),
        "rubric": inline_formset(rubric, initial=len(rubric)),
    }
    data.update(changes)
    return nested_form_data(data)


def answer(attempt, question, response):
    aq = attempt.questions.get(question=question)
    attempt_save_responses(attempt=attempt, responses={aq.pk: response})
    return aq


def test_key_changed_while_an_attempt_is_open_grades_it_against_its_start_version(learner):
    single = f.single_choice()
    quiz = quiz_for(learner, single, pass_mark=Decimal("100"))
    attempt = attempt_start(user=learner, quiz=quiz)
    answer(attempt, single, option_id(single, "Exploitation"))
    # The trainer rekeys the question while the attempt is open: "Deception" is now right.
    single.options.filter(text="Exploitation").update(fraction=0)
    single.options.filter(text="Deception").update(fraction=1)
    question_versions_sync(question_ids=[single.pk])
    assert single.versions.count() == 2

    attempt = attempt_submit(attempt=attempt)
    assert attempt.score == 100 and attempt.passed
    assert attempt.questions.get().version.number == 1


def test_admin_edit_of_the_key_during_an_open_attempt_does_not_touch_it(
    client, mfa_login, trainer, learner
):
    category = f.QuestionCategoryFactory()
    tf = f.true_false(answer=True, category=category)
    quiz = quiz_for(learner, tf)
    course_assign_trainer(course=course_of(quiz), user=trainer)
    category.course = course_of(quiz)
    category.save()
    attempt = attempt_start(user=learner, quiz=quiz)
    answer(attempt, tf, True)

    mfa_login(client, trainer)
    response = client.post(
        reverse("wagtailsnippets_quizzes_question:edit", args=[tf.pk]),
        question_form_data(tf, true_false_answer="false"),
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    assert [v.number for v in tf.versions.all()] == [1, 2]
    assert tf.versions.get(number=2).created_by == trainer

    attempt = attempt_submit(attempt=attempt)
    assert attempt.score == 100  # graded on version 1, where "true" was right


def test_new_attempt_starts_on_the_latest_version(learner):
    tf = f.true_false(answer=True)
    quiz = quiz_for(learner, tf, attempts_allowed=2)
    first = attempt_start(user=learner, quiz=quiz)
    answer(first, tf, True)
    attempt_submit(attempt=first)
    tf.true_false_answer = False
    tf.save()
    second = attempt_start(user=learner, quiz=quiz)
    assert second.questions.get().version.number == 2
    answer(second, tf, True)
    assert attempt_submit(attempt=second).score == 0
    first.refresh_from_db()
    assert first.score == 100  # untouched until a regrade


def test_changes_learners_never_see_write_no_version(learner):
    single = f.single_choice()
    question_versions_sync(question_ids=[single.pk])
    single.name = "Renamed in the bank"
    single.language = "en"
    single.audience_professions = ["police"]
    single.save()
    single.tags.add("renamed")
    # Renumbering the options without changing their order is no change either.
    for index, option in enumerate(single.options.order_by("sort_order")):
        option.sort_order = 10 + index
        option.save()
    question_versions_sync(question_ids=[single.pk])
    assert single.versions.count() == 1
    single.text = "<p>Reworded</p>"
    single.save()
    question_versions_sync(question_ids=[single.pk])
    assert single.versions.count() == 2


def test_a_deleted_option_still_grades_and_shows_for_attempts_on_the_old_version(client, learner):
    single = f.single_choice()
    quiz = quiz_for(learner, single)
    attempt = attempt_start(user=learner, quiz=quiz)
    right = option_id(single, "Exploitation")
    answer(attempt, single, right)
    single.options.filter(pk=right).delete()
    question_versions_sync(question_ids=[single.pk])
    client.force_login(learner)
    html = client.get(reverse("quizzes:attempt", args=[attempt.pk])).content.decode()
    assert "Exploitation" in html  # the page shows version 1's options
    assert attempt_submit(attempt=attempt).score == 100


def test_scenario_vignette_is_pinned_with_its_sub_questions(client, learner):
    scenario, sub_a, sub_b = f.scenario()
    quiz = quiz_for(learner, scenario)
    attempt = attempt_start(user=learner, quiz=quiz)
    scenario.text = "<p>REWRITTEN-VIGNETTE</p>"
    scenario.save()
    versions = question_versions_sync(question_ids=[scenario.pk])
    # Editing the vignette gives each sub-question a new version carrying the new text.
    assert versions[sub_a.pk].number == 2 and versions[sub_b.pk].number == 2
    assert versions[sub_a.pk].snapshot["scenario"]["text"] == "<p>REWRITTEN-VIGNETTE</p>"
    client.force_login(learner)
    html = client.get(reverse("quizzes:attempt", args=[attempt.pk])).content.decode()
    assert "A man recruits a girl by deception" in html
    assert "REWRITTEN-VIGNETTE" not in html


def test_versions_are_never_changed(learner):
    single = f.single_choice()
    (version,) = question_versions_sync(question_ids=[single.pk]).values()
    version.snapshot = {"kind": "single"}
    with pytest.raises(ValueError):
        version.save()


def test_a_question_with_attempts_keeps_its_versions(learner):
    from django.db.models import ProtectedError

    single = f.single_choice()
    quiz = quiz_for(learner, single)
    attempt_start(user=learner, quiz=quiz)
    with pytest.raises(ProtectedError):
        QuestionVersion.objects.filter(question=single).delete()
    with pytest.raises(ProtectedError):
        single.delete()


def test_regrade_moves_closed_attempts_and_leaves_open_ones(trainer, learner, other_learner):
    tf = f.true_false(answer=True)
    quiz = quiz_for(learner, tf)
    enrolment_create(user=other_learner, course=course_of(quiz))
    closed = attempt_start(user=learner, quiz=quiz)
    answer(closed, tf, False)
    attempt_submit(attempt=closed)
    still_open = attempt_start(user=other_learner, quiz=quiz)
    answer(still_open, tf, True)

    tf.true_false_answer = False
    tf.save()  # no version written: the regrade writes it
    regrade = regrade_apply(quiz=quiz, actor=trainer)
    closed.refresh_from_db()
    assert closed.score == 100 and regrade.attempts_changed == 1
    assert AttemptQuestion.objects.get(attempt=closed).version.number == 2
    assert tf.versions.get(number=2).created_by == trainer
    # The open attempt keeps version 1 and is graded on it.
    assert AttemptQuestion.objects.get(attempt=still_open).version.number == 1
    assert attempt_submit(attempt=still_open).score == 100


def test_regrade_preview_says_which_version_each_attempt_moves_between(trainer, learner):
    from quizzes.services import regrade_preview

    single = f.single_choice()
    quiz = quiz_for(learner, single)
    attempt = attempt_start(user=learner, quiz=quiz)
    answer(attempt, single, option_id(single, "Deception"))
    attempt_submit(attempt=attempt)
    single.options.filter(text="Deception").update(fraction=1)
    question_versions_sync(question_ids=[single.pk])
    (change,) = regrade_preview(quiz=quiz)
    (move,) = change.moves
    assert (move.from_version, move.to_version) == (1, 2)
    assert (move.old_fraction, move.new_fraction) == (Decimal("0"), Decimal("1"))
    assert change.old_score == 0 and change.new_score == 100
    attempt.refresh_from_db()
    assert attempt.score == 0
    assert AttemptQuestion.objects.get(attempt=attempt).version.number == 1


def test_marks_changed_in_a_new_version_follow_on_regrade(trainer, learner):
    single, tf = f.single_choice(), f.true_false(answer=True)
    quiz = quiz_for(learner, single, tf)
    attempt = attempt_start(user=learner, quiz=quiz)
    answer(attempt, tf, True)
    attempt = attempt_submit(attempt=attempt)
    assert attempt.score == 50
    single.marks = Decimal("3")
    single.save()
    regrade_apply(quiz=quiz, actor=trainer)
    attempt.refresh_from_db()
    assert attempt.marks_total == 4 and attempt.score == 25


def test_backfill_migration_maps_categories_used_by_one_course():
    """The data migration's category mapping, run on today's models: a course's categories
    under a shared root become that course's top category; an unused one stays national."""
    import importlib

    from django.apps import apps

    from quizzes.models import QuestionCategory, QuizSlot

    migration = importlib.import_module("quizzes.migrations.0004_backfill_question_versions")
    root = QuestionCategory.objects.create(name="Demo")
    course_a = QuestionCategory.objects.create(name="Course A bank", parent=root)
    module_a = QuestionCategory.objects.create(name="Module A", parent=course_a)
    course_b = QuestionCategory.objects.create(name="Course B bank", parent=root)
    unused = QuestionCategory.objects.create(name="Unused", parent=root)
    quiz_a = f.quiz_in_course(questions=[f.single_choice(category=module_a)])
    quiz_b = f.quiz_in_course()
    QuizSlot.objects.create(page=quiz_b, category=course_b, draw_count=1, sort_order=0)

    migration.categories_forward(apps, None)
    for category in (root, course_a, module_a, course_b, unused):
        category.refresh_from_db()
    assert course_a.parent_id is None and course_a.course_id == course_of(quiz_a).pk
    assert module_a.parent_id == course_a.pk and module_a.course_id == course_of(quiz_a).pk
    assert course_b.parent_id is None and course_b.course_id == course_of(quiz_b).pk
    assert root.course_id is None and unused.course_id is None and unused.parent_id == root.pk


def test_regrade_preview_costs_the_same_queries_for_more_attempts(tree):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from accounts.factories import UserFactory
    from quizzes.services import regrade_preview

    single, tf = f.single_choice(), f.true_false(answer=True)
    quiz = f.quiz_in_course(questions=[single, tf], attempts_allowed=0)
    counts = []
    for _round in range(2):
        for _ in range(3):
            learner = UserFactory(institution=tree["station_bg"])
            enrolment_create(user=learner, course=course_of(quiz))
            attempt = attempt_start(user=learner, quiz=quiz)
            answer(attempt, tf, True)
            attempt_submit(attempt=attempt)
        with CaptureQueriesContext(connection) as queries:
            regrade_preview(quiz=quiz)
        counts.append(len(queries))
    assert counts[0] == counts[1]

"""The demo's pre- and post-tests (`demo_content/knowledge_tests.yaml`): the `KnowledgeTest`
of a past training and the participants' graded attempts of both quizzes, written as the
quiz app writes them (the questions' current versions, options in the order shown, each
response graded by quizzes' own `grade`, the score from the marks, a `QuizResult`).

Scores are planned per person from a seed of their own, so every load plans the same; the
answers are then chosen to give that score. Idempotent: the test is found by its training,
and a person who already has an attempt of a quiz gets no other."""

from __future__ import annotations

import random
from collections import Counter
from contextlib import contextmanager
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from config.api import demo_file_read, demo_folder
from courses.api import course_of
from quizzes.api import (
    Attempt,
    AttemptQuestion,
    AttemptState,
    Question,
    QuestionKind,
    QuizPage,
    QuizResult,
    grade,
    option_order,
    question_versions_current,
)
from trainings.api import Attendance, AttendanceMark, TrainingPage

from .models import KnowledgeTest

FOLDER = demo_folder(__file__)
HUNDRED = Decimal("100")
# The kinds whose right and wrong responses the demo writes.
KINDS = (QuestionKind.SINGLE, QuestionKind.TRUE_FALSE)


def demo_knowledge_tests(folder: Path | None = None) -> list[dict]:
    file = demo_file_read((FOLDER if folder is None else folder) / "knowledge_tests.yaml")
    tests = []
    for index, row in enumerate(file.items(file.data, "")):
        place = f"[{index}]"
        file.check(
            row,
            place,
            required=("training", "pre_test", "post_test", "pre_scores"),
            optional=("not_improved", "full_marks_before"),
        )
        low, high = (int(n) for n in file.items(row["pre_scores"], f"{place}.pre_scores"))
        if not 0 <= low <= high <= 100:
            raise file.error(f"{place}.pre_scores", "expected two scores from 0 to 100, low first")
        tests.append(
            {
                "training": file.text(row["training"], f"{place}.training"),
                "pre_test": file.text(row["pre_test"], f"{place}.pre_test"),
                "post_test": file.text(row["post_test"], f"{place}.post_test"),
                "pre_scores": (low, high),
                "not_improved": int(row.get("not_improved", 0)),
                "full_marks_before": [
                    file.text(e, f"{place}.full_marks_before")
                    for e in file.items(row.get("full_marks_before", []), place)
                ],
            }
        )
    return tests


def load_knowledge_tests(folder: Path | None = None) -> Counter:
    counts: Counter = Counter()
    for spec in demo_knowledge_tests(folder):
        training = _serbian(TrainingPage, spec["training"])
        pre, post = _serbian(QuizPage, spec["pre_test"]), _serbian(QuizPage, spec["post_test"])
        if training is None or pre is None or post is None:
            continue  # a demo without that training or those quizzes
        with transaction.atomic():
            test, created = KnowledgeTest.objects.get_or_create(
                training=training, defaults={"pre_test": pre, "post_test": post}
            )
            if (test.pre_test_id, test.post_test_id) != (pre.pk, post.pk):
                test.pre_test, test.post_test = pre, post
                test.save(update_fields=["pre_test", "post_test"])
            counts["tests"] += created
            counts["attempts"] += _scores_write(spec, training, pre, post)
    return counts


def _serbian(model, slug: str):
    return model.objects.filter(slug=slug, locale__language_code="sr").order_by("pk").first()


def _planned_scores(spec: dict, emails: list[str]) -> dict[str, tuple[int, int]]:
    """email → (pre, post): the same plan on every load for the same people."""
    low, high = spec["pre_scores"]
    full = set(spec["full_marks_before"])
    others = [e for e in emails if e not in full]
    plan_rng = random.Random(f"{spec['training']}|not improved")  # noqa: S311 (demo data)
    stuck = set(plan_rng.sample(others, min(spec["not_improved"], len(others))))
    plan = {}
    for email in emails:
        if email in full:
            plan[email] = (100, 100)
            continue
        rng = random.Random(f"{spec['training']}|{email}")  # noqa: S311 (demo data)
        pre = rng.randint(low, high)
        if email in stuck:
            post = pre - rng.choice((0, 10))
        else:
            post = min(100, pre + rng.choice((10, 15, 20, 25, 30, 35)))
        plan[email] = (pre, post)
    return plan


def _scores_write(spec: dict, training, pre_quiz, post_quiz) -> int:
    sessions = list(training.sessions.filter(cancelled_at__isnull=True).order_by("starts_at"))
    if not sessions or sessions[-1].ends_at > timezone.now():
        return 0
    first, last = sessions[0], sessions[-1]
    came = Attendance.objects.filter(
        session__in=[first, last],
        mark__in=[AttendanceMark.PRESENT, AttendanceMark.PARTLY],
        registration__training=training,
    ).values_list("session_id", "registration__user_id")
    took = {first.pk: set(), last.pk: set()}
    for session_id, user_id in came:
        took[session_id].add(user_id)
    people = list(
        get_user_model().objects.filter(pk__in=took[first.pk] | took[last.pk]).order_by("email")
    )
    plan = _planned_scores(spec, [u.email for u in people])
    writes: list[tuple[Attempt, list[AttemptQuestion]]] = []
    results: list[QuizResult] = []
    for quiz, session, which, when in (
        (pre_quiz, first, 0, first.starts_at - timedelta(minutes=40)),
        (post_quiz, last, 1, last.ends_at - timedelta(minutes=40)),
    ):
        kit = _kit(quiz)
        done = set(Attempt.objects.filter(quiz=quiz).values_list("user_id", flat=True))
        course = course_of(quiz)
        for offset, user in enumerate(people):
            if user.pk in done or user.pk not in took[session.pk]:
                continue
            rng = random.Random(f"{quiz.slug}|{user.email}")  # noqa: S311 (demo data)
            started = when + timedelta(minutes=offset % 7, seconds=offset * 13 % 60)
            attempt, rows = _attempt(kit, quiz, user, plan[user.email][which], started, rng)
            writes.append((attempt, rows))
            if course is not None:
                results.append(
                    QuizResult(
                        user=user,
                        quiz=quiz,
                        course=course,
                        score=attempt.score,
                        passed=attempt.passed,
                        attempts_count=1,
                        updated_at=attempt.submitted_at,
                    )
                )
    with _dates_as_given(
        Attempt._meta.get_field("started_at"), QuizResult._meta.get_field("updated_at")
    ):
        Attempt.objects.bulk_create([a for a, _rows in writes])
        for attempt, rows in writes:
            for row in rows:
                row.attempt = attempt
        AttemptQuestion.objects.bulk_create([r for _a, rows in writes for r in rows])
        QuizResult.objects.bulk_create(results)
    return len(writes)


@contextmanager
def _dates_as_given(*fields):
    """Attempts start (and results change) when the plan says, not when the demo is loaded
    (as ops.demo_history writes its attempts)."""
    saved = [(f, f.auto_now, f.auto_now_add) for f in fields]
    for f in fields:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in saved:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


def _kit(quiz) -> tuple[list[Question], dict]:
    """The quiz's questions (fixed slots, in order) and their current versions."""
    ids = [s.question_id for s in quiz.slots.order_by("sort_order") if s.question_id]
    by_id = Question.objects.prefetch_related("options").in_bulk(ids)
    questions = [by_id[pk] for pk in ids]
    if any(q.kind not in KINDS for q in questions):
        raise ValueError(f"{quiz.slug}: the demo answers single-choice and true/false only")
    return questions, question_versions_current(questions=questions)


def _attempt(kit, quiz, user, target: int, started, rng: random.Random):
    """A submitted, graded attempt of `target` or just under (as the number of questions
    allows): that share of them answered right (which ones, drawn), the rest wrong."""
    questions, versions = kit
    right = set(rng.sample(range(len(questions)), len(questions) * target // 100))
    rows, page, on_page = [], 1, 0
    for slot, question in enumerate(questions, 1):
        if on_page >= quiz.questions_per_page:
            page, on_page = page + 1, 0
        on_page += 1
        version = versions[question.pk]
        content = version.content
        order = option_order(content, shuffle=quiz.shuffle_options, rng=rng)
        response = _response(content, knows=slot - 1 in right, rng=rng)
        rows.append(
            AttemptQuestion(
                question_id=question.pk,
                version=version,
                slot=slot,
                page=page,
                option_order=order,
                marks=question.marks,
                response=response,
                fraction=grade(content, response),
            )
        )
    total = sum((r.marks for r in rows), Decimal("0"))
    obtained = sum((r.marks * r.fraction for r in rows), Decimal("0"))
    score = (HUNDRED * obtained / total).quantize(Decimal("0.01")) if total else Decimal("0")
    submitted = started + timedelta(minutes=rng.randint(8, 14), seconds=rng.randint(0, 59))
    attempt = Attempt(
        user=user,
        quiz=quiz,
        served_from=quiz,
        number=1,
        max_attempts=quiz.attempts_allowed,
        state=AttemptState.SUBMITTED,
        started_at=started,
        deadline=None,
        submitted_at=submitted,
        graded_at=submitted,
        marks_obtained=obtained.quantize(Decimal("0.01")),
        marks_total=total,
        score=score,
        passed=score >= quiz.pass_mark,
    )
    return attempt, rows


def _response(question, *, knows: bool, rng: random.Random):
    """A response as the quiz form stores it: the right one, or a wrong one."""
    if question.kind == QuestionKind.TRUE_FALSE:
        return question.true_false_answer if knows else not question.true_false_answer
    options = list(question.options.all())
    best = max(options, key=lambda o: o.fraction)
    wrong = [o.pk for o in options if o.fraction <= 0]
    return best.pk if knows or not wrong else rng.choice(wrong)

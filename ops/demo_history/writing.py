"""Writing the planned history: enrolments, steps done, quiz attempts, certificates."""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from accounts.api import Role, RoleAssignment, User
from certificates.api import certificates_record_many
from courses.api import CoursePage, Enrolment, EnrolmentSource, LessonPage, StepCompletion
from quizzes.api import (
    Attempt,
    AttemptQuestion,
    Question,
    QuestionKind,
    QuizPage,
    QuizResult,
    question_versions_current,
)

from .attempts import CourseKit, QuizKit, _quiz_history
from .plan import (
    COMPLETED,
    FINAL_FAILED,
    MODULE_PASSED,
    NOT_STARTED,
    READING,
    SEED,
    Cohort,
    Plan,
)


@contextmanager
def _dates_as_given(*fields) -> Iterator[None]:
    """Let bulk_create store the dates we give instead of "now" (auto_now / auto_now_add
    fields), for the duration of the block. For a management command only."""
    saved = [(f, f.auto_now, f.auto_now_add) for f in fields]
    for f in fields:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in saved:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


def _enrolled_at(plan: Plan, cohort: Cohort, index: int) -> datetime:
    """A cohort enrolled by a manager comes in together; self-enrolled people over a few
    days. Always within the cohort's month."""
    day = plan.month_start(cohort.month) + timedelta(days=cohort.enrol_day - 1, hours=9)
    if cohort.source == EnrolmentSource.MANAGER:
        return day + timedelta(minutes=2 * (index % 7), seconds=index)
    return day + timedelta(days=index % 4, hours=index % 7, minutes=(index * 17) % 60)


def _course_kit(course: CoursePage) -> CourseKit:
    lessons = list(
        LessonPage.objects.live()
        .filter(path__startswith=course.path, required=True)
        .order_by("path")
    )
    quizzes = list(
        QuizPage.objects.live().filter(path__startswith=course.path, required=True).order_by("path")
    )
    module = next((q for q in quizzes if not q.is_final), None)
    final = next((q for q in quizzes if q.is_final), None)
    return CourseKit(
        course=course,
        lessons=lessons,
        module_quiz=_quiz_kit(module) if module else None,
        final_quiz=_quiz_kit(final) if final else None,
    )


def _quiz_kit(quiz: QuizPage) -> QuizKit:
    slots = list(quiz.slots.select_related("category").order_by("sort_order"))
    fixed_ids = [s.question_id for s in slots if s.question_id]
    draws = []
    for slot in slots:
        if slot.question_id:
            continue
        pool = list(
            Question.objects.filter(
                category_id__in=slot.category.subtree_ids(), scenario__isnull=True, language="sr"
            )
            .exclude(pk__in=fixed_ids)
            .order_by("pk")
        )
        draws.append((pool, slot.draw_count))
    in_pools = [q.pk for pool, _n in draws for q in pool]
    questions = Question.objects.prefetch_related("options").in_bulk(fixed_ids + in_pools)
    subs: dict[int, list[Question]] = defaultdict(list)
    scenario_ids = [pk for pk, q in questions.items() if q.kind == QuestionKind.SCENARIO]
    for sub in (
        Question.objects.filter(scenario_id__in=scenario_ids)
        .prefetch_related("options")
        .order_by("scenario_position", "pk")
    ):
        subs[sub.scenario_id].append(sub)
    scenarios = {pk: questions[pk] for pk in scenario_ids}
    gradable = [q for q in questions.values() if q.kind != QuestionKind.SCENARIO]
    gradable += [s for parts in subs.values() for s in parts]
    versions = question_versions_current(questions=gradable, scenarios=scenarios)
    return QuizKit(
        quiz=quiz,
        fixed=[questions[pk] for pk in fixed_ids],
        draws=[([questions[q.pk] for q in pool], n) for pool, n in draws],
        subs=subs,
        versions=versions,
    )


@dataclass
class Writes:
    enrolments: list[Enrolment] = field(default_factory=list)
    steps: list[tuple[int, StepCompletion]] = field(default_factory=list)
    attempts: list[tuple[int, Attempt, list[AttemptQuestion]]] = field(default_factory=list)
    results: list[QuizResult] = field(default_factory=list)


def _history_write(plan: Plan, users: dict[str, User]) -> dict:
    rng = random.Random(SEED + "/activity")  # noqa: S311 (as above)
    kits = {c.course.pk: None for c in plan.cohorts}
    kits = {pk: _course_kit(CoursePage.objects.get(pk=pk)) for pk in kits}
    managers = _managers_by_path()
    writes = Writes()
    for cohort in plan.cohorts:
        kit = kits[cohort.course.pk]
        index = 0
        for group in cohort.groups:
            for person in group.members:
                user = users[person.email]
                enrolled_by = None
                if cohort.source == EnrolmentSource.MANAGER:
                    enrolled_by = next(
                        (m for path, m in managers if person.institution.path.startswith(path)),
                        None,
                    )
                _enrolment_plan(
                    rng, plan, cohort, group, kit, person, user, index, enrolled_by, writes
                )
                index += 1
    return _bulk_write(plan, writes)


def _managers_by_path() -> list[tuple[str, User]]:
    """The demo institution managers, by the path of the subtree they manage."""
    return [
        (a.institution.path, a.user)
        for a in RoleAssignment.objects.filter(role=Role.INSTITUTION_MANAGER)
        .select_related("institution", "user")
        .order_by("pk")
    ]


def _enrolment_plan(rng, plan, cohort, group, kit, person, user, index, enrolled_by, writes):
    enrolled_at = _enrolled_at(plan, cohort, index)
    enrolment = Enrolment(
        user=user,
        course=kit.course,
        enrolled_at=enrolled_at,
        enrolled_by=enrolled_by,
        source=cohort.source,
    )
    slot = len(writes.enrolments)
    writes.enrolments.append(enrolment)
    if group.outcome == NOT_STARTED:
        return
    month_end = plan.month_start(cohort.month + 1) - timedelta(hours=6)
    started_at = min(
        enrolled_at + timedelta(days=rng.randint(0, 6), hours=rng.randint(0, 5)), month_end
    )
    enrolment.started_at = started_at
    if group.outcome == COMPLETED:
        exam = plan.month_start(group.completion_month) + timedelta(
            days=group.exam_day - 1, hours=9, minutes=rng.randint(0, 180)
        )
        end = exam
    else:
        end = min(
            started_at + timedelta(days=rng.randint(10, 40)), plan.anchor - timedelta(hours=2)
        )
    lessons = kit.lessons
    if group.outcome == READING:
        lessons = lessons[: max(1, rng.randint(1, max(1, len(lessons) - 2)))]
    elif group.outcome == MODULE_PASSED:
        lessons = lessons[: max(1, len(lessons) // 2)]
    span = (end - started_at) * 0.8
    moments = [started_at + span * (i + 1) / (len(lessons) + 1) for i in range(len(lessons))]
    for lesson, moment in zip(lessons, moments, strict=True):
        writes.steps.append((slot, StepCompletion(page_id=lesson.pk, completed_at=moment)))
    if lessons:
        enrolment.last_lesson_id = lessons[-1].pk
    last = moments[-1] if moments else started_at
    if group.outcome == READING:
        enrolment.last_activity_at = last
        return
    module_at = started_at + span * 0.6 if group.outcome == COMPLETED else last + timedelta(hours=1)
    if kit.module_quiz:
        failures = 1 if rng.random() < 0.15 else 0
        _quiz_history(
            rng, kit.module_quiz, kit.course, person, user, slot, module_at, failures, True, writes
        )
        last = max(last, module_at)
    if group.outcome == MODULE_PASSED or kit.final_quiz is None:
        enrolment.last_activity_at = last
        return
    if group.outcome == FINAL_FAILED:
        final_at = min(last + timedelta(days=2), plan.anchor - timedelta(hours=1))
        failures = rng.choice((1, 1, 2))
        _quiz_history(
            rng, kit.final_quiz, kit.course, person, user, slot, final_at, failures, False, writes
        )
        enrolment.last_activity_at = final_at
        return
    failures = rng.choices((0, 1, 2), weights=(70, 25, 5))[0]
    done = _quiz_history(
        rng, kit.final_quiz, kit.course, person, user, slot, exam, failures, True, writes
    )
    enrolment.completed_at = enrolment.last_activity_at = done
    enrolment.completion_institution = person.institution


def _bulk_write(plan: Plan, writes: Writes) -> dict:
    with _dates_as_given(
        Enrolment._meta.get_field("enrolled_at"),
        StepCompletion._meta.get_field("completed_at"),
        Attempt._meta.get_field("started_at"),
        QuizResult._meta.get_field("updated_at"),
    ):
        Enrolment.objects.bulk_create(writes.enrolments, batch_size=500)
        for slot, step in writes.steps:
            step.enrolment = writes.enrolments[slot]
        StepCompletion.objects.bulk_create([s for _slot, s in writes.steps], batch_size=1000)
        Attempt.objects.bulk_create([a for _slot, a, _q in writes.attempts], batch_size=500)
        questions = []
        for _slot, attempt, rows in writes.attempts:
            for row in rows:
                row.attempt = attempt
            questions.extend(rows)
        AttemptQuestion.objects.bulk_create(questions, batch_size=1000)
        QuizResult.objects.bulk_create(writes.results, batch_size=500)
    certificates = _certificates_write(writes.enrolments)
    return {
        "unchanged": False,
        "steps done": len(writes.steps),
        "quiz attempts": len(writes.attempts),
        "attempts failed": sum(1 for _s, a, _q in writes.attempts if not a.passed),
        "certificates": certificates,
    }


def _certificates_write(enrolments: list[Enrolment]) -> int:
    """A certificate for each completion, issued a minute or two after it, numbered in
    the order they were issued."""
    completed = sorted((e for e in enrolments if e.completed_at), key=lambda e: e.completed_at)
    return certificates_record_many(
        enrolments=completed,
        issued_at=lambda e: e.completed_at + timedelta(seconds=40 + e.pk % 80),
    )

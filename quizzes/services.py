"""Writes for quizzes: starting, saving, submitting and grading attempts, results, regrades."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, connection, transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from courses import api as courses_api

from .grading import grade
from .models import (
    Attempt,
    AttemptQuestion,
    AttemptState,
    GradingMethod,
    Question,
    QuestionKind,
    QuizPage,
    QuizResult,
    Regrade,
)
from .selectors import canonical_quiz, quiz_language
from .versions import question_versions_current, question_versions_preview

HUNDRED = Decimal("100")

# Draws and option orders come from the operating system's generator: a learner who sees
# many shuffles cannot work out the next ones (tests may put a seeded Random here).
_random: random.Random = random.SystemRandom()


def grace() -> timedelta:
    """Answers arriving this long after the deadline still count (network, a slow click)."""
    return timedelta(seconds=getattr(settings, "QUIZ_GRACE_SECONDS", 30))


class AttemptRefused(Exception):
    """The learner may not start or change this attempt; the message says why."""


# --- Starting -------------------------------------------------------------------------------


def attempt_start(*, user, quiz: QuizPage) -> Attempt:
    """Start an attempt at `quiz` (any translation), or return the one already open.

    The limit holds under concurrency: the learner's row is locked on PostgreSQL, and the
    database refuses a second attempt with the same number or a number above the limit.
    """
    served_from = quiz
    quiz = canonical_quiz(quiz)
    attempts_close_overdue(user=user, quiz=quiz)
    if courses_api.enrolment_for(user=user, course=courses_api.course_of(quiz)) is None:
        raise AttemptRefused(_("Enrol in the course first."))
    try:
        with transaction.atomic():
            if connection.features.has_select_for_update:
                get_user_model().objects.select_for_update().filter(pk=user.pk).exists()
            open_attempt = Attempt.objects.filter(
                user=user, quiz=quiz, state=AttemptState.IN_PROGRESS
            ).first()
            if open_attempt is not None:
                return open_attempt
            last = (
                Attempt.objects.filter(user=user, quiz=quiz)
                .order_by("-number")
                .values_list("number", flat=True)
                .first()
            )
            number = (last or 0) + 1
            if quiz.attempts_allowed and number > quiz.attempts_allowed:
                raise AttemptRefused(_("You have used all the attempts allowed."))
            now = timezone.now()
            attempt = Attempt.objects.create(
                user=user,
                quiz=quiz,
                served_from=served_from,
                number=number,
                max_attempts=quiz.attempts_allowed,
                deadline=(
                    now + timedelta(minutes=quiz.time_limit_minutes)
                    if quiz.time_limit_minutes
                    else None
                ),
            )
            _attempt_questions_create(attempt=attempt, page=served_from, settings_from=quiz)
            return attempt
    except IntegrityError as error:
        # Another tab started one at the same moment: use it, or say the limit is reached.
        open_attempt = Attempt.objects.filter(
            user=user, quiz=quiz, state=AttemptState.IN_PROGRESS
        ).first()
        if open_attempt is not None:
            return open_attempt
        raise AttemptRefused(_("You have used all the attempts allowed.")) from error


def _attempt_questions_create(*, attempt: Attempt, page: QuizPage, settings_from: QuizPage):
    chosen = questions_for_attempt(page=page, user=attempt.user, quiz=attempt.quiz)
    if not chosen:
        raise AttemptRefused(_("This quiz has no questions yet."))
    subs: dict[int, list[Question]] = {}
    scenario_ids = [q.pk for q in chosen if q.kind == QuestionKind.SCENARIO]
    if scenario_ids:
        for sub in (
            Question.objects.filter(scenario_id__in=scenario_ids)
            .prefetch_related("options")
            .order_by("scenario_position", "pk")
        ):
            subs.setdefault(sub.scenario_id, []).append(sub)
    shuffle = settings_from.shuffle_options
    # Pin every question to its version as it stands now (written if it changed).
    scenarios = {q.pk: q for q in chosen if q.kind == QuestionKind.SCENARIO}
    parts = [p for q in chosen for p in (subs.get(q.pk, []) if q.pk in scenarios else [q])]
    versions = question_versions_current(questions=parts, scenarios=scenarios)
    rows, slot, page_number, on_page = [], 0, 1, 0
    for question in chosen:
        if on_page >= settings_from.questions_per_page:
            page_number, on_page = page_number + 1, 0
        on_page += 1
        parts = subs.get(question.pk, []) if question.kind == QuestionKind.SCENARIO else [question]
        for part in parts:
            slot += 1
            rows.append(
                AttemptQuestion(
                    attempt=attempt,
                    question=part,
                    version=versions[part.pk],
                    scenario=question if part is not question else None,
                    slot=slot,
                    page=page_number,
                    option_order=_option_order(part, shuffle=shuffle),
                    marks=part.marks,
                )
            )
    if not rows:
        raise AttemptRefused(_("This quiz has no questions yet."))
    AttemptQuestion.objects.bulk_create(rows)


def _option_order(question: Question, *, shuffle: bool) -> list:
    """The order this attempt shows the question's options in (see `forms.py` for how
    they are named). Single and multiple choice, and true / false, are shuffled where the
    quiz and the question allow it; matching choices (one per distinct match) always;
    ordering items always, and never in their correct order."""
    options = list(question.options.all())
    if question.kind == QuestionKind.MATCHING:
        seen, ids = set(), []
        for o in options:  # one choice per distinct match text
            if o.match_text.strip() and o.match_text.strip() not in seen:
                seen.add(o.match_text.strip())
                ids.append(o.pk)
        _random.shuffle(ids)
        return ids
    if question.kind == QuestionKind.ORDERING:
        right = [o.pk for o in options]
        ids = list(right)
        while len(ids) > 1 and ids == right:
            _random.shuffle(ids)
        return ids
    may_shuffle = shuffle and question.shuffle_options
    if question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        ids = [o.pk for o in options]
        if may_shuffle:
            _random.shuffle(ids)
        return ids
    if question.kind == QuestionKind.TRUE_FALSE:
        order = [True, False]
        if may_shuffle:
            _random.shuffle(order)
        return order
    return []


def questions_for_attempt(*, page: QuizPage, user, quiz: QuizPage) -> list[Question]:
    """The page's fixed questions and its random draws, in slot order. Draws come from the
    category and those below it, in the page's language, and avoid questions the learner
    saw in earlier attempts while the pool allows."""
    slots = list(page.slots.select_related("question", "category").order_by("sort_order"))
    fixed_ids = {s.question_id for s in slots if s.question_id}
    seen = set(
        AttemptQuestion.objects.filter(attempt__user=user, attempt__quiz=quiz).values_list(
            "question_id", flat=True
        )
    ) | set(
        AttemptQuestion.objects.filter(
            attempt__user=user, attempt__quiz=quiz, scenario__isnull=False
        ).values_list("scenario_id", flat=True)
    )
    taken: set[int] = set(fixed_ids)
    chosen: list[Question] = []
    language = quiz_language(page)
    for slot in slots:
        if slot.question_id:
            chosen.append(slot.question)
            continue
        pool = list(
            Question.objects.filter(
                category_id__in=slot.category.subtree_ids(),
                scenario__isnull=True,
                language=language,
            ).exclude(pk__in=taken)
        )
        fresh = [q for q in pool if q.pk not in seen]
        stale = [q for q in pool if q.pk in seen]
        _random.shuffle(fresh)
        _random.shuffle(stale)
        drawn = (fresh + stale)[: slot.draw_count]
        taken.update(q.pk for q in drawn)
        chosen.extend(drawn)
    ids = [q.pk for q in chosen]
    with_options = Question.objects.prefetch_related("options").in_bulk(ids)
    return [with_options[pk] for pk in ids]


# --- Saving and submitting ------------------------------------------------------------------


def attempt_is_overdue(attempt: Attempt, *, now=None) -> bool:
    now = now or timezone.now()
    return attempt.deadline is not None and now > attempt.deadline + grace()


def attempt_save_responses(*, attempt: Attempt, responses: dict[int, object]) -> None:
    """Store the responses of one page. Answers arriving after the deadline (plus the
    grace) are not counted: the attempt is closed with what was saved before."""
    if attempt.state != AttemptState.IN_PROGRESS:
        raise AttemptRefused(_("This attempt is closed."))
    if attempt_is_overdue(attempt):
        attempt_close(attempt=attempt, state=AttemptState.EXPIRED)
        raise AttemptRefused(_("Time ran out: answers sent after the deadline were not counted."))
    if not responses:
        return
    rows = [AttemptQuestion(pk=pk, response=value) for pk, value in responses.items()]
    with transaction.atomic():
        # Only while the attempt is still open (a submit in another tab wins).
        locked = Attempt.objects.filter(pk=attempt.pk, state=AttemptState.IN_PROGRESS)
        if connection.features.has_select_for_update:
            locked = locked.select_for_update()
        if not locked.exists():
            raise AttemptRefused(_("This attempt is closed."))
        AttemptQuestion.objects.bulk_update(rows, ["response"])


def attempt_submit(*, attempt: Attempt, responses: dict[int, object] | None = None) -> Attempt:
    """Submit and grade, saving the last page's `responses` with the grades (one write).
    Submitting again (double click, another tab, a replayed POST) changes nothing: only
    the request that closes the attempt grades it. After the deadline plus the grace, the
    responses sent are not counted."""
    if attempt_is_overdue(attempt):
        return attempt_close(attempt=attempt, state=AttemptState.EXPIRED)
    return attempt_close(attempt=attempt, state=AttemptState.SUBMITTED, responses=responses)


def attempt_close(
    *, attempt: Attempt, state: str, responses: dict[int, object] | None = None
) -> Attempt:
    with transaction.atomic():
        closed = Attempt.objects.filter(pk=attempt.pk, state=AttemptState.IN_PROGRESS).update(
            state=state, submitted_at=timezone.now()
        )
        attempt.refresh_from_db(fields=["state", "submitted_at", "graded_at", "score", "passed"])
        if closed:
            attempt_grade(attempt=attempt, responses=responses)
            quiz_result_update(user=attempt.user, quiz=attempt.quiz)
            # Written with update(), which sends no post_save: the learner's cached
            # pages (their quiz panel) are told here.
            from pagecache.store import learner_changed

            learner_changed(attempt.user_id)
    return attempt


def attempts_close_overdue(*, user=None, quiz: QuizPage | None = None) -> int:
    """Close the attempts whose time ran out, grading what they saved (a learner who left
    the page). Also run by `manage.py close_overdue_attempts`."""
    overdue = Attempt.objects.filter(
        state=AttemptState.IN_PROGRESS,
        deadline__isnull=False,
        deadline__lt=timezone.now() - grace(),
    )
    if user is not None:
        overdue = overdue.filter(user=user)
    if quiz is not None:
        overdue = overdue.filter(quiz=quiz)
    count = 0
    for attempt in overdue.select_related("quiz", "user"):
        attempt_close(attempt=attempt, state=AttemptState.EXPIRED)
        count += 1
    return count


def attempt_grade(
    *, attempt: Attempt, responses: dict[int, object] | None = None
) -> tuple[Decimal, bool]:
    """Grade every question of a closed attempt against the question versions it is pinned
    to (a fixed number of queries, whatever the number of questions), storing `responses`
    (attempt question id → response) first. Returns (score, passed)."""
    questions = list(AttemptQuestion.objects.filter(attempt=attempt).select_related("version"))
    responses = responses or {}
    for aq in questions:
        if aq.pk in responses:
            aq.response = responses[aq.pk]
        aq.fraction = grade(aq.content, aq.response)
    fields = ["response", "fraction"] if responses else ["fraction"]
    AttemptQuestion.objects.bulk_update(questions, fields)
    score, passed, obtained, total = _score(attempt.quiz, questions)
    attempt.graded_at = timezone.now()
    Attempt.objects.filter(pk=attempt.pk).update(
        score=score,
        passed=passed,
        marks_obtained=obtained,
        marks_total=total,
        graded_at=attempt.graded_at,
    )
    attempt.score, attempt.passed = score, passed
    attempt.marks_obtained, attempt.marks_total = obtained, total
    return score, passed


def _score(quiz: QuizPage, questions) -> tuple[Decimal, bool, Decimal, Decimal]:
    total = sum((aq.marks for aq in questions), Decimal("0"))
    obtained = sum((aq.marks * (aq.fraction or 0) for aq in questions), Decimal("0"))
    score = (HUNDRED * obtained / total).quantize(Decimal("0.01")) if total else Decimal("0")
    return score, score >= quiz.pass_mark, obtained.quantize(Decimal("0.01")), total


# --- Results --------------------------------------------------------------------------------


def result_attempt(attempts: list[Attempt], method: str) -> Attempt | None:
    graded = [a for a in attempts if a.score is not None]
    if not graded:
        return None
    if method == GradingMethod.FIRST:
        return min(graded, key=lambda a: a.number)
    if method == GradingMethod.LAST:
        return max(graded, key=lambda a: a.number)
    return max(graded, key=lambda a: (a.score, -a.number))


def quiz_result_update(*, user, quiz: QuizPage) -> QuizResult | None:
    """Recompute the learner's result on `quiz` from their graded attempts, and tell the
    course when the quiz is passed (a step done) or no longer passed after a regrade."""
    attempts = list(Attempt.objects.filter(user=user, quiz=quiz))
    chosen = result_attempt(attempts, quiz.grading_method)
    if chosen is None:
        return None
    course = courses_api.course_of(quiz)
    passed = bool(chosen.passed)
    result, _created = QuizResult.objects.update_or_create(
        user=user,
        quiz=quiz,
        defaults={
            "course": course,
            "score": chosen.score,
            "passed": passed,
            "attempts_count": len(attempts),
        },
    )
    if passed:
        courses_api.step_completed(user=user, page=quiz)
    else:
        _step_withdraw(user=user, quiz=quiz, course=course)
    return result


def _step_withdraw(*, user, quiz: QuizPage, course) -> None:
    """A regrade turned a pass into a fail: the quiz is no longer a step done. A course
    already completed stays completed (courses never take completion back)."""
    from courses.models import StepCompletion

    StepCompletion.objects.filter(
        enrolment__user=user, enrolment__course=course, page_id=quiz.pk
    ).delete()


# --- Regrading ------------------------------------------------------------------------------


@dataclass
class VersionMove:
    question_id: int
    question_name: str
    from_version: int
    to_version: int
    old_fraction: Decimal | None
    new_fraction: Decimal

    def as_json(self) -> dict:
        return {
            "question": self.question_id,
            "from_version": self.from_version,
            "to_version": self.to_version,
            "old_fraction": None if self.old_fraction is None else str(self.old_fraction),
            "new_fraction": str(self.new_fraction),
        }


@dataclass
class RegradeChange:
    attempt_id: int
    user_id: int
    user_name: str
    number: int
    old_score: Decimal | None
    new_score: Decimal
    old_passed: bool | None
    new_passed: bool
    moves: list[VersionMove] = field(default_factory=list)

    @property
    def outcome_changes(self) -> bool:
        return self.old_passed != self.new_passed

    @property
    def score_changes(self) -> bool:
        return self.old_score != self.new_score

    def as_json(self) -> dict:
        return {
            "attempt": self.attempt_id,
            "user": self.user_id,
            "old_score": str(self.old_score),
            "new_score": str(self.new_score),
            "old_passed": self.old_passed,
            "new_passed": self.new_passed,
            "moves": [m.as_json() for m in self.moves],
        }


def _regrade_plan(*, quiz: QuizPage, targets: dict | None = None):
    """Every graded attempt of `quiz` as it would be on its questions' latest versions:
    [(attempt, its attempt questions moved and regraded in memory, RegradeChange or None)].
    `targets`: question id → version (default: the latest, or the version the question's
    present content would become, unsaved). A fixed number of queries."""
    attempts = list(
        Attempt.objects.filter(quiz=quiz, graded_at__isnull=False)
        .select_related("user")
        .prefetch_related(
            Prefetch(
                "questions",
                queryset=AttemptQuestion.objects.select_related("version", "question"),
            )
        )
        .order_by("user_id", "number")
    )
    if targets is None:
        ids = {aq.question_id for a in attempts for aq in a.questions.all()}
        targets = question_versions_preview(question_ids=ids)
    plan = []
    for attempt in attempts:
        questions = list(attempt.questions.all())
        moves = []
        for aq in questions:
            target = targets.get(aq.question_id, aq.version)
            old_fraction, old_number = aq.fraction, aq.version.number
            if target.number != old_number:
                aq.version = target
                aq.marks = target.content.marks
            aq.fraction = grade(aq.content, aq.response)
            if target.number != old_number:
                moves.append(
                    VersionMove(
                        question_id=aq.question_id,
                        question_name=aq.question.name,
                        from_version=old_number,
                        to_version=target.number,
                        old_fraction=old_fraction,
                        new_fraction=aq.fraction,
                    )
                )
        score, passed, _obtained, _total = _score(quiz, questions)
        change = None
        if moves or score != attempt.score or passed != attempt.passed:
            change = RegradeChange(
                attempt_id=attempt.pk,
                user_id=attempt.user_id,
                user_name=attempt.user.get_full_name() or attempt.user.email,
                number=attempt.number,
                old_score=attempt.score,
                new_score=score,
                old_passed=attempt.passed,
                new_passed=passed,
                moves=moves,
            )
        plan.append((attempt, questions, change))
    return plan


def regrade_preview(*, quiz: QuizPage) -> list[RegradeChange]:
    """Dry run: the closed attempts that would move to their questions' latest versions
    (from which version to which, per question) or whose score or pass/fail would change.
    Changes nothing: open attempts are not listed (they finish on the versions they
    started with; a later regrade can move them)."""
    quiz = canonical_quiz(quiz)
    return [change for _a, _q, change in _regrade_plan(quiz=quiz) if change is not None]


@transaction.atomic
def regrade_apply(*, quiz: QuizPage, actor) -> Regrade:
    """Move every closed attempt of `quiz` to its questions' latest versions (writing a
    version for content edited since), regrade it, update results and course progress, and
    record who did it. The only way an attempt changes version."""
    quiz = canonical_quiz(quiz)
    ids = set(
        AttemptQuestion.objects.filter(
            attempt__quiz=quiz, attempt__graded_at__isnull=False
        ).values_list("question_id", flat=True)
    )
    questions = list(
        Question.objects.filter(pk__in=ids).select_related("scenario").prefetch_related("options")
    )
    targets = question_versions_current(questions=questions, user=actor)
    plan = _regrade_plan(quiz=quiz, targets=targets)
    changes, rows, users = [], [], set()
    now = timezone.now()
    for attempt, questions_, change in plan:
        if change is None:
            continue
        changes.append(change)
        rows.extend(questions_)
        score, passed, obtained, total = _score(quiz, questions_)
        Attempt.objects.filter(pk=attempt.pk).update(
            score=score,
            passed=passed,
            marks_obtained=obtained,
            marks_total=total,
            graded_at=now,
        )
        users.add(attempt.user)
    AttemptQuestion.objects.bulk_update(rows, ["version", "marks", "fraction"])
    for user in users:
        quiz_result_update(user=user, quiz=quiz)
    regrade = Regrade.objects.create(
        quiz=quiz,
        actor=actor,
        attempts_changed=len(changes),
        changes=[c.as_json() for c in changes],
    )
    from audit.api import AuditAction, audit_record

    audit_record(
        action=AuditAction.QUIZ_REGRADED,
        actor=actor,
        target=quiz,
        details={
            "attempts_changed": len(changes),
            "versions": {str(pk): v.number for pk, v in sorted(targets.items()) if pk in ids},
        },
    )
    return regrade


def user_may_manage_quiz(*, user, quiz: QuizPage) -> bool:
    """Trainers who may edit the quiz's course, and administrators."""
    from courses.api import user_may_see_course_report

    course = courses_api.course_of(quiz)
    return course is not None and user_may_see_course_report(user=user, course=course)


def ensure_may_manage(*, user, quiz: QuizPage) -> None:
    if not user_may_manage_quiz(user=user, quiz=quiz):
        raise PermissionDenied

"""Regrading: moving the closed attempts of a quiz to its questions' latest versions, as a
dry run first (`regrade_preview`) and then for good (`regrade_apply`, recorded and
audit-logged).

An essay answer keeps the grade its trainer gave (a fraction of the marks, so a new
version's marks apply to it); an attempt still waiting for an essay's grade is not
regraded: it is scored, on the versions it was pinned to, once graded."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from audit.api import AuditAction, audit_record

from ..canonical import canonical_quiz
from ..essays import is_manually_graded
from ..grading import grade
from ..models.attempts import Attempt, AttemptQuestion, Regrade
from ..models.bank import Question
from ..versions import question_versions_current, question_versions_preview
from .attempts import attempt_score
from .results import quiz_result_update

if TYPE_CHECKING:
    from ..models.pages import QuizPage


@dataclass
class VersionMove:
    question_id: int
    question_name: str
    from_version: int
    to_version: int
    old_fraction: Decimal | None
    new_fraction: Decimal | None

    def as_json(self) -> dict:
        return {
            "question": self.question_id,
            "from_version": self.from_version,
            "to_version": self.to_version,
            "old_fraction": None if self.old_fraction is None else str(self.old_fraction),
            "new_fraction": None if self.new_fraction is None else str(self.new_fraction),
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
            if not is_manually_graded(aq.content):  # a trainer's grade stays as given
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
        score, passed, _obtained, _total = attempt_score(quiz, questions)
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
        score, passed, obtained, total = attempt_score(quiz, questions_)
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

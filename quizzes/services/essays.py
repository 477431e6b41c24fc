"""Writes for essays: a trainer's grade of an essay answer and what follows it, and the
reminders to trainers of answers waiting too long.

An attempt with an essay answer is submitted "waiting for grading": no score, neither
passed nor failed (`Attempt.is_waiting_for_grading`), so it counts for no result, no step
and no certificate. When its last essay is graded, the attempt is scored as any other,
the learner's result updated (a pass completes the step, the course and brings the
certificate, through `quiz_result_update` as for any quiz) and the learner emailed.
Grading an essay again (a correction) rescores the attempt and its result, without a
second email.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import connection, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from courses import api as courses_api
from pagecache.api import learner_changed

from ..essays import is_manually_graded
from ..models.attempts import Attempt, AttemptQuestion
from ..models.choices import FRACTION, AttemptState
from ..models.essays import EssayGrade
from ..selectors.essays import essays_waiting
from .attempts import attempt_score_record
from .results import quiz_result_update

QUANTUM = Decimal(1).scaleb(-FRACTION["decimal_places"])
CENT = Decimal("0.01")


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f")


def essay_fraction(*, question, marks: Decimal, points=None, mark=None):
    """(fraction, rubric rows) of a grade: with a rubric, the points given per criterion
    over the rubric's maximum; without one, `mark` over the question's `marks`. Raises
    ValidationError when a number is missing or out of its range."""
    rubric = question.essay_rubric
    if rubric:
        points = list(points or [])
        if len(points) != len(rubric):
            raise ValidationError(_("Give points for every criterion of the rubric."))
        rows, given, most = [], Decimal("0"), Decimal("0")
        for criterion, value in zip(rubric, points, strict=True):
            value = Decimal(value)
            if not Decimal("0") <= value <= criterion.max_points:
                raise ValidationError(
                    _("“%(criterion)s”: between 0 and %(max)s points.")
                    % {"criterion": criterion.description[:80], "max": criterion.max_points}
                )
            rows.append(
                {
                    "criterion": criterion.description,
                    "max_points": _plain(criterion.max_points),
                    "points": _plain(value),
                }
            )
            given, most = given + value, most + criterion.max_points
        return (given / most).quantize(QUANTUM), rows
    if mark is None:
        raise ValidationError(_("Give a mark."))
    mark = Decimal(mark)
    if not Decimal("0") <= mark <= marks:
        raise ValidationError(_("The mark is between 0 and %(marks)s.") % {"marks": marks})
    fraction = (mark / marks).quantize(QUANTUM) if marks else Decimal("0")
    return fraction, []


def essay_grade(
    *, attempt_question: AttemptQuestion, grader, points=None, mark=None, feedback: str = ""
) -> EssayGrade:
    """Grade an essay answer (with the rubric of the version the attempt is pinned to, or
    a mark), keeping who, when, the rubric points and the feedback. Scores the attempt when
    it was its last essay waiting; rescores it when it was already scored."""
    aq = attempt_question
    question = aq.content
    if not is_manually_graded(question):
        raise ValidationError(_("Only essay answers are graded by hand."))
    fraction, rows = essay_fraction(question=question, marks=aq.marks, points=points, mark=mark)
    with transaction.atomic():
        # One grader at a time per attempt: the last essay's grade sees the others'.
        locked = Attempt.objects.filter(pk=aq.attempt_id)
        if connection.features.has_select_for_update:
            locked = locked.select_for_update()
        attempt = locked.select_related("quiz", "user").get()
        if attempt.state == AttemptState.IN_PROGRESS:
            raise ValidationError(_("The attempt is still open."))
        grade = EssayGrade.objects.create(
            attempt_question=aq,
            grader=grader,
            fraction=fraction,
            marks_obtained=(aq.marks * fraction).quantize(CENT),
            rubric=rows,
            feedback=feedback.strip(),
        )
        AttemptQuestion.objects.filter(pk=aq.pk).update(fraction=fraction)
        aq.fraction = fraction
        first_score = attempt.graded_at is None
        if _attempt_score_when_graded(attempt) and first_score:
            transaction.on_commit(lambda: essay_graded_notify_task.enqueue(attempt_id=attempt.pk))
    return grade


def _attempt_score_when_graded(attempt: Attempt) -> bool:
    """Score `attempt` if none of its answers waits any more; update the learner's result
    and tell their pages. Returns whether it was scored."""
    questions = list(AttemptQuestion.objects.filter(attempt=attempt))
    if any(aq.fraction is None for aq in questions):
        return False
    attempt_score_record(attempt=attempt, questions=questions)
    quiz_result_update(user=attempt.user, quiz=attempt.quiz)
    learner_changed(attempt.user_id)
    return True


# --- Telling the learner --------------------------------------------------------------------


def _absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


@task()
def essay_graded_notify_task(*, attempt_id: int) -> None:
    attempt = Attempt.objects.select_related("user", "quiz").filter(pk=attempt_id).first()
    if attempt is not None:
        essay_graded_notify(attempt=attempt)


def essay_graded_notify(*, attempt: Attempt) -> None:
    """Email the learner that their attempt is graded, with a link to its result (the
    score itself is on the page, as the quiz's review options allow)."""
    user = attempt.user
    if not user.email or not user.is_active:
        return
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        context = {
            "user": user,
            "quiz_title": attempt.quiz.title,
            "attempt": attempt,
            "url": _absolute(reverse("quizzes:result", args=[attempt.pk])),
        }
        subject = render_to_string("quizzes/email/essay_graded_subject.txt", context).strip()
        body = render_to_string("quizzes/email/essay_graded.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])


# --- Reminding the trainers -----------------------------------------------------------------


def essay_reminders_send(*, days: int, now=None) -> int:
    """Email the trainers of each course with essay answers waiting more than `days` days,
    one email per trainer listing them; an answer is in a reminder at most once every
    `days` days. Returns how many emails were sent."""
    now = now or timezone.now()
    due = now - timedelta(days=days)
    answers = list(
        essays_waiting()
        .filter(attempt__submitted_at__lte=due)
        .exclude(essay_reminded_at__gt=due)
        .select_related("attempt__quiz")
    )
    by_course: dict[int, tuple] = {}
    for aq in answers:
        # Claim the answer first, so that two runs never remind of it twice.
        claimed = (
            AttemptQuestion.objects.filter(pk=aq.pk)
            .exclude(essay_reminded_at__gt=due)
            .update(essay_reminded_at=now)
        )
        if not claimed:
            continue
        course = courses_api.course_of(aq.attempt.quiz)
        if course is None:
            continue
        by_course.setdefault(course.pk, (course, []))[1].append(aq)
    per_trainer: dict[int, tuple] = {}
    for course, waiting in by_course.values():
        for trainer in courses_api.course_trainers(course=course).filter(is_active=True):
            per_trainer.setdefault(trainer.pk, (trainer, []))[1].append((course, waiting))
    sent = 0
    for trainer, courses in per_trainer.values():
        if not trainer.email:
            continue
        with translation.override(trainer.preferred_language or settings.LANGUAGE_CODE):
            context = {
                "user": trainer,
                "courses": [
                    {"title": course.title, "count": len(waiting)} for course, waiting in courses
                ],
                "count": sum(len(waiting) for _course, waiting in courses),
                "days": days,
                "url": _absolute(reverse("quizzes_essays:queue")),
            }
            subject = render_to_string("quizzes/email/essay_reminder_subject.txt", context).strip()
            body = render_to_string("quizzes/email/essay_reminder.txt", context)
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [trainer.email])
        sent += 1
    return sent

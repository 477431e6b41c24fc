"""Writes for attempts: starting one (drawing its questions and pinning their versions),
saving and submitting answers, closing and grading it."""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses import api as courses_api
from pagecache.api import learner_changed

from ..canonical import canonical_quiz, quiz_language
from ..cloze_pages import cloze_option_order
from ..essays import essay_limit_problem, essay_waits
from ..grading import grade
from ..models.attempts import Attempt, AttemptQuestion
from ..models.bank import Question
from ..models.choices import AttemptState, QuestionKind
from ..signals import attempt_scored
from ..versions import question_versions_current
from .results import quiz_result_update

if TYPE_CHECKING:
    from ..models.pages import QuizPage

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
                    option_order=option_order(part, shuffle=shuffle),
                    marks=part.marks,
                )
            )
    if not rows:
        raise AttemptRefused(_("This quiz has no questions yet."))
    AttemptQuestion.objects.bulk_create(rows)


def option_order(question: Question, *, shuffle: bool, rng: random.Random | None = None) -> list:
    """The order this attempt shows the question's options in (see `forms.py` for how
    they are named). Single and multiple choice, and true / false, are shuffled where the
    quiz and the question allow it; matching choices (one per distinct match) always;
    ordering items always, and never in their correct order; a cloze gap's choices where
    its type says so (MCS, MRS, …) and the quiz shuffles."""
    rng = rng or _random  # the demo history passes its own, seeded generator
    options = list(question.options.all())
    if question.kind == QuestionKind.MATCHING:
        seen, ids = set(), []
        for o in options:  # one choice per distinct match text
            if o.match_text.strip() and o.match_text.strip() not in seen:
                seen.add(o.match_text.strip())
                ids.append(o.pk)
        rng.shuffle(ids)
        return ids
    if question.kind == QuestionKind.ORDERING:
        right = [o.pk for o in options]
        ids = list(right)
        while len(ids) > 1 and ids == right:
            rng.shuffle(ids)
        return ids
    may_shuffle = shuffle and question.shuffle_options
    if question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        ids = [o.pk for o in options]
        if may_shuffle:
            rng.shuffle(ids)
        return ids
    if question.kind == QuestionKind.TRUE_FALSE:
        order = [True, False]
        if may_shuffle:
            rng.shuffle(order)
        return order
    if question.kind == QuestionKind.CLOZE:  # one list of answer indices per gap
        return cloze_option_order(question, shuffle=shuffle, rng=rng)
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
    problems = essay_limit_problems(attempt=attempt, responses=responses)
    if problems:
        raise AttemptRefused(" ".join(problems))
    return attempt_close(attempt=attempt, state=AttemptState.SUBMITTED, responses=responses)


def essay_limit_problems(*, attempt: Attempt, responses: dict[int, object] | None = None):
    """The essay answers outside their word limits, one message each (see
    `quizzes.essays`: submitting is refused while there are any; one query)."""
    responses = responses or {}
    essays = AttemptQuestion.objects.filter(
        attempt=attempt, version__snapshot__kind=QuestionKind.ESSAY
    ).select_related("version")
    problems = []
    for aq in essays.order_by("slot"):
        response = responses.get(aq.pk, aq.response)
        problem = essay_limit_problem(aq.content, response, number=aq.slot)
        if problem:
            problems.append(problem)
    return problems


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
) -> tuple[Decimal | None, bool | None]:
    """Grade every question of a closed attempt against the question versions it is pinned
    to (a fixed number of queries, whatever the number of questions), storing `responses`
    (attempt question id → response) first. Returns (score, passed).

    An essay answer waits for a trainer (`quizzes.services.essays`): its fraction stays
    empty and so does the attempt's score, neither passed nor failed: (None, None)."""
    questions = list(AttemptQuestion.objects.filter(attempt=attempt).select_related("version"))
    responses = responses or {}
    for aq in questions:
        if aq.pk in responses:
            aq.response = responses[aq.pk]
        content = aq.content
        aq.fraction = None if essay_waits(content, aq.response) else grade(content, aq.response)
    fields = ["response", "fraction"] if responses else ["fraction"]
    AttemptQuestion.objects.bulk_update(questions, fields)
    if any(aq.fraction is None for aq in questions):
        Attempt.objects.filter(pk=attempt.pk).update(
            score=None, passed=None, marks_obtained=None, marks_total=None, graded_at=None
        )
        attempt.score = attempt.passed = attempt.graded_at = None
        attempt.marks_obtained = attempt.marks_total = None
        return None, None
    return attempt_score_record(attempt=attempt, questions=questions)


def attempt_score_record(*, attempt: Attempt, questions) -> tuple[Decimal, bool]:
    """Score `attempt` from its graded `questions` (every fraction known) and store the
    score, marks and grading time on it. Returns (score, passed)."""
    score, passed, obtained, total = attempt_score(attempt.quiz, questions)
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
    attempt_scored.send(sender=Attempt, attempt=attempt)
    return score, passed


def attempt_score(quiz: QuizPage, questions) -> tuple[Decimal, bool, Decimal, Decimal]:
    total = sum((aq.marks for aq in questions), Decimal("0"))
    obtained = sum((aq.marks * (aq.fraction or 0) for aq in questions), Decimal("0"))
    score = (HUNDRED * obtained / total).quantize(Decimal("0.01")) if total else Decimal("0")
    return score, score >= quiz.pass_mark, obtained.quantize(Decimal("0.01")), total

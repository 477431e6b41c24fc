"""Quiz attempts of the demo learners: answers chosen as a learner who knows (or does not
know) would, graded by the quizzes app's own grading."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from courses.api import CoursePage, LessonPage, StepCompletion
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
)


@dataclass
class CourseKit:
    course: CoursePage
    lessons: list[LessonPage]
    module_quiz: QuizKit | None
    final_quiz: QuizKit | None


@dataclass
class QuizKit:
    quiz: QuizPage
    fixed: list[Question]
    draws: list[tuple[list[Question], int]]
    subs: dict[int, list[Question]]
    versions: dict

    def parts(self, chosen: list[Question]) -> list[tuple[Question, Question | None]]:
        """(question, its scenario or None) for every question shown, in order."""
        result = []
        for question in chosen:
            if question.kind == QuestionKind.SCENARIO:
                result.extend((sub, question) for sub in self.subs.get(question.pk, []))
            else:
                result.append((question, None))
        return result


def _quiz_history(
    rng, kit, course, person, user, slot, at, failures, then_pass, writes
) -> datetime:
    """`failures` failed attempts, then (if `then_pass`) one passed; the last one ends at
    about `at`. Returns when the last attempt was submitted."""
    quiz = kit.quiz
    outcomes = [False] * failures + ([True] if then_pass else [])
    attempts = []
    moment = at - timedelta(hours=len(outcomes))
    for number, passed in enumerate(outcomes, 1):
        minutes = rng.randint(8, (quiz.time_limit_minutes or 40) - 2)
        started = moment
        submitted = started + timedelta(minutes=minutes, seconds=rng.randint(0, 59))
        attempt, questions = _attempt(rng, kit, person, user, passed)
        attempt.number = number
        attempt.started_at = started
        attempt.deadline = (
            started + timedelta(minutes=quiz.time_limit_minutes)
            if quiz.time_limit_minutes
            else None
        )
        attempt.submitted_at = attempt.graded_at = submitted
        attempts.append(attempt)
        writes.attempts.append((slot, attempt, questions))
        moment = submitted + timedelta(minutes=rng.randint(20, 50))
    best = max(attempts, key=lambda a: (a.score, -a.number))
    last = attempts[-1].submitted_at
    writes.results.append(
        QuizResult(
            user=user,
            quiz=quiz,
            course=course,
            score=best.score,
            passed=bool(best.passed),
            attempts_count=len(attempts),
            updated_at=last,
        )
    )
    if then_pass:
        writes.steps.append((slot, StepCompletion(page_id=quiz.pk, completed_at=last)))
    return last


def _attempt(rng, kit: QuizKit, person, user, want_pass: bool):
    """An attempt whose responses give the wanted outcome: drawn as the quiz draws, the
    answers right with the learner's ability, tried again until the outcome is right."""
    quiz = kit.quiz
    ability = person.ability if want_pass else rng.uniform(0.2, 0.5)
    for _try in range(30):
        chosen = list(kit.fixed)
        for pool, count in kit.draws:
            chosen.extend(rng.sample(pool, min(count, len(pool))))
        rows, page, on_page, slot = [], 1, 0, 0
        for question in chosen:
            if on_page >= quiz.questions_per_page:
                page, on_page = page + 1, 0
            on_page += 1
            for part, scenario in kit.parts([question]):
                slot += 1
                version = kit.versions[part.pk]
                content = version.content
                order = option_order(content, shuffle=quiz.shuffle_options, rng=rng)
                response = _response(rng, content, order, knows=rng.random() < ability)
                rows.append(
                    AttemptQuestion(
                        question_id=part.pk,
                        version=version,
                        scenario_id=scenario.pk if scenario else None,
                        slot=slot,
                        page=page,
                        option_order=order,
                        marks=part.marks,
                        response=response,
                        fraction=grade(content, response),
                    )
                )
        total = sum((r.marks for r in rows), Decimal("0"))
        obtained = sum((r.marks * r.fraction for r in rows), Decimal("0"))
        score = (100 * obtained / total).quantize(Decimal("0.01")) if total else Decimal("0")
        passed = score >= quiz.pass_mark
        if passed == want_pass:
            break
        ability = min(1.0, ability + 0.08) if want_pass else max(0.0, ability - 0.1)
    attempt = Attempt(
        user=user,
        quiz=quiz,
        served_from=quiz,
        max_attempts=quiz.attempts_allowed,
        state=AttemptState.SUBMITTED,
        marks_obtained=obtained.quantize(Decimal("0.01")),
        marks_total=total,
        score=score,
        passed=passed,
    )
    return attempt, rows


def _response(rng, question, order, *, knows: bool):
    """A response as the quiz form stores it: the right one, or a plausible wrong one."""
    kind = question.kind
    options = list(question.options.all())
    if kind == QuestionKind.SINGLE:
        best = max(options, key=lambda o: o.fraction)
        wrong = [o.pk for o in options if o.fraction <= 0]
        return best.pk if knows or not wrong else rng.choice(wrong)
    if kind == QuestionKind.MULTIPLE:
        right = [o.pk for o in options if o.fraction > 0]
        wrong = [o.pk for o in options if o.fraction <= 0]
        return right if knows or not wrong else [*right[:-1], rng.choice(wrong)]
    if kind == QuestionKind.TRUE_FALSE:
        return question.true_false_answer if knows else not question.true_false_answer
    if kind == QuestionKind.MATCHING:
        by_text = {o.match_text.strip(): o.pk for o in options if o.pk in order}
        prompts = [o for o in options if o.text.strip()]
        right = {str(p.pk): by_text.get(p.match_text.strip()) for p in prompts}
        if knows or len(prompts) < 2:
            return right
        values = list(right.values())
        return dict(zip(right, values[1:] + values[:1], strict=True))
    if kind == QuestionKind.ORDERING:
        positions = {str(o.pk): i for i, o in enumerate(options, 1)}
        if not knows and len(options) > 1:
            first, second = str(options[0].pk), str(options[1].pk)
            positions[first], positions[second] = positions[second], positions[first]
        return positions
    if kind == QuestionKind.NUMERIC:
        answer = question.numeric_answer or Decimal("0")
        value = answer if knows else answer + question.numeric_tolerance + 1
        return format(value, "f")
    if kind == QuestionKind.SHORT_TEXT:
        right = [o.text for o in options if o.fraction == 1]
        return right[0] if knows and right else "ne znam"
    return None

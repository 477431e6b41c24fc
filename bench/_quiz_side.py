"""The Django side of bench/quiz.py (run in subprocesses by common.django_call)."""

from __future__ import annotations

import secrets


def seed(*, learners: int, questions: int) -> dict:
    """A course with one quiz of `questions` questions on one page (every type but
    scenarios, in turn), `learners` enrolled learners each with an open attempt whose
    answers (all right) are saved as "Finish attempt…" saves them, and for each attempt
    the summary's "Submit all and finish" POST."""
    from django.http import QueryDict

    from accounts.models import User
    from courses.selectors import course_of
    from courses.services import enrolment_create
    from institutions.models import Institution
    from quizzes import factories as f
    from quizzes.factories import right_answers
    from quizzes.forms import parse_page_responses
    from quizzes.selectors import attempt_questions_on_page
    from quizzes.services import attempt_save_responses, attempt_start

    makers = [
        f.single_choice,
        f.multiple_response,
        f.true_false,
        f.matching,
        f.ordering,
        f.numeric,
        lambda: f.short_text("eksploatacija"),
    ]
    bank = [makers[i % len(makers)]() for i in range(questions)]
    quiz = f.quiz_in_course(questions=bank, questions_per_page=questions, attempts_allowed=0)
    course = course_of(quiz)
    institution = Institution.objects.first() or Institution.add_root(
        code="BENCH", name_sr="Policijska uprava", name_en="Police"
    )
    users = User.objects.bulk_create(
        [
            User(email=f"quiz-{i}@bench.local", first_name="Ana", last_name="Đurić",
                 institution=institution)
            for i in range(learners)
        ]
    )  # fmt: skip
    from _common import session_key_for

    rows = []
    for user in users:
        enrolment_create(user=user, course=course)
        attempt = attempt_start(user=user, quiz=quiz)
        form = QueryDict(mutable=True)
        for name, value in right_answers(attempt)[1].items():
            form.setlist(name, value if isinstance(value, list) else [value])
        page = attempt_questions_on_page(attempt=attempt, page=1)
        responses = parse_page_responses(attempt_questions=page, data=form)
        attempt_save_responses(attempt=attempt, responses=responses)
        token = secrets.token_hex(16)  # 32 characters: an unmasked CSRF secret
        rows.append(
            {
                "attempt": attempt.pk,
                "path": f"/sr-latn/learning/quizzes/attempts/{attempt.pk}/submit/",
                "cookies": {"sessionid": session_key_for(user), "csrftoken": token},
                "data": {"confirm": "1", "csrfmiddlewaretoken": token},
            }
        )
    return {"quiz": quiz.pk, "rows": rows}


def check(*, attempt_ids: list[int]) -> dict:
    from django.db.models import Count

    from quizzes.models import Attempt, QuizResult

    attempts = Attempt.objects.filter(pk__in=attempt_ids)
    return {
        "graded": attempts.filter(graded_at__isnull=False).count(),
        "full_marks": attempts.filter(score=100).count(),
        "results": QuizResult.objects.filter(
            user__in=attempts.values("user_id"), passed=True
        ).count(),
        "states": dict(attempts.values_list("state").annotate(n=Count("pk"))),
    }

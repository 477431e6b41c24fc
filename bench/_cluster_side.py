"""Django side of bench/cluster.py: seed the learners and managers, and check the data after."""

from __future__ import annotations

from django.apps import apps
from django.core.management import call_command
from django.db.models import Count, Q

PASSWORD = "bench-cluster-password-1"  # noqa: S105


def _course():
    from courses.models import CoursePage, LessonPage

    courses = CoursePage.objects.live().filter(locale__language_code="sr")
    return max(courses, key=lambda c: LessonPage.objects.descendant_of(c).live().count())


def seed(*, learners: int, managers: int) -> dict:
    """load_demo (every section, quizzes included once they exist), then bench accounts:
    learners enrolled in the biggest demo course, managers with a TOTP secret."""
    from allauth.mfa.totp.internal.auth import TOTP
    from django.contrib.auth.hashers import make_password

    from accounts.models import Role, User
    from accounts.services import role_grant, user_create
    from courses.services import enrolment_create
    from institutions.models import Institution

    call_command("load_demo", allow_production=True, verbosity=0)
    course = _course()
    root = Institution.get_root_nodes().first()
    leaf = Institution.objects.filter(numchild=0).order_by("path").first()
    learner_emails = []
    for number in range(learners):
        user = user_create(
            email=f"bench-learner-{number}@example.org",
            first_name="Učenik",
            last_name=f"Broj {number}",
            institution=leaf,
            profession="police_officer",
            email_verified=True,
        )
        enrolment_create(user=user, course=course)
        learner_emails.append(user.email)
    manager_rows = []
    for number in range(managers):
        user = user_create(
            email=f"bench-manager-{number}@example.org",
            first_name="Menadžer",
            last_name=f"Broj {number}",
            institution=root,
            profession="police_officer",
            email_verified=True,
        )
        role_grant(user=user, role=Role.INSTITUTION_MANAGER, institution=root)
        secret = _totp_secret()
        TOTP.activate(user, secret)
        manager_rows.append({"email": user.email, "secret": secret})
    # One hash for everyone: PBKDF2 at a million rounds costs a second per account.
    User.objects.filter(email__startswith="bench-").update(password=make_password(PASSWORD))
    quiz_url = ""
    if apps.is_installed("quizzes"):
        try:
            quiz_model = apps.get_model("quizzes", "QuizPage")
        except LookupError:
            quiz_model = None
        if quiz_model is not None:
            quiz = quiz_model.objects.live().descendant_of(course).order_by("path").first()
            quiz_url = quiz.url if quiz else ""
    return {
        "password": PASSWORD,
        "course_url": course.url,
        "quiz_url": quiz_url,
        "learners": learner_emails,
        "managers": manager_rows,
    }


def _totp_secret() -> str:
    from allauth.mfa.totp.internal.auth import generate_totp_secret

    return generate_totp_secret()


def checks() -> dict:
    """What must hold after the run, whatever was killed."""
    from django_tasks_db.models import DBTaskResult

    from certificates.models import Certificate
    from courses.models import Enrolment, StepCompletion

    completed = Enrolment.objects.filter(completed_at__isnull=False)
    originals = Count("certificates", filter=Q(certificates__is_reissue=False))
    result = {
        "enrolments": Enrolment.objects.count(),
        "completions": completed.count(),
        "completions_without_exactly_one_certificate": completed.annotate(n=originals)
        .exclude(n=1)
        .count(),
        "certificates": Certificate.objects.count(),
        "certificates_without_pdf": Certificate.objects.filter(
            Q(pdf="") | Q(pdf__isnull=True)
        ).count(),
        "step_completions": StepCompletion.objects.count(),
        "duplicated_step_completions": StepCompletion.objects.values("enrolment", "page")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .count(),
        "tasks": dict(
            DBTaskResult.objects.values_list("status").annotate(n=Count("pk")).order_by()
        ),
    }
    if apps.is_installed("quizzes"):
        try:
            attempt = apps.get_model("quizzes", "Attempt")
            quiz_result = apps.get_model("quizzes", "QuizResult")
        except LookupError:
            result["quizzes"] = "not built on this branch"
        else:
            submitted = attempt.objects.filter(state="submitted")
            result["attempts_submitted"] = submitted.count()
            result["attempts_submitted_not_graded"] = submitted.filter(
                Q(graded_at__isnull=True) | Q(score__isnull=True)
            ).count()
            result["attempts_in_progress"] = attempt.objects.filter(state="in_progress").count()
            result["duplicated_quiz_results"] = (
                quiz_result.objects.values("user", "quiz")
                .annotate(n=Count("pk"))
                .filter(n__gt=1)
                .count()
            )
    return result


def running_tasks() -> int:
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(status__in=["READY", "RUNNING"]).count()


def reset_stale_running_tasks() -> int:
    """Tasks left RUNNING by a worker that was killed: back to READY, for another worker."""
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(status="RUNNING").update(status="READY", started_at=None)

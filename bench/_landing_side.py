"""The Django side of bench/landing.py and bench/peer.py (run in subprocesses by
common.django_call): the pages people land on, seeded as a learner finds them."""

from __future__ import annotations

import re
from collections import Counter

LANGUAGE = "sr-latn"


def seed(*, modules: int, lessons: int, done: int, enrolments: int, cases: int) -> dict:
    """The benchmark course (`modules` × `lessons` lessons and a quiz) with the learner of
    bench/pages.py; `enrolments` courses in that learner's My learning (one completed,
    with its certificate); `cases` cases in the case-law library. Returns each page's
    path, whether it is read signed in, and the learner's session key."""
    import _caselaw_side
    import pages
    from django.utils import translation

    from accounts.models import User
    from certificates.api import certificate_issue
    from courses.factories import course_index, course_with_lessons
    from courses.models import CoursePage, Enrolment, LessonPage
    from courses.services import enrolment_create, step_complete
    from quizzes import factories as quiz_factories

    seeded = pages.seed(modules=modules, lessons=lessons, done=done, languages=[LANGUAGE])
    learner = User.objects.get(email="learner@bench.local")
    course = CoursePage.objects.get(slug="osnovni-kurs")
    makers = [quiz_factories.single_choice, quiz_factories.true_false, quiz_factories.numeric]
    quiz = quiz_factories.quiz_in_course(
        questions=[makers[i % len(makers)]() for i in range(10)],
        course=course,
        title="Provera znanja: identifikacija žrtava",
        slug="provera-znanja",
    )
    quiz.save_revision().publish()

    certificate = None
    for n in range(enrolments - 1):
        other = course_with_lessons(
            modules=1, lessons=3, title=f"Kurs {n + 1}: saradnja u okviru NRM", slug=f"kurs-{n + 1}"
        )
        enrolment, _ = enrolment_create(user=learner, course=other)
        steps = list(LessonPage.objects.descendant_of(other).order_by("path"))
        # The first one completed (its certificate is verified), the others under way.
        for step in steps if n == 0 else steps[: n % 3]:
            step_complete(enrolment=enrolment, page=step)
        if n == 0:
            enrolment = Enrolment.objects.get(pk=enrolment.pk)
            certificate = certificate_issue(enrolment=enrolment)

    library = _caselaw_side.seed(cases=cases) if cases else None
    with translation.override(LANGUAGE):
        paths = {
            "home (anonymous)": ("/sr-latn/", False),
            "home (signed in)": ("/sr-latn/", True),
            "catalogue (anonymous)": (course_index().get_url(), False),
            "course (learner)": (course.get_url(), True),
            "lesson (learner)": (seeded["lessons"][LANGUAGE]["path"], True),
            "My learning (learner)": ("/sr-latn/learning/", True),
            "quiz start (learner)": (quiz.get_url(), True),
            "verify (anonymous)": (f"/sr-latn/certificates/verify/{certificate.code}/", False),
        }
    if library:
        paths["case law (anonymous)"] = (library["urls"]["index"], False)
        paths["case-law search (anonymous)"] = (library["urls"]["search"], False)
    return {
        "session_key": seeded["session_key"],
        "pages": {name: {"path": p, "signed_in": s} for name, (p, s) in paths.items()},
        "lessons": LessonPage.objects.descendant_of(course).count(),
        "enrolments": Enrolment.objects.filter(user=learner).count(),
        "cases": cases,
    }


def query_counts(*, pages: dict, session_key: str) -> dict:
    """Queries of one warm request to each page (Django's test client, same database and
    settings as the server), by table."""
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for name, page in pages.items():
        client = Client()
        if page["signed_in"]:
            client.cookies[settings.SESSION_COOKIE_NAME] = session_key
        client.get(page["path"])  # warm: caches filled as the server's would be
        with CaptureQueriesContext(connection) as context:
            status = client.get(page["path"]).status_code
        tables = Counter()
        for query in context.captured_queries:
            match = re.search(r'FROM "(\w+)"', query["sql"])
            tables[match.group(1) if match else query["sql"][:30]] += 1
        counts[name] = {
            "status": status,
            "queries": len(context.captured_queries),
            "by_table": tables.most_common(),
        }
    return counts

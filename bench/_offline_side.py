"""The Django side of bench/offline.py (run in subprocesses by common.django_call): the demo
content, a signed-in demo learner enrolled in every demo course, and the pages to weigh."""

from __future__ import annotations

from io import StringIO

LEARNER = "judge@demo.local"  # a demo learner (accounts/demo_content/accounts.yaml)


def _in_language(url: str, language: str) -> str:
    """A Serbian page's url under another prefix (/sr-latn/… → /sr/…): one locale, two
    scripts."""
    return f"/{language}/" + url.split("/", 2)[2]


def seed(*, languages: list[str]) -> dict:
    """`load_demo`, then the demo learner enrolled in every live demo course it may see.
    Returns, per language, each course's id, title and page paths (course, lessons in tree
    order), the home and case-law library paths, and the learner's session key."""
    from _common import session_key_for
    from django.core.management import call_command
    from django.utils import translation
    from wagtail.models import Locale

    from accounts.api import User
    from caselaw.api import CaseIndexPage
    from courses.api import CoursePage, EnrolmentSource, LessonPage, course_is_visible_to
    from courses.services import enrolment_create

    call_command("load_demo", allow_production=True, stdout=StringIO())
    learner = User.objects.get(email=LEARNER)
    serbian = Locale.objects.get(language_code="sr")
    english = Locale.objects.filter(language_code="en").first()
    courses, skipped = [], []
    for course in CoursePage.objects.live().filter(locale=serbian).order_by("path"):
        if not course_is_visible_to(course=course, user=learner):
            skipped.append(course.title)
            continue
        # As a manager would: the demo's prerequisites do not stop the benchmark.
        enrolment_create(user=learner, course=course, source=EnrolmentSource.MANAGER)
        courses.append(course)

    library = CaseIndexPage.objects.live().filter(locale=serbian).first()
    english_library = library.get_translation_or_none(english) if library and english else None
    result = {"session_key": session_key_for(learner), "learner": LEARNER, "skipped": skipped}
    for language in languages:
        content = english if language == "en" else serbian
        rows = []
        for course in courses:
            page = course if language != "en" else course.get_translation_or_none(content)
            if page is None or not page.live:
                continue
            lessons = LessonPage.objects.live().descendant_of(page).order_by("path")
            with translation.override("en" if language == "en" else "sr-latn"):
                course_url = page.get_url()
                lesson_rows = [{"title": ls.title, "path": ls.get_url()} for ls in lessons]
            if language == "sr":
                course_url = _in_language(course_url, "sr")
                for row in lesson_rows:
                    row["path"] = _in_language(row["path"], "sr")
            rows.append(
                {
                    "id": course.pk,  # the canonical (Serbian) id, as offline:copy takes it
                    "title": page.title,
                    "course": course_url,
                    "lessons": lesson_rows,
                }
            )
        lib = english_library if language == "en" else library
        library_path = ""
        if lib is not None and lib.live:
            with translation.override("en" if language == "en" else "sr-latn"):
                library_path = lib.get_url()
            if language == "sr":
                library_path = _in_language(library_path, "sr")
        result[language] = {"courses": rows, "home": f"/{language}/", "caselaw": library_path}
    return result

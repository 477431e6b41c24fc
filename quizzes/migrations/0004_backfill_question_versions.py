"""Version 1 of every question, existing attempt questions pinned to it; categories given to
the course whose quizzes use them where that is unambiguous.

The snapshot is built here from a frozen copy of `quizzes.versions.question_snapshot` (the
format of this moment); a later format only means a new version at the next change.

Categories: a category whose questions and draws are used by the quizzes of exactly one
course, under a parent used by more than one course (or by none), becomes a top category of
that course (its sub-categories follow). Everything else stays in the national bank, kept by
senior trainers and administrators. The demo's "one category per course under a common root"
is mapped this way.
"""

import re
from decimal import Decimal

from django.db import migrations

BLOCK_KEY = re.compile(r'\sdata-block-key="[^"]*"')


def _html(value) -> str:
    """Rich text without the editor's block keys (they change with no visible change);
    an empty paragraph is no text."""
    html = BLOCK_KEY.sub("", value or "").strip()
    return "" if html == "<p></p>" else html


def _dec(value):
    if value is None:
        return None
    return format(Decimal(str(value)).normalize(), "f")


def _snapshot(question, scenario):
    options = sorted(question.options.all(), key=lambda o: (o.sort_order or 0, o.pk))
    return {
        "kind": question.kind,
        "text": _html(question.text),
        "marks": _dec(question.marks),
        "general_feedback": _html(question.general_feedback),
        "shuffle_options": bool(question.shuffle_options),
        "true_false_answer": question.true_false_answer,
        "numeric_answer": _dec(question.numeric_answer),
        "numeric_tolerance": _dec(question.numeric_tolerance or 0),
        "case_id": question.case_id,
        "scenario": (
            {"id": scenario.pk, "text": _html(scenario.text), "case_id": scenario.case_id}
            if scenario is not None
            else None
        ),
        "options": [
            {
                "pk": o.pk,
                "text": o.text,
                "fraction": _dec(o.fraction),
                "feedback": o.feedback,
                "match_text": o.match_text,
            }
            for o in options
        ],
    }


def versions_forward(apps, schema_editor):
    Question = apps.get_model("quizzes", "Question")
    QuestionVersion = apps.get_model("quizzes", "QuestionVersion")
    AttemptQuestion = apps.get_model("quizzes", "AttemptQuestion")
    questions = list(Question.objects.select_related("scenario").prefetch_related("options"))
    have = set(QuestionVersion.objects.values_list("question_id", flat=True))
    QuestionVersion.objects.bulk_create(
        [
            QuestionVersion(question_id=q.pk, number=1, snapshot=_snapshot(q, q.scenario))
            for q in questions
            if q.pk not in have
        ],
        batch_size=500,
    )
    first = dict(QuestionVersion.objects.filter(number=1).values_list("question_id", "pk"))
    for question_id, version_id in first.items():
        AttemptQuestion.objects.filter(question_id=question_id, version__isnull=True).update(
            version_id=version_id
        )


def _default_locale_id(apps):
    from django.conf import settings
    from wagtail.coreutils import get_supported_content_language_variant

    Locale = apps.get_model("wagtailcore", "Locale")
    code = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    locale = Locale.objects.filter(language_code=code).first()
    return locale.pk if locale else None


def categories_forward(apps, schema_editor):
    QuestionCategory = apps.get_model("quizzes", "QuestionCategory")
    QuizSlot = apps.get_model("quizzes", "QuizSlot")
    Question = apps.get_model("quizzes", "Question")
    CoursePage = apps.get_model("courses", "CoursePage")
    Page = apps.get_model("wagtailcore", "Page")
    categories = {c.pk: c for c in QuestionCategory.objects.all()}
    if not categories:
        return
    # Each course page → the same course in the default locale.
    locale_id = _default_locale_id(apps)
    courses = list(CoursePage.objects.values_list("pk", "path", "translation_key", "locale_id"))
    canonical_by_key = {key: pk for pk, _p, key, loc in courses if loc == locale_id}
    course_paths = [(path, canonical_by_key.get(key, pk)) for pk, path, key, _l in courses]

    def course_of(path):
        for course_path, course_id in course_paths:
            if path.startswith(course_path):
                return course_id
        return None

    page_paths = dict(Page.objects.values_list("pk", "path"))
    question_category = dict(Question.objects.values_list("pk", "category_id"))
    used: dict[int, set[int]] = {}  # category id → courses whose quizzes use it directly
    for page_id, question_id, category_id in QuizSlot.objects.values_list(
        "page_id", "question_id", "category_id"
    ):
        course_id = course_of(page_paths.get(page_id, ""))
        if course_id is None:
            continue
        target = category_id or question_category.get(question_id)
        if target is not None:
            used.setdefault(target, set()).add(course_id)
    children: dict[int | None, list[int]] = {}
    for c in categories.values():
        children.setdefault(c.parent_id, []).append(c.pk)

    def subtree_courses(pk, memo={}):  # noqa: B006 (a memo for this run)
        if pk not in memo:
            found = set(used.get(pk, set()))
            for child in children.get(pk, []):
                found |= subtree_courses(child)
            memo[pk] = found
        return memo[pk]

    def assign(pk, course_id):
        QuestionCategory.objects.filter(pk=pk).update(course_id=course_id)
        for child in children.get(pk, []):
            assign(child, course_id)

    top_names = set(
        QuestionCategory.objects.filter(parent__isnull=True).values_list("name", flat=True)
    )
    for pk in children.get(None, []):
        _place(pk, None, categories, children, subtree_courses, assign, top_names)


def _place(pk, parent_courses, categories, children, subtree_courses, assign, top_names):
    """Walk down from the tops; the highest category used by exactly one course goes to it
    (made a top category when it was below a shared one)."""
    mine = subtree_courses(pk)
    if len(mine) == 1:
        (course_id,) = mine
        category = categories[pk]
        if category.parent_id is not None:
            if category.name in top_names:
                return  # a top of that name exists: leave it in the national bank
            top_names.add(category.name)
            type(category).objects.filter(pk=pk).update(parent_id=None)
        assign(pk, course_id)
        return
    for child in children.get(pk, []):
        _place(child, mine, categories, children, subtree_courses, assign, top_names)


class Migration(migrations.Migration):
    dependencies = [
        ("quizzes", "0003_question_versions"),
    ]

    operations = [
        migrations.RunPython(versions_forward, migrations.RunPython.noop),
        migrations.RunPython(categories_forward, migrations.RunPython.noop),
    ]

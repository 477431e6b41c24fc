"""Load the demo quizzes (`quizzes.demo_content`) into the demo courses: the question bank
(one top category per course, belonging to the course, with a sub-category per module quiz
and one for the final exam, every question in Serbian and English), a module quiz and a
final exam in each course, in Serbian and as English translations.

Idempotent: questions are found by name ("<key> (<language>)"), quiz pages by slug under
their module (Serbian) or by translation (English). What already matches the data is left
alone; a question or page whose data changed gets a new revision.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from typing import Any

from django.db import transaction
from wagtail.models import Locale

from courses.models import CoursePage, ModulePage

from .demo_content import QUIZZES
from .models import (
    Question,
    QuestionCategory,
    QuestionKind,
    QuestionOption,
    QuizPage,
    QuizSlot,
    ReviewItem,
)
from .versions import question_versions_sync

LANGUAGES = ("sr", "en")
MODULE_QUIZ = {"sr": "provera-znanja", "en": "quiz"}
FINAL_QUIZ = {"sr": "zavrsni-test", "en": "final-exam"}
FINAL_DRAWS = 7


def load_quizzes() -> Counter[str]:
    """Create or update the demo quizzes. Courses missing from the database are skipped."""
    counts: Counter[str] = Counter()
    with transaction.atomic():
        english = Locale.objects.filter(language_code="en").first()
        for data in QUIZZES:
            course = CoursePage.objects.filter(slug=data["course"], locale__language_code="sr")
            course = course.first()
            if course is None:
                counts["skipped"] += 1
                continue
            _load_course_quizzes(data, course, english, counts)
        # Version every demo question as it now stands (a new version only where it changed).
        question_versions_sync(question_ids=Question.objects.values_list("pk", flat=True))
    return counts


def _load_course_quizzes(data, course, english, counts) -> None:
    # The course's own bank: a top category belonging to the course (its authors keep it).
    course_category = _category(course.title, None, course=course)
    module = ModulePage.objects.child_of(course).get(slug=data["module"])
    final = ModulePage.objects.child_of(course).get(slug=data["final"])
    module_category = _category(module.title, course_category)
    final_category = _category("Završni test", course_category)

    module_questions = {
        lang: [_question(q, lang, module_category, counts) for q in data["module_questions"]]
        for lang in LANGUAGES
    }
    final_questions = {
        lang: [_question(q, lang, final_category, counts) for q in data["final_questions"]]
        for lang in LANGUAGES
    }
    module_settings = {
        "required": True,
        "is_final": False,
        "pass_mark": Decimal("70"),
        "attempts_allowed": 3,
        "questions_per_page": 5,
        "estimated_minutes": 10,
        "shuffle_options": True,
        # A practice quiz: everything once submitted.
        "review_immediately": list(ReviewItem.values),
        "review_open": list(ReviewItem.values),
        "review_closed": list(ReviewItem.values),
    }
    final_settings = {
        "required": True,
        "is_final": True,
        "pass_mark": Decimal("70"),
        "attempts_allowed": 3,
        "time_limit_minutes": 30,
        "questions_per_page": 5,
        "estimated_minutes": 30,
        "shuffle_options": True,
        # The exam: answers and score while attempts remain; the key, marks and feedback
        # only once the learner has passed or used every attempt.
        "review_immediately": [ReviewItem.RESPONSE.value, ReviewItem.SCORE.value],
        "review_open": [ReviewItem.RESPONSE.value, ReviewItem.SCORE.value],
        "review_closed": list(ReviewItem.values),
    }
    for lang_index, lang in enumerate(LANGUAGES):
        if lang == "en" and english is None:
            continue
        title = data["module_title"][lang_index]
        _quiz_page(
            module if lang == "sr" else module.get_translation_or_none(english),
            slug=MODULE_QUIZ[lang],
            title=title,
            settings=module_settings,
            slots=[(q, None, 0) for q in module_questions[lang]],
            source=None if lang == "sr" else (module, MODULE_QUIZ["sr"]),
            counts=counts,
        )
        _quiz_page(
            final if lang == "sr" else final.get_translation_or_none(english),
            slug=FINAL_QUIZ[lang],
            title=data["final_title"][lang_index],
            settings=final_settings,
            slots=[
                *[(q, None, 0) for q in final_questions[lang]],
                (None, course_category, FINAL_DRAWS),
            ],
            source=None if lang == "sr" else (final, FINAL_QUIZ["sr"]),
            counts=counts,
        )


def _category(name: str, parent: QuestionCategory | None, course=None) -> QuestionCategory:
    category, _ = QuestionCategory.objects.get_or_create(
        name=name[:200], parent=parent, defaults={"course": course}
    )
    if parent is None and category.course_id != (course.pk if course else None):
        category.course = course
        category.save()  # its sub-categories follow
    return category


def _case_cited(key: str, lang: str):
    """The demo library's case a scenario cites, in the quiz's language (None when the
    case-law demo is not loaded)."""
    from caselaw.models import CasePage

    from .demo_content import CASES_CITED

    number = CASES_CITED.get(key)
    if number is None:
        return None
    return (
        CasePage.objects.filter(application_numbers__contains=number, locale__language_code=lang)
        .order_by("pk")
        .first()
    )


def _question(data: dict[str, Any], lang: str, category, counts, scenario=None, position=0):
    index = LANGUAGES.index(lang)
    fields = {
        "kind": data["kind"],
        "category": category,
        "language": lang,
        "text": data[lang] if data[lang].startswith("<") else f"<p>{data[lang]}</p>",
        "marks": Decimal("1"),
        "shuffle_options": True,  # the demo authors the right answer first
        "general_feedback": (f"<p>{data['explain'][index]}</p>" if data.get("explain") else ""),
        "true_false_answer": data["answer"] if data["kind"] == QuestionKind.TRUE_FALSE else None,
        "numeric_answer": (
            Decimal(str(data["answer"])) if data["kind"] == QuestionKind.NUMERIC else None
        ),
        "numeric_tolerance": Decimal(str(data.get("tolerance", 0))),
        "scenario": scenario,
        "scenario_position": position,
        "case": _case_cited(data["key"], lang),
    }
    options = _options(data, index)
    name = f"{data['key']} ({lang})"
    question = Question.objects.filter(name=name).first()
    changed = question is None
    if question is None:
        question = Question(name=name, **fields)
    else:
        for key, value in fields.items():
            if key in ("category", "scenario", "case"):
                same = getattr(question, f"{key}_id") == (value.pk if value else None)
            else:
                same = getattr(question, key) == value
            if not same:
                setattr(question, key, value)
                changed = True
    existing = (
        [(o.text, o.fraction, o.feedback, o.match_text) for o in question.options.all()]
        if question.pk
        else []
    )
    if existing != options:
        question.options = [
            QuestionOption(text=t, fraction=f, feedback=fb, match_text=m, sort_order=i)
            for i, (t, f, fb, m) in enumerate(options)
        ]
        changed = True
    if changed:
        question.save()
        question.save_revision()
        counts["questions changed"] += 1
    else:
        counts["questions unchanged"] += 1
    for position, sub in enumerate(data.get("subs", []), 1):
        _question(sub, lang, category, counts, scenario=question, position=position)
    return question


def _options(data: dict[str, Any], index: int) -> list[tuple]:
    rows = []
    for option in data.get("options", []):
        fraction = Decimal(str(round(option[2], 5)))
        feedback = option[3 + index] if len(option) > 3 else ""
        rows.append((option[index], fraction.quantize(Decimal("0.00001")), feedback, ""))
    for pair in data.get("pairs", []):
        rows.append((pair[index], Decimal("0.00000"), "", pair[2 + index]))
    return rows


def _quiz_page(parent, *, slug, title, settings, slots, source, counts) -> QuizPage | None:
    if parent is None:
        return None
    wanted_slots = [(q.pk if q else None, c.pk if c else None, n or 1) for q, c, n in slots]
    if source is None:
        page = QuizPage.objects.child_of(parent).filter(slug=slug).first()
        extra = {}
    else:
        source_module, source_slug = source
        original = QuizPage.objects.child_of(source_module).get(slug=source_slug)
        page = original.get_translation_or_none(parent.locale)
        page = page.specific if page is not None else None
        extra = {"locale": parent.locale, "translation_key": original.translation_key}
    if page is None:
        page = QuizPage(slug=slug, title=title, **settings, **extra)
        page.slots = _slots(wanted_slots)
        parent.add_child(instance=page)
        page.save_revision().publish()
        counts["quiz pages created"] += 1
        return page
    changed = page.alias_of_id is not None or not page.live
    page.alias_of = None
    for key, value in {"title": title, **settings}.items():
        if getattr(page, key) != value:
            setattr(page, key, value)
            changed = True
    current = [
        (s.question_id, s.category_id, s.draw_count) for s in page.slots.order_by("sort_order")
    ]
    if current != wanted_slots:
        page.slots = _slots(wanted_slots)
        changed = True
    if changed:
        page.save_revision().publish()
        counts["quiz pages updated"] += 1
    else:
        counts["quiz pages unchanged"] += 1
    return page


def _slots(wanted) -> list[QuizSlot]:
    return [
        QuizSlot(question_id=q, category_id=c, draw_count=n, sort_order=i)
        for i, (q, c, n) in enumerate(wanted)
    ]

"""Load the demo quizzes (`demo_content/`, one file per course) into the demo courses: the
question bank (one top category per course, belonging to the course, with a sub-category per
module quiz and one for the final exam, every question in Serbian and English), a module
quiz and a final exam in each course, in Serbian and as English translations; and a file's
other quizzes (`other_quizzes`: not required for the course, such as the pre-test and
post-test of a training that `evaluation/demo_content/knowledge_tests.yaml` names), each
showing every question of a category of their own.

Every file is read and checked first, and its references too (the course, the modules, a
cited case): a wrong one stops the load with the file, the place and the reason.

Idempotent: questions are found by name ("<key> (<language>)"), quiz pages by slug under
their module (Serbian) or by translation (English). What already matches the data is left
alone; a question or page whose data changed gets a new revision.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction
from wagtail.models import Locale

from caselaw.api import CasePage
from config.api import DemoFile, demo_file_read, demo_folder
from courses.api import CoursePage, ModulePage

from . import models
from .models import QuestionKind, ReviewItem
from .versions import question_versions_sync

DEMO_AFTER = ("courses", "caselaw")
FOLDER = demo_folder(__file__)
LANGUAGES = ("sr", "en")
MODULE_QUIZ = {"sr": "provera-znanja", "en": "quiz"}
FINAL_QUIZ = {"sr": "zavrsni-test", "en": "final-exam"}
FINAL_DRAWS = 7
QUIZ_FIELDS = ("course", "module", "final", "module_title", "final_title")
# Other quizzes: tests given before and after a training. Answers and score once submitted,
# never the key (the same questions come again afterwards).
OTHER_SETTINGS = {
    "required": False,
    "is_final": False,
    "pass_mark": Decimal("50"),
    "attempts_allowed": 1,
    "questions_per_page": 5,
    "estimated_minutes": 15,
    "shuffle_options": True,
    "review_immediately": [ReviewItem.RESPONSE.value, ReviewItem.SCORE.value],
    "review_open": [ReviewItem.RESPONSE.value, ReviewItem.SCORE.value],
    "review_closed": [ReviewItem.RESPONSE.value, ReviewItem.SCORE.value],
}
# What each kind of question has besides its key, kind and text.
KIND_FIELDS = {
    QuestionKind.SINGLE: ("options",),
    QuestionKind.MULTIPLE: ("options",),
    QuestionKind.SHORT_TEXT: ("options",),
    QuestionKind.ORDERING: ("options",),
    QuestionKind.MATCHING: ("pairs",),
    QuestionKind.TRUE_FALSE: ("answer",),
    QuestionKind.NUMERIC: ("answer",),
    QuestionKind.SCENARIO: ("subs",),
}


# --- Reading the files ------------------------------------------------------------------


@dataclass(frozen=True)
class DemoQuizzes:
    """One course's quizzes, as its file gives them (`questions` parsed, HTML made)."""

    file: DemoFile
    course: str
    module: str
    final: str
    module_title: dict[str, str]
    final_title: dict[str, str]
    module_questions: list[dict]
    final_questions: list[dict]
    # {"category": name, "quizzes": [{"module", "slug", "title"}], "questions": [...]} or None
    other_quizzes: dict | None = None


def demo_quizzes(folder: Path | None = None) -> list[DemoQuizzes]:
    """Every file, read and checked; references are checked when loading."""
    folder = FOLDER if folder is None else folder
    return [_quizzes(demo_file_read(path)) for path in sorted(folder.glob("*.yaml"))]


def _quizzes(file: DemoFile) -> DemoQuizzes:
    data = file.check(
        file.data,
        "",
        required=(*QUIZ_FIELDS, "module_questions", "final_questions"),
        optional=("other_quizzes",),
    )
    keys: set[str] = set()
    return DemoQuizzes(
        file=file,
        **{key: file.text(data[key], key) for key in ("course", "module", "final")},
        **{key: _by_language(file, data[key], key) for key in ("module_title", "final_title")},
        **{
            key: [
                _question(file, q, f"{key}[{i}]", keys)
                for i, q in enumerate(file.items(data[key], key))
            ]
            for key in ("module_questions", "final_questions")
        },
        other_quizzes=_other_quizzes(file, data["other_quizzes"], keys)
        if "other_quizzes" in data
        else None,
    )


def _other_quizzes(file: DemoFile, data: Any, keys: set[str]) -> dict:
    place = "other_quizzes"
    file.check(data, place, required=("category", "quizzes", "questions"))
    quizzes = []
    for i, quiz in enumerate(file.items(data["quizzes"], f"{place}.quizzes")):
        here = f"{place}.quizzes[{i}]"
        file.check(quiz, here, required=("module", "slug", "title"))
        quizzes.append(
            {
                "module": file.text(quiz["module"], f"{here}.module"),
                "slug": _by_language(file, quiz["slug"], f"{here}.slug"),
                "title": _by_language(file, quiz["title"], f"{here}.title"),
            }
        )
    return {
        "category": file.text(data["category"], f"{place}.category"),
        "quizzes": quizzes,
        "questions": [
            _question(file, q, f"{place}.questions[{i}]", keys)
            for i, q in enumerate(file.items(data["questions"], f"{place}.questions"))
        ],
    }


def _by_language(file: DemoFile, value: Any, place: str, *, rich: bool = False) -> dict:
    file.check(value, place, required=LANGUAGES)
    read = file.rich_text if rich else file.text
    return {lang: read(value[lang], f"{place}.{lang}") for lang in LANGUAGES}


def _question(file: DemoFile, data: Any, place: str, keys: set[str]) -> dict:
    if not isinstance(data, dict):
        raise file.error(place, "expected a question (a mapping of fields)")
    # The kinds the demo files write (essays and cloze questions are not among them yet).
    kind = file.choice(data.get("kind"), f"{place}.kind", [k.value for k in KIND_FIELDS])
    extra = KIND_FIELDS[QuestionKind(kind)]
    optional = ["explain", "case"]
    if kind == QuestionKind.NUMERIC:
        optional.append("tolerance")
    file.check(data, place, required=("key", "kind", *LANGUAGES, *extra), optional=optional)
    key = file.text(data["key"], f"{place}.key")
    if key in keys:
        raise file.error(f"{place}.key", f"the key {key} is used twice")
    keys.add(key)
    place = f"{place} ({key})"
    question = {
        "key": key,
        "kind": kind,
        "text": _by_language(file, {lang: data[lang] for lang in LANGUAGES}, place, rich=True),
        "explain": _by_language(file, data["explain"], f"{place}.explain", rich=True)
        if "explain" in data
        else None,
        "case": file.text(data["case"], f"{place}.case") if "case" in data else None,
        "options": [],
        "subs": [],
    }
    for i, option in enumerate(file.items(data.get("options", []), f"{place}.options")):
        here = f"{place}.options[{i}]"
        file.check(option, here, required=(*LANGUAGES, "fraction"), optional=("feedback",))
        question["options"].append(
            (
                {lang: file.text(option[lang], f"{here}.{lang}") for lang in LANGUAGES},
                _number(file, option["fraction"], f"{here}.fraction"),
                _by_language(file, option["feedback"], f"{here}.feedback")
                if "feedback" in option
                else None,
                None,
            )
        )
    for i, pair in enumerate(file.items(data.get("pairs", []), f"{place}.pairs")):
        here = f"{place}.pairs[{i}]"
        file.check(pair, here, required=(*LANGUAGES, "match"))
        question["options"].append(
            (
                {lang: file.text(pair[lang], f"{here}.{lang}") for lang in LANGUAGES},
                0,
                None,
                _by_language(file, pair["match"], f"{here}.match"),
            )
        )
    if kind == QuestionKind.TRUE_FALSE:
        if not isinstance(data["answer"], bool):
            raise file.error(f"{place}.answer", "expected true or false")
        question["answer"] = data["answer"]
    if kind == QuestionKind.NUMERIC:
        question["answer"] = _number(file, data["answer"], f"{place}.answer")
        question["tolerance"] = _number(file, data.get("tolerance", 0), f"{place}.tolerance")
    for i, sub in enumerate(file.items(data.get("subs", []), f"{place}.subs")):
        question["subs"].append(_question(file, sub, f"{place}.subs[{i}]", keys))
    return question


def _number(file: DemoFile, value: Any, place: str):
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise file.error(place, "expected a number")
    return value


# --- Loading --------------------------------------------------------------------------


def load(report) -> None:
    """A module quiz and a final exam in each demo course, in Serbian and English."""
    counts = load_quizzes()
    report.notes.append(
        "Quizzes: " + ", ".join(f"{counts[key]} {key}" for key in sorted(counts)) + "."
    )


def load_quizzes(folder: Path | None = None) -> Counter[str]:
    """Create or update the demo quizzes, course by course in the catalogue's order."""
    folder = FOLDER if folder is None else folder
    by_course = {}
    for quizzes in demo_quizzes(folder):
        if quizzes.course in by_course:
            raise quizzes.file.error("course", f"{quizzes.course} has another quiz file")
        by_course[quizzes.course] = quizzes
    counts: Counter[str] = Counter()
    with transaction.atomic():
        english = Locale.objects.filter(language_code="en").first()
        courses = {
            c.slug: c
            for c in CoursePage.objects.filter(locale__language_code="sr").order_by("path")
        }
        for slug, quizzes in by_course.items():
            if slug not in courses:
                raise quizzes.file.error("course", f"no demo course with the slug {slug}")
        for slug, course in courses.items():
            if slug in by_course:
                _load_course_quizzes(by_course[slug], course, english, counts)
        # Version every demo question as it now stands (a new version only where it changed).
        question_versions_sync(question_ids=models.Question.objects.values_list("pk", flat=True))
    return counts


def _module(data: DemoQuizzes, course, field: str, slug: str | None = None):
    slug = slug or getattr(data, field)
    module = ModulePage.objects.child_of(course).filter(slug=slug).first()
    if module is None:
        raise data.file.error(field, f"no module {slug!r} in the course {course.slug}")
    return module


def _load_course_quizzes(data: DemoQuizzes, course, english, counts) -> None:
    # The course's own bank: a top category belonging to the course (its authors keep it).
    course_category = _category(course.title, None, course=course)
    module = _module(data, course, "module")
    final = _module(data, course, "final")
    module_category = _category(module.title, course_category)
    final_category = _category("Završni test", course_category)
    cases = _cases_cited(data)

    module_questions = {
        lang: [
            _question_sync(q, lang, module_category, cases, counts) for q in data.module_questions
        ]
        for lang in LANGUAGES
    }
    final_questions = {
        lang: [_question_sync(q, lang, final_category, cases, counts) for q in data.final_questions]
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
    for lang in LANGUAGES:
        if lang == "en" and english is None:
            continue
        title = data.module_title[lang]
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
            title=data.final_title[lang],
            settings=final_settings,
            slots=[
                *[(q, None, 0) for q in final_questions[lang]],
                (None, course_category, FINAL_DRAWS),
            ],
            source=None if lang == "sr" else (final, FINAL_QUIZ["sr"]),
            counts=counts,
        )
    if data.other_quizzes:
        _load_other_quizzes(data, course, course_category, cases, english, counts)


def _load_other_quizzes(data: DemoQuizzes, course, course_category, cases, english, counts):
    other = data.other_quizzes
    category = _category(other["category"], course_category)
    questions = {
        lang: [_question_sync(q, lang, category, cases, counts) for q in other["questions"]]
        for lang in LANGUAGES
    }
    for i, quiz in enumerate(other["quizzes"]):
        module = _module(data, course, f"other_quizzes.quizzes[{i}].module", quiz["module"])
        for lang in LANGUAGES:
            if lang == "en" and english is None:
                continue
            _quiz_page(
                module if lang == "sr" else module.get_translation_or_none(english),
                slug=quiz["slug"][lang],
                title=quiz["title"][lang],
                settings=OTHER_SETTINGS,
                slots=[(q, None, 0) for q in questions[lang]],
                source=None if lang == "sr" else (module, quiz["slug"]["sr"]),
                counts=counts,
            )


def _category(name: str, parent, course=None):
    category, _ = models.QuestionCategory.objects.get_or_create(
        name=name[:200], parent=parent, defaults={"course": course}
    )
    if parent is None and category.course_id != (course.pk if course else None):
        category.course = course
        category.save()  # its sub-categories follow
    return category


def _cases_cited(data: DemoQuizzes) -> dict[tuple[str, str], Any]:
    """{(application number, language): the demo library's case} for each case a question
    of the file cites."""
    cited = {}
    for place, question in _with_places(data):
        number = question["case"]
        if number is None:
            continue
        for lang in LANGUAGES:
            case = (
                CasePage.objects.filter(
                    application_numbers__contains=number, locale__language_code=lang
                )
                .order_by("pk")
                .first()
            )
            if case is None and lang == "sr":
                raise data.file.error(f"{place}.case", f"no case with the application no. {number}")
            cited[number, lang] = case
    return cited


def _with_places(data: DemoQuizzes):
    groups = [(field, getattr(data, field)) for field in ("module_questions", "final_questions")]
    if data.other_quizzes:
        groups.append(("other_quizzes.questions", data.other_quizzes["questions"]))
    for field, questions in groups:
        stack = [(f"{field}[{i}]", q) for i, q in enumerate(questions)]
        while stack:
            place, question = stack.pop()
            yield place, question
            stack.extend((f"{place}.subs[{i}]", s) for i, s in enumerate(question["subs"]))


def _question_sync(data: dict, lang: str, category, cases, counts, scenario=None, position=0):
    kind = data["kind"]
    fields = {
        "kind": kind,
        "category": category,
        "language": lang,
        "text": data["text"][lang],
        "marks": Decimal("1"),
        "shuffle_options": True,  # the demo authors the right answer first
        "general_feedback": data["explain"][lang] if data["explain"] else "",
        "true_false_answer": data["answer"] if kind == QuestionKind.TRUE_FALSE else None,
        "numeric_answer": (Decimal(str(data["answer"])) if kind == QuestionKind.NUMERIC else None),
        "numeric_tolerance": Decimal(str(data.get("tolerance", 0))),
        "scenario": scenario,
        "scenario_position": position,
        "case": cases.get((data["case"], lang)) if data["case"] else None,
    }
    options = _options(data, lang)
    name = f"{data['key']} ({lang})"
    question = models.Question.objects.filter(name=name).first()
    changed = question is None
    if question is None:
        question = models.Question(name=name, **fields)
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
            models.QuestionOption(text=t, fraction=f, feedback=fb, match_text=m, sort_order=i)
            for i, (t, f, fb, m) in enumerate(options)
        ]
        changed = True
    if changed:
        question.save()
        question.save_revision()
        counts["questions changed"] += 1
    else:
        counts["questions unchanged"] += 1
    for position, sub in enumerate(data["subs"], 1):
        _question_sync(sub, lang, category, cases, counts, scenario=question, position=position)
    return question


def _options(data: dict, lang: str) -> list[tuple]:
    rows = []
    for text, fraction, feedback, match in data["options"]:
        # Moodle keeps seven decimals (0.3333333): three such options make full marks.
        fraction = Decimal(str(round(fraction, 7))).quantize(Decimal("0.0000001"))
        rows.append(
            (text[lang], fraction, feedback[lang] if feedback else "", match[lang] if match else "")
        )
    return rows


def _quiz_page(parent, *, slug, title, settings, slots, source, counts) -> models.QuizPage | None:
    if parent is None:
        return None
    wanted_slots = [(q.pk if q else None, c.pk if c else None, n or 1) for q, c, n in slots]
    if source is None:
        page = models.QuizPage.objects.child_of(parent).filter(slug=slug).first()
        extra = {}
    else:
        source_module, source_slug = source
        original = models.QuizPage.objects.child_of(source_module).get(slug=source_slug)
        page = original.get_translation_or_none(parent.locale)
        page = page.specific if page is not None else None
        extra = {"locale": parent.locale, "translation_key": original.translation_key}
    if page is None:
        page = models.QuizPage(slug=slug, title=title, **settings, **extra)
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


def _slots(wanted) -> list[models.QuizSlot]:
    return [
        models.QuizSlot(question_id=q, category_id=c, draw_count=n, sort_order=i)
        for i, (q, c, n) in enumerate(wanted)
    ]

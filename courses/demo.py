"""Load the demo curriculum: four courses, one per programme objective, in Serbian and English.

The text lives in `demo_content/` as YAML files (see its README): `index.yaml` (the catalogue,
the courses in order, the demo trainers), one folder per course with its `course.yaml`, and
one file per lesson. This module checks them all, then turns them into pages: the Serbian
tree under the Serbian home page, and English translations (same `translation_key`, locale
`en`) under the English home page, which it creates when missing.

Idempotent: pages are found by slug under their parent (Serbian) or by translation (English).
A page whose content already matches the data is left alone, so a second run creates no
pages and no revisions; a page whose data changed gets a new revision, published.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, TextIO

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from wagtail.models import Locale, Page

from accounts.api import Profession
from config.api import DemoContentError, DemoFile, demo_file_read, demo_folder, stream_read
from home.api import HomePage, home_page_in

from .authoring import course_assign_trainer
from .blocks import LessonStreamBlock
from .models import CourseIndexPage, CoursePage, LessonPage, Level, ModulePage, ProgrammeObjective

DEMO_AFTER = ("accounts", "home")
FOLDER = demo_folder(__file__)
ENGLISH = "en"
LANGUAGES = ("sr", "en")


# --- Reading the files ------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    """Where a page's text comes from, for an error message."""

    file: DemoFile
    place: str


@dataclass(frozen=True)
class DemoCurriculum:
    index: dict[str, dict]  # language → page fields
    courses: list[dict]
    trainers: list[str]


def demo_curriculum(folder: Path | None = None) -> DemoCurriculum:
    """Every file of the curriculum, read and checked (nothing is written)."""
    folder = FOLDER if folder is None else folder
    file = demo_file_read(folder / "index.yaml")
    data = file.check(file.data, "", required=(*LANGUAGES, "courses"), optional=("trainers",))
    index = {lang: _text(file, data[lang], lang, rich=("intro",)) for lang in LANGUAGES}
    courses = [
        _course(folder / file.text(name, f"courses[{i}]"))
        for i, name in enumerate(file.items(data["courses"], "courses"))
    ]
    trainers = [
        file.text(email, "trainers") for email in file.items(data.get("trainers", []), "trainers")
    ]
    return DemoCurriculum(index=index, courses=courses, trainers=trainers)


def _text(file: DemoFile, data: Any, place: str, *, rich=(), plain=()) -> dict[str, Any]:
    """A page's own fields in one language: slug, title, and the given plain / rich ones."""
    file.check(data, place, required=("slug", "title", *plain, *rich))
    values = {name: file.text(data[name], f"{place}.{name}") for name in ("slug", "title", *plain)}
    values.update({name: file.rich_text(data[name], f"{place}.{name}") for name in rich})
    return values


def _course(folder: Path) -> dict[str, Any]:
    folder = FOLDER if folder is None else folder
    file = demo_file_read(folder / "course.yaml")
    data = file.check(
        file.data,
        "",
        required=(
            "programme_objective", "audience_professions", "level", "estimated_hours",
            *LANGUAGES, "modules",
        ),
        optional=("validity_months",),
    )  # fmt: skip
    try:
        hours = Decimal(str(data["estimated_hours"]))
    except InvalidOperation as error:
        raise file.error("estimated_hours", "expected a number of hours") from error
    course = {
        "source": Source(file, ""),
        "programme_objective": file.choice(
            data["programme_objective"], "programme_objective", ProgrammeObjective.values
        ),
        "audience_professions": [
            file.choice(p, "audience_professions", Profession.values)
            for p in file.items(data["audience_professions"], "audience_professions")
        ],
        "level": file.choice(data["level"], "level", Level.values),
        "estimated_hours": hours,
        "validity_months": data.get("validity_months"),
        "modules": [],
    }
    for lang in LANGUAGES:
        course[lang] = _text(
            file, data[lang], lang, plain=("summary",), rich=("learning_objectives",)
        )
    for m, module in enumerate(file.items(data["modules"], "modules")):
        place = f"modules[{m}]"
        file.check(module, place, required=(*LANGUAGES, "lessons"))
        entry = {
            lang: _text(file, module[lang], f"{place}.{lang}", rich=("intro",))
            for lang in LANGUAGES
        }
        entry["source"] = Source(file, place)
        entry["lessons"] = [
            _lesson(file, folder / entry["sr"]["slug"], name, f"{place}.lessons[{i}]")
            for i, name in enumerate(file.items(module["lessons"], f"{place}.lessons"))
        ]
        course["modules"].append(entry)
    return course


def _lesson(course_file: DemoFile, folder: Path, name: Any, place: str) -> dict[str, Any]:
    folder = FOLDER if folder is None else folder
    name = course_file.text(name, place)
    path = folder / f"{name}.yaml"
    if not path.is_file():
        raise course_file.error(
            place, f"no lesson file {path.relative_to(course_file.path.parent)}"
        )
    file = demo_file_read(path)
    data = file.check(file.data, "", required=("minutes", *LANGUAGES))
    if not isinstance(data["minutes"], int) or data["minutes"] <= 0:
        raise file.error("minutes", "expected a whole number of minutes")
    lesson = {"minutes": data["minutes"], "source": Source(file, "")}
    stream_block = LessonStreamBlock()
    for lang in LANGUAGES:
        text = file.check(data[lang], lang, required=("slug", "title", "body"))
        lesson[lang] = {
            "slug": file.text(text["slug"], f"{lang}.slug"),
            "title": file.text(text["title"], f"{lang}.title"),
            "body": stream_read(file, text["body"], f"{lang}.body", stream_block),
        }
    return lesson


@contextmanager
def _refused_as(source: Source) -> Iterator[None]:
    """A page that refuses the file's values is reported at the file."""
    try:
        yield
    except ValidationError as error:
        reasons = "; ".join(
            f"{field}: {' '.join(str(m) for m in messages)}"
            for field, messages in getattr(error, "message_dict", {"": error.messages}).items()
        )
        raise DemoContentError(source.file.path, source.place, f"refused: {reasons}") from error


# --- Loading --------------------------------------------------------------------------


def load(report) -> None:
    """The courses, given to the demo trainers to edit."""
    counts = load_courses()
    report.notes.append(
        f"Demo courses: {counts['created']} pages created, {counts['updated']} updated, "
        f"{counts['unchanged']} unchanged."
    )
    trainers = get_user_model().objects.filter(email__in=demo_curriculum().trainers)
    serbian_courses = CoursePage.objects.filter(locale__language_code="sr")
    for trainer in trainers:
        for course in serbian_courses:
            course_assign_trainer(course=course, user=trainer)
    report.notes.append(f"Courses given to the demo trainers: {serbian_courses.count()}.")


def load_courses(*, stdout: TextIO | None = None, folder: Path | None = None) -> Counter[str]:
    """Create or update the demo courses, publish them, and report what changed."""
    folder = FOLDER if folder is None else folder
    curriculum = demo_curriculum(folder)
    counts: Counter[str] = Counter()
    with transaction.atomic():
        serbian = Locale.get_default()
        english, _ = Locale.objects.get_or_create(language_code=ENGLISH)
        home_sr = home_page_in(serbian)
        home_en = _english_home(home_sr, english, counts)
        index_sr, index_en = _course_index(curriculum.index, home_sr, home_en, english, counts)
        for course in curriculum.courses:
            _load_course(course, index_sr, index_en, english, counts)
    if stdout is not None:
        stdout.write(
            f"Demo courses: {counts['created']} pages created, {counts['updated']} updated, "
            f"{counts['unchanged']} unchanged.\n"
        )
    return counts


# --- The home pages and the catalogue ---------------------------------------------------


def _english_home(home_sr: HomePage, english: Locale, counts: Counter[str]) -> HomePage:
    """The English translation of the home page; copied from the Serbian one if missing.
    Its text is the home page's business (`load_demo`), not ours."""
    home_en = home_sr.get_translation_or_none(english)
    if home_en is None:
        home_en = home_sr.copy_for_translation(english)
        home_en.save_revision().publish()
        counts["created"] += 1
    elif not home_en.live:
        home_en.save_revision().publish()
    return home_en.specific


def _course_index(
    index: dict[str, dict],
    home_sr: HomePage,
    home_en: HomePage,
    english: Locale,
    counts: Counter[str],
) -> tuple[CourseIndexPage, CourseIndexPage]:
    """The catalogue in each language. An existing catalogue is used as it is: editors own
    its title and introduction once it exists."""
    index_sr = CourseIndexPage.objects.child_of(home_sr).order_by("path").first()
    if index_sr is None:
        index_sr = _create(home_sr, CourseIndexPage, index["sr"], counts)
    index_en = index_sr.get_translation_or_none(english)
    if index_en is None:
        fields = index["en"]
        index_en = _create(
            home_en,
            CourseIndexPage,
            fields,
            counts,
            locale=english,
            translation_key=index_sr.translation_key,
        )
    else:
        index_en = index_en.specific
        if index_en.alias_of_id is not None:
            # A parent copied as an alias by `copy_for_translation(copy_parents=True)`:
            # make it a page of its own, with English text.
            index_en.alias_of = None
            _update(index_en, index["en"], counts, force=True)
    return index_sr, index_en


# --- Courses, modules and lessons -------------------------------------------------------


def _load_course(
    course: dict[str, Any],
    index_sr: CourseIndexPage,
    index_en: CourseIndexPage,
    english: Locale,
    counts: Counter[str],
) -> None:
    shared = {
        "programme_objective": course["programme_objective"],
        "audience_professions": list(course["audience_professions"]),
        "level": course["level"],
        "estimated_hours": course["estimated_hours"],
        "validity_months": course["validity_months"],
        "access": "open",
    }
    with _refused_as(course["source"]):
        course_sr = _sync_serbian(index_sr, CoursePage, {**course["sr"], **shared}, counts)
        course_en = _sync_english(
            course_sr, index_en, CoursePage, {**course["en"], **shared}, english, counts
        )
    for module in course["modules"]:
        with _refused_as(module["source"]):
            module_sr = _sync_serbian(course_sr, ModulePage, module["sr"], counts)
            module_en = _sync_english(
                module_sr, course_en, ModulePage, module["en"], english, counts
            )
        for lesson in module["lessons"]:
            settings = {"estimated_minutes": lesson["minutes"], "required": True}
            with _refused_as(lesson["source"]):
                lesson_sr = _sync_serbian(
                    module_sr, LessonPage, {**lesson["sr"], **settings}, counts
                )
                _sync_english(
                    lesson_sr,
                    module_en,
                    LessonPage,
                    {**lesson["en"], **settings},
                    english,
                    counts,
                )


def _sync_serbian(parent: Page, model: type[Page], fields: dict[str, Any], counts) -> Page:
    page = model.objects.child_of(parent).filter(slug=fields["slug"]).first()
    if page is None:
        return _create(parent, model, fields, counts)
    _update(page, fields, counts)
    return page


def _sync_english(
    source: Page,
    parent: Page,
    model: type[Page],
    fields: dict[str, Any],
    english: Locale,
    counts: Counter[str],
) -> Page:
    page = source.get_translation_or_none(english)
    if page is None:
        return _create(
            parent,
            model,
            fields,
            counts,
            locale=english,
            translation_key=source.translation_key,
        )
    page = page.specific
    force = page.alias_of_id is not None
    page.alias_of = None
    _update(page, fields, counts, force=force)
    return page


def _create(
    parent: Page,
    model: type[Page],
    fields: dict[str, Any],
    counts: Counter[str],
    **extra: Any,
) -> Page:
    page = model(**fields, **extra)
    parent.add_child(instance=page)  # validates the page
    page.save_revision(clean=False).publish()
    counts["created"] += 1
    return page


def _update(page: Page, fields: dict[str, Any], counts: Counter[str], *, force=False) -> None:
    changed = force or not page.live or page.has_unpublished_changes
    if "body" in fields:
        fields = {**fields, "body": _keep_case_links(page, fields["body"])}
    for name, wanted in fields.items():
        if not _same(page, name, wanted):
            setattr(page, name, wanted)
            changed = True
    if changed:
        page.save_revision().publish()
        counts["updated"] += 1
    else:
        counts["unchanged"] += 1


def _same(page: Page, name: str, wanted: Any) -> bool:
    current = getattr(page, name)
    if name == "body":
        block = page._meta.get_field("body").stream_block
        return _without_ids(block.get_prep_value(current)) == _without_ids(
            block.get_prep_value(block.to_python(wanted))
        )
    return current == wanted


def _keep_case_links(page: Page, body: list) -> list:
    """The data's case-law cards with the case pages the lesson's cards already point at
    (the case-law demo links them by citation after this loader has run). Read from the
    stored JSON: converting the stream would change how it compares."""
    linked = {
        item["value"].get("citation"): item["value"]["case"]
        for item in page.body.raw_data
        if item["type"] == "case_law" and item["value"].get("case")
    }
    if not linked:
        return body
    pages = Page.objects.in_bulk(linked.values())
    return [
        (kind, {**value, "case": pages.get(linked.get(value.get("citation")))})
        if kind == "case_law" and value.get("case") is None
        else (kind, value)
        for kind, value in body
    ]


def _without_ids(data: Any) -> Any:
    """Stream data with the blocks' generated ids left out, for comparing content."""
    if isinstance(data, dict):
        return {key: _without_ids(value) for key, value in data.items() if key != "id"}
    if isinstance(data, list | tuple):
        return [_without_ids(item) for item in data]
    return data

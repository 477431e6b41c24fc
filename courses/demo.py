"""Load the demo curriculum: four courses, one per programme objective, in Serbian and English.

The text lives in `courses.demo_content` as plain data. This module turns it into pages:
the Serbian tree under the Serbian home page, and English translations (same
`translation_key`, locale `en`) under the English home page, which it creates when missing.

Idempotent: pages are found by slug under their parent (Serbian) or by translation (English).
A page whose content already matches the data is left alone, so a second run creates no
pages and no revisions; a page whose data changed gets a new revision, published.
"""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal
from typing import Any, TextIO

from django.db import transaction
from wagtail.models import Locale, Page, Site

from home.models import HomePage

from .demo_content import COURSES, INDEX
from .models import CourseIndexPage, CoursePage, LessonPage, ModulePage

ENGLISH = "en"

_BLANK_LINE = re.compile(r"\n\s*\n")


def load_courses(*, stdout: TextIO | None = None) -> None:
    """Create or update the demo courses, publish them, and report what changed."""
    counts: Counter[str] = Counter()
    with transaction.atomic():
        serbian = Locale.get_default()
        english, _ = Locale.objects.get_or_create(language_code=ENGLISH)
        home_sr = _serbian_home(serbian)
        home_en = _english_home(home_sr, english, counts)
        index_sr, index_en = _course_index(home_sr, home_en, english, counts)
        for course in COURSES:
            _load_course(course, index_sr, index_en, english, counts)
    if stdout is not None:
        stdout.write(
            f"Demo courses: {counts['created']} pages created, {counts['updated']} updated, "
            f"{counts['unchanged']} unchanged.\n"
        )


# --- The home pages and the catalogue ---------------------------------------------------


def _serbian_home(serbian: Locale) -> HomePage:
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is not None:
        root = site.root_page.specific
        if isinstance(root, HomePage):
            return root if root.locale_id == serbian.pk else root.get_translation(serbian)
    home = HomePage.objects.filter(locale=serbian).order_by("path").first()
    if home is None:
        raise RuntimeError("No Serbian home page: run the migrations first.")
    return home


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
    home_sr: HomePage, home_en: HomePage, english: Locale, counts: Counter[str]
) -> tuple[CourseIndexPage, CourseIndexPage]:
    """The catalogue in each language. An existing catalogue is used as it is: editors own
    its title and introduction once it exists."""
    index_sr = CourseIndexPage.objects.child_of(home_sr).order_by("path").first()
    if index_sr is None:
        index_sr = _create(home_sr, CourseIndexPage, _tidy(INDEX["sr"]), counts)
    index_en = index_sr.get_translation_or_none(english)
    if index_en is None:
        fields = _tidy(INDEX["en"])
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
            _update(index_en, _tidy(INDEX["en"]), counts, force=True)
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
        "estimated_hours": Decimal(str(course["estimated_hours"])),
        "validity_months": course.get("validity_months"),
        "access": "open",
    }
    course_sr = _sync_serbian(index_sr, CoursePage, {**_tidy(course["sr"]), **shared}, counts)
    course_en = _sync_english(
        course_sr, index_en, CoursePage, {**_tidy(course["en"]), **shared}, english, counts
    )
    for module in course["modules"]:
        module_sr = _sync_serbian(course_sr, ModulePage, _tidy(module["sr"]), counts)
        module_en = _sync_english(
            module_sr, course_en, ModulePage, _tidy(module["en"]), english, counts
        )
        for lesson in module["lessons"]:
            settings = {"estimated_minutes": lesson["minutes"], "required": True}
            lesson_sr = _sync_serbian(
                module_sr, LessonPage, {**_tidy(lesson["sr"]), **settings}, counts
            )
            _sync_english(
                lesson_sr,
                module_en,
                LessonPage,
                {**_tidy(lesson["en"]), **settings},
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


def _tidy(data: Any) -> Any:
    """The data with its text's source-code line wrapping undone: whitespace inside a
    paragraph becomes one space; a blank line (a paragraph break in plain-text fields)
    is kept as one."""
    if isinstance(data, str):
        parts = _BLANK_LINE.split(data.strip())
        return "\n\n".join(" ".join(part.split()) for part in parts)
    if isinstance(data, dict):
        return {key: _tidy(value) for key, value in data.items()}
    if isinstance(data, list | tuple):
        return type(data)(_tidy(item) for item in data)
    return data

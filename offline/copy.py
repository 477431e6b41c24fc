"""A course's offline copy: the addresses a learner's device stores to read the course
without a connection, with their sizes, and a version that changes when any of it would.

Only what the learner may read now: a live course they are enrolled in and may see, its
live lessons in the reader's language and script, the images of those lessons at a phone-
sized rendition, the documents they may download, the static files the pages use, and for
each quiz a placeholder that says it needs a connection. A bounded number of queries,
whatever the number of lessons, images or documents."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import cache
from django.db.models import Q
from django.templatetags.static import static
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.blocks import ListBlock, StreamBlock, StructBlock
from wagtail.documents import get_document_model
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import CollectionViewRestriction, Page

from courses import api as courses_api
from pagecache.api import release
from serbian.api import for_reader, url_in_readers_script

# The rendition a saved lesson's images are stored at (a phone's width, WebP).
OFFLINE_IMAGE_FILTER = "width-480|format-webp"
# The static files the saved pages use (those that exist are listed), and folders whose
# every file is needed (fonts).
OFFLINE_ASSETS = (
    "css/site.css",
    "js/lesson.js",
    "js/offline.js",
    "js/practice.js",
    "img/favicon.svg",
)
OFFLINE_ASSET_FOLDERS = ("fonts/",)
# Pages are not rendered to be measured: their size is estimated from the lesson's content
# (what a rendered lesson adds around it: header, outline, footer). The figures are fitted
# to the demo courses' pages as bench/offline.py downloads them (within about 5 %); text in
# Cyrillic takes two bytes a letter in UTF-8, where Latin takes about one: a Cyrillic page
# weighs about 1.27 times its Latin one.
PAGE_FRAME_BYTES = 6_500
STEP_IN_OUTLINE_BYTES = 250
PLACEHOLDER_BYTES = 5_000
CYRILLIC_TEXT_FACTOR = 1.27
SIZE_CACHE_SECONDS = 7 * 24 * 3600


class CopyNotFound(LookupError):
    """No copy for this learner: the message says why (in the active language)."""


@dataclass(frozen=True)
class Course:
    """A course as the learner keeps it: the one enrolled in (default locale) and the one
    they read (its translation in the active language, if live)."""

    canonical: courses_api.CoursePage
    shown: courses_api.CoursePage


# --- Which courses --------------------------------------------------------------------------


def course_for_copy(*, user, course_id: int) -> Course:
    """The course `course_id` (in any language) if the learner may keep it offline now."""
    course = courses_api.CoursePage.objects.live().filter(pk=course_id).first()
    if course is None:
        raise CopyNotFound(_("There is no such course."))
    if not courses_api.course_is_visible_to(course=course, user=user):
        raise CopyNotFound(_("This course is not open to you."))
    enrolment = courses_api.enrolment_for(user=user, course=course)
    if enrolment is None:
        raise CopyNotFound(_("You are not enrolled in this course."))
    canonical = enrolment.course
    if not canonical.live or not courses_api.course_is_visible_to(course=canonical, user=user):
        raise CopyNotFound(_("This course is not open to you."))
    shown = courses_api.translations_for_reader(
        pages=[canonical], locale_id=courses_api.reading_locale_id(), model=courses_api.CoursePage
    ).get(canonical.pk, canonical)
    return Course(canonical=canonical, shown=shown)


def courses_kept_offline(*, user) -> list[Course]:
    """Every course the learner may keep offline now: current enrolments in live courses
    they may see. A fixed number of queries."""
    enrolments = (
        courses_api.Enrolment.objects.filter(user=user, archived_at__isnull=True, course__live=True)
        .select_related("course")
        .prefetch_related("course__restricted_institutions")
    )
    if user.institution_id:
        user.institution  # noqa: B018 - loaded once for the visibility test
    canonical = [
        e.course for e in enrolments if courses_api.course_is_visible_to(course=e.course, user=user)
    ]
    shown = courses_api.translations_for_reader(
        pages=canonical, locale_id=courses_api.reading_locale_id(), model=courses_api.CoursePage
    )
    return [Course(canonical=c, shown=shown.get(c.pk, c)) for c in canonical]


# --- Versions --------------------------------------------------------------------------------


def course_versions(courses: list[Course]) -> dict[int, str]:
    """Canonical course id → its copy's version in the active language: a digest of the
    ids, order, state and publication times of the pages of the course read, the
    language, the release and the static files. One query for all the courses."""
    if not courses:
        return {}
    under = Q(pk__in=[])
    for course in courses:
        under |= Q(path__startswith=course.shown.path)
    rows = (
        Page.objects.filter(under)
        .order_by("path")
        .values_list("path", "pk", "live", "last_published_at")
    )
    digests = {c.shown.path: hashlib.sha256() for c in courses}
    lengths = {len(path) for path in digests}
    for path, pk, live, published in rows:
        for length in lengths:
            if path[:length] in digests:
                digests[path[:length]].update(f"{path}:{pk}:{int(live)}:{published}|".encode())
    common = f"{get_language()}|{release()}|{static_fingerprint()}"
    versions = {}
    for course in courses:
        digest = digests[course.shown.path]
        digest.update(f"{course.canonical.pk}|{course.shown.pk}|{common}".encode())
        versions[course.canonical.pk] = digest.hexdigest()[:20]
    return versions


# --- Static files ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Asset:
    name: str
    bytes: int


@lru_cache(maxsize=1)
def offline_assets() -> tuple[Asset, ...]:
    """The static files a saved course needs that exist, with their sizes, read once per
    process (static files change only with a deployment)."""
    names = [n for n in OFFLINE_ASSETS if _static_path(n)]
    for folder in OFFLINE_ASSET_FOLDERS:
        for finder in finders.get_finders():
            for name, _storage in finder.list([]):
                name = name.replace("\\", "/")
                if name.startswith(folder) and name not in names:
                    names.append(name)
    return tuple(Asset(name=n, bytes=_static_size(n)) for n in sorted(names))


def _static_path(name: str) -> str | None:
    return finders.find(name) or (
        staticfiles_storage.path(name)
        if _storage_has_paths() and staticfiles_storage.exists(name)
        else None
    )


def _storage_has_paths() -> bool:
    try:
        staticfiles_storage.path("")
    except NotImplementedError:
        return False
    return True


def _static_size(name: str) -> int:
    if staticfiles_storage.exists(name):
        return staticfiles_storage.size(name)
    return Path(_static_path(name)).stat().st_size


@lru_cache(maxsize=1)
def static_fingerprint() -> str:
    """A digest of the static files a copy holds: their URLs (hashed names when the
    storage keeps a manifest) and contents' sizes and modification times."""
    digest = hashlib.sha256()
    for asset in offline_assets():
        path = _static_path(asset.name)
        mtime = Path(path).stat().st_mtime_ns if path else 0
        digest.update(f"{static(asset.name)}:{asset.bytes}:{mtime}|".encode())
    return digest.hexdigest()[:16]


# --- The copy --------------------------------------------------------------------------------


def _chooser_ids(block, raw, images: set[int], documents: set[int], name: str = "") -> None:
    """The images (anywhere) and downloadable documents (document blocks) of a block's
    raw value, without loading them."""
    if raw is None:
        return
    if isinstance(block, ImageChooserBlock):
        if isinstance(raw, int):
            images.add(raw)
    elif isinstance(block, DocumentChooserBlock):
        # A document block's download; not an uploaded video's file.
        if isinstance(raw, int) and name == "document":
            documents.add(raw)
    elif isinstance(block, StreamBlock):
        for item in raw if isinstance(raw, list) else []:
            if isinstance(item, dict) and item.get("type") in block.child_blocks:
                child = block.child_blocks[item["type"]]
                _chooser_ids(child, item.get("value"), images, documents, item["type"])
    elif isinstance(block, ListBlock):
        for item in raw if isinstance(raw, list) else []:
            value = item.get("value") if isinstance(item, dict) and "type" in item else item
            _chooser_ids(block.child_block, value, images, documents)
    elif isinstance(block, StructBlock) and isinstance(raw, dict):
        for child_name, child in block.child_blocks.items():
            _chooser_ids(child, raw.get(child_name), images, documents, child_name)


def _page_url(page, request) -> str:
    return url_in_readers_script(page.get_url(request))


def _file_sizes(files: dict[str, object]) -> dict[str, int | None]:
    """Storage name → size of stored files, cached (the names never change content)."""
    keys = {name: "offline:size:" + hashlib.sha256(name.encode()).hexdigest() for name in files}
    known = cache.get_many(list(keys.values()))
    sizes, new = {}, {}
    for name, file in files.items():
        size = known.get(keys[name])
        if size is None:
            try:
                size = file.size
            except (OSError, ValueError):
                size = None
            if size is not None:
                new[keys[name]] = size
        sizes[name] = size
    if new:
        cache.set_many(new, SIZE_CACHE_SECONDS)
    return sizes


def _documents_allowed(documents, request) -> list:
    """The documents the learner may download (Wagtail's collection view restrictions, as
    its serve view checks them): one query for the restrictions."""
    restrictions = list(CollectionViewRestriction.objects.select_related("collection"))
    allowed = []
    for document in documents:
        path = document.collection.path
        if all(
            r.accept_request(request) for r in restrictions if path.startswith(r.collection.path)
        ):
            allowed.append(document)
    return allowed


def _in_script(estimate: int) -> int:
    """An estimated page size in the reader's script (Cyrillic pages weigh more)."""
    if get_language() == "sr":
        return int(estimate * CYRILLIC_TEXT_FACTOR)
    return estimate


def copy_of(*, course: Course, request) -> dict:
    """The offline copy of `course` for the learner of `request`, in its language."""
    shown = course.shown
    lessons = list(
        courses_api.LessonPage.objects.live().filter(path__startswith=shown.path).order_by("path")
    )
    quizzes = []
    for model in courses_api.STEP_MODELS:
        if model is courses_api.LessonPage:
            continue
        quizzes += list(
            model.objects.live()
            .filter(path__startswith=shown.path)
            .only("pk", "path", "url_path", "depth", "locale_id", "translation_key")
        )
    quizzes.sort(key=lambda q: q.path)
    steps = len(lessons) + len(quizzes)
    urls = [
        {
            "url": _page_url(shown, request),
            "bytes": _in_script(
                PAGE_FRAME_BYTES + STEP_IN_OUTLINE_BYTES * steps + len(shown.summary or "")
            ),
            "kind": "page",
        }
    ]
    images: set[int] = set()
    documents: set[int] = set()
    stream_block = courses_api.LessonPage._meta.get_field("body").stream_block
    for lesson in lessons:
        raw = list(lesson.body.raw_data)
        _chooser_ids(stream_block, raw, images, documents)
        urls.append(
            {
                "url": _page_url(lesson, request),
                "bytes": _in_script(
                    PAGE_FRAME_BYTES
                    + STEP_IN_OUTLINE_BYTES * steps
                    + len(json.dumps(raw, ensure_ascii=False).encode())
                ),
                "kind": "page",
            }
        )
    for quiz in quizzes:
        urls.append(
            {
                "url": _page_url(quiz, request),
                "from": reverse("offline:quiz", kwargs={"page_id": quiz.pk}),
                "bytes": _in_script(PLACEHOLDER_BYTES),
                "kind": "quiz",
            }
        )
    urls += _image_urls(images)
    document_urls = _document_urls(documents, request)
    urls += document_urls
    urls += [{"url": static(a.name), "bytes": a.bytes, "kind": "asset"} for a in offline_assets()]
    try:
        offline_page = reverse("offline_app:page")
    except NoReverseMatch:
        offline_page = None
    if offline_page:
        urls.append({"url": offline_page, "bytes": _in_script(PLACEHOLDER_BYTES), "kind": "page"})
    for u in urls:
        u["bytes"] = u["bytes"] or 0  # a file whose size is unknown (estimated anyway)
    return {
        "course": course.canonical.pk,
        "title": for_reader(shown.title),
        "version": course_versions([course])[course.canonical.pk],
        "bytes": sum(u["bytes"] for u in urls),
        # Pages are estimated, not rendered to be measured.
        "exact": False,
        "urls": urls,
    }


def _image_urls(ids: set[int]) -> list[dict]:
    if not ids:
        return []
    images = get_image_model().objects.filter(pk__in=ids).prefetch_renditions(OFFLINE_IMAGE_FILTER)
    renditions = [image.get_rendition(OFFLINE_IMAGE_FILTER) for image in images.order_by("pk")]
    sizes = _file_sizes({r.file.name: r.file for r in renditions})
    return [{"url": r.url, "bytes": sizes[r.file.name], "kind": "image"} for r in renditions]


def _document_urls(ids: set[int], request) -> list[dict]:
    if not ids:
        return []
    documents = list(
        get_document_model().objects.filter(pk__in=ids).select_related("collection").order_by("pk")
    )
    return [
        {"url": d.url, "bytes": d.file_size, "kind": "document"}
        for d in _documents_allowed(documents, request)
    ]

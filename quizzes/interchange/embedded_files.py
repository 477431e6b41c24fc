"""Files inside Moodle XML texts: `<file name="map.png" path="/" encoding="base64">…</file>`
beside the text that shows it as `@@PLUGINFILE@@/map.png`.

On import (`files_read`, while parsing: nothing is saved), each file is checked: decoded,
within `EMBEDDED_MAX_BYTES`, an image that Wagtail's own upload field accepts (extension,
size, pixels, Pillow reads it), or a document whose extension Wagtail accepts
(`WAGTAILDOCS_EXTENSIONS`) and whose first bytes match it; its name made safe. A bad file,
a reference to a file the question does not hold, or an image from another site is a
warning of its question, and its reference is taken out of the text.

When the import is saved (`files_store`), images become Wagtail images and other files
Wagtail documents, in the collection named after the target category's course (or
"Question bank imports"), reused when the same bytes are already there. The rich text
then holds them as Wagtail does: `<embed embedtype="image" id=… format="fullwidth"
alt=…/>` and `<a linktype="document" id=…>`.

On export (`files_export`) the same references become `@@PLUGINFILE@@/name` again, each
file written beside its text in base64, so a round trip keeps them.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from urllib.parse import quote, unquote

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.html import escape
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.fields import WagtailImageField
from wagtail.models import Collection

from .common import EmbeddedFile, ParsedQuestion

PLUGINFILE = "@@PLUGINFILE@@/"
EMBEDDED_MAX_BYTES = 5 * 1024 * 1024
IMPORT_COLLECTION = "Question bank imports"

# The first bytes of each kind of document we keep (a file whose bytes say otherwise is
# not kept: an "audio" file that is a web page would be served from our site).
_MAGIC = {
    "pdf": (b"%PDF",),
    "mp3": (b"ID3", b"\xff\xfb", b"\xff\xf3", b"\xff\xf2"),
    "ogg": (b"OggS",),
    "wav": (b"RIFF",),
    "m4a": (b"\x00\x00\x00",),
    "docx": (b"PK\x03\x04",),
    "pptx": (b"PK\x03\x04",),
    "xlsx": (b"PK\x03\x04",),
    "odt": (b"PK\x03\x04",),
    "zip": (b"PK\x03\x04",),
}
_IMG = re.compile(r"<img\b[^>]*>", re.I)
_LINK = re.compile(r'<a\b[^>]*\bhref="([^"]*)"[^>]*>', re.I)
_ATTRIBUTE = re.compile(r'\b([a-z-]+)="([^"]*)"', re.I)


def safe_name(name: str) -> str:
    """A file name without folders or characters a path or URL would misread."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1].lstrip(".")
    try:
        base = get_valid_filename(base)
    except Exception:  # SuspiciousFileOperation: nothing usable left
        base = ""
    stem, dot, extension = base.rpartition(".")
    if not dot:
        stem, extension = base, ""
    stem = stem[:80] or "file"
    return f"{stem}.{extension[:10].lower()}" if extension else stem


def _extension(name: str) -> str:
    return name.rpartition(".")[2].lower() if "." in name else ""


# --- Reading (parse time) -----------------------------------------------------------------


def file_check(name: str, encoded: str) -> tuple[EmbeddedFile | None, str | None]:
    """The file, or None and why it is not kept."""
    clean_name = safe_name(name)
    try:
        data = base64.b64decode("".join(encoded.split()), validate=True)
    except (binascii.Error, ValueError):
        return None, _("“%(name)s” is not valid base64.") % {"name": clean_name}
    if len(data) > EMBEDDED_MAX_BYTES:
        return None, _("“%(name)s” is larger than %(size)s MB.") % {
            "name": clean_name,
            "size": EMBEDDED_MAX_BYTES // (1024 * 1024),
        }
    extension = _extension(clean_name)
    image_field = WagtailImageField()
    if extension in image_field.allowed_image_extensions:
        try:
            image_field.clean(SimpleUploadedFile(clean_name, data))
        except ValidationError as error:
            return None, _("“%(name)s” is not an image we can keep: %(reason)s") % {
                "name": clean_name,
                "reason": " ".join(error.messages),
            }
        return EmbeddedFile(clean_name, data, is_image=True), None
    if extension not in getattr(settings, "WAGTAILDOCS_EXTENSIONS", []):
        return None, _("“%(name)s”: files of this type are not kept.") % {"name": clean_name}
    magic = _MAGIC.get(extension)
    if magic is not None and not data.startswith(magic):
        return None, _("“%(name)s” is not what its name says.") % {"name": clean_name}
    return EmbeddedFile(clean_name, data, is_image=False), None


def files_read(node, q: ParsedQuestion) -> None:
    """Every `<file>` of a question element (`node`, the parsed XML tree) into `q.files`."""
    stack = [node]
    while stack:
        current = stack.pop()
        stack.extend(current.children)
        if current.tag != "file":
            continue
        raw_name = current.attrs.get("name", "")
        if current.attrs.get("encoding", "base64") != "base64":
            q.warnings.append(_("“%(name)s” is not in base64: not kept.") % {"name": raw_name})
            continue
        embedded, reason = file_check(raw_name, current.text)
        if embedded is None:
            q.warnings.append(reason)
            continue
        # Texts refer to the name as Moodle wrote it.
        known = q.files.get(raw_name)
        if known is not None and known.data != embedded.data:
            q.warnings.append(
                _("Two different files are named “%(name)s”: the first is kept.")
                % {"name": embedded.name}
            )
            continue
        q.files[raw_name] = embedded


def references_check(q: ParsedQuestion) -> None:
    """Take out of the texts what cannot be shown: a reference to a file the question does
    not hold, an image from another site; say so. Options and feedback are plain text: a
    file they show is not kept."""
    missing: set[str] = set()
    external = False

    def image(match: re.Match) -> str:
        nonlocal external
        src = dict(_ATTRIBUTE.findall(match.group(0))).get("src", "")
        if src.startswith(PLUGINFILE):
            name = unquote(src[len(PLUGINFILE) :])
            if name in q.files and q.files[name].is_image:
                return match.group(0)
            missing.add(name)
            return ""
        external = True
        return ""

    def link(match: re.Match) -> str:
        href = match.group(1)
        if href.startswith(PLUGINFILE):
            name = unquote(href[len(PLUGINFILE) :])
            if name not in q.files:
                missing.add(name)
                return "<a>"
        return match.group(0)

    for attribute in ("text", "general_feedback", "essay_grader_info"):
        value = getattr(q, attribute)
        if "<img" in value or PLUGINFILE in value:
            setattr(q, attribute, _LINK.sub(link, _IMG.sub(image, value)))
    for name in sorted(missing):
        q.warnings.append(
            _("“%(name)s” is shown in the text but not kept: it is taken out.") % {"name": name}
        )
    if external:
        q.warnings.append(
            _("Images from other sites are taken out (only the file's own are kept).")
        )


# --- Storing (import time) ----------------------------------------------------------------


def import_collection(category) -> Collection:
    """The collection imported files go to: named after the course of the category's top,
    or "Question bank imports" for the national bank."""
    course = category.top().course
    name = (course.title if course is not None else IMPORT_COLLECTION)[:255]
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=name).first()
    return existing if existing is not None else root.add_child(name=name)


class FileStore:
    """Stores each file once per import (and reuses what the collection already has)."""

    def __init__(self, *, category, user):
        self.category, self.user = category, user
        self._collection: Collection | None = None
        self._stored: dict[str, object] = {}

    @property
    def collection(self) -> Collection:
        if self._collection is None:
            self._collection = import_collection(self.category)
        return self._collection

    def store(self, embedded: EmbeddedFile):
        digest = hashlib.sha1(embedded.data).hexdigest()  # noqa: S324 (Wagtail's file_hash)
        if digest in self._stored:
            return self._stored[digest]
        model = get_image_model() if embedded.is_image else get_document_model()
        stored = (
            model.objects.filter(file_hash=digest, collection=self.collection)
            .order_by("pk")
            .first()
        )
        if stored is None:
            title = embedded.name.rpartition(".")[0] or embedded.name
            stored = model(
                title=title[:255],
                file=SimpleUploadedFile(embedded.name, embedded.data),
                collection=self.collection,
                uploaded_by_user=self.user if getattr(self.user, "pk", None) else None,
            )
            if embedded.is_image:
                stored._set_image_file_metadata()
            else:
                stored._set_document_file_metadata()
            stored.save()
        self._stored[digest] = stored
        return stored


def files_store(q: ParsedQuestion, store: FileStore) -> None:
    """The question's files saved, and its texts pointing at them as Wagtail does."""
    if not q.files:
        return

    def image(match: re.Match) -> str:
        attributes = dict(_ATTRIBUTE.findall(match.group(0)))
        name = unquote(attributes.get("src", "")[len(PLUGINFILE) :])
        stored = store.store(q.files[name])
        alt = attributes.get("alt", "")
        return f'<embed embedtype="image" id="{stored.pk}" format="fullwidth" alt="{alt}"/>'

    def link(match: re.Match) -> str:
        href = match.group(1)
        if not href.startswith(PLUGINFILE):
            return match.group(0)
        embedded = q.files[unquote(href[len(PLUGINFILE) :])]
        stored = store.store(embedded)
        if embedded.is_image:
            return f'<a href="{escape(stored.file.url)}">'
        return f'<a linktype="document" id="{stored.pk}">'

    for attribute in ("text", "general_feedback", "essay_grader_info"):
        value = getattr(q, attribute)
        if PLUGINFILE in value:
            setattr(q, attribute, _LINK.sub(link, _IMG.sub(image, value)))


# --- Writing (export) ---------------------------------------------------------------------

_EMBED = re.compile(r"<embed\b[^>]*/?>", re.I)
_DOC_LINK = re.compile(r'<a\b[^>]*\blinktype="document"[^>]*>', re.I)


def files_export(html: str) -> tuple[str, list[tuple[str, bytes]]]:
    """Rich text with its Wagtail images and documents as `@@PLUGINFILE@@/name`, and the
    (name, bytes) of each file to write beside it."""
    files: dict[str, bytes] = {}

    def add(stored) -> str | None:
        try:
            with stored.file.open("rb") as handle:
                data = handle.read()
        except (OSError, ValueError):
            return None  # the file is gone from the storage: leave it out
        # Its title and extension (the storage may have added a suffix to the file's name).
        extension = _extension(stored.file.name)
        name = safe_name(f"{stored.title}.{extension}" if extension else stored.title)
        stem, dot, extension = name.rpartition(".")
        counter = 1
        while name in files and files[name] != data:
            counter += 1
            name = f"{stem}-{counter}{dot}{extension}"
        files[name] = data
        return name

    def image(match: re.Match) -> str:
        attributes = dict(_ATTRIBUTE.findall(match.group(0)))
        if attributes.get("embedtype") != "image":
            return match.group(0)
        stored = get_image_model().objects.filter(pk=_int(attributes.get("id"))).first()
        name = add(stored) if stored is not None else None
        if name is None:
            return ""
        alt = attributes.get("alt", "")
        return f'<img src="{PLUGINFILE}{quote(name)}" alt="{alt}">'

    def document(match: re.Match) -> str:
        attributes = dict(_ATTRIBUTE.findall(match.group(0)))
        stored = get_document_model().objects.filter(pk=_int(attributes.get("id"))).first()
        name = add(stored) if stored is not None else None
        if name is None:
            return "<a>"
        return f'<a href="{PLUGINFILE}{quote(name)}">'

    if "<embed" in html or 'linktype="document"' in html:
        html = _DOC_LINK.sub(document, _EMBED.sub(image, html))
    return html, list(files.items())


def _int(value) -> int:
    return int(value) if str(value or "").isdigit() else 0


def file_elements(files: list[tuple[str, bytes]]) -> str:
    return "".join(
        f'<file name="{escape(name)}" path="/" encoding="base64">'
        f"{base64.b64encode(data).decode()}</file>"
        for name, data in files
    )

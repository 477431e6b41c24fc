"""GIFT import: Moodle's plain-text question format, one question per block of lines.

A block without braces is a description (our scenario), `{}` an essay; Moodle's comment
"// [id:…] [tag:…]" before a question gives its idnumber and tags (ours among them:
"lang:sr", "case:…", "audience:…"). GIFT has no cloze and no ordering."""

from __future__ import annotations

import re
from decimal import Decimal
from html import unescape as html_unescape

from django.utils.html import escape as html_escape
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from markdown_it import MarkdownIt

from ..models import Language, QuestionKind
from .common import (
    MAX_BYTES,
    ParsedQuestion,
    ParseResult,
    Problem,
    category_path,
    check_question,
    clean_rich_texts,
    parse_decimal,
    unsupported,
)
from .embedded_files import references_check
from .moodle_import import AUDIENCE_TAG, CASE_TAG, LANGUAGE_TAG

_GIFT_ESCAPES = {"\\~": "\x00t", "\\=": "\x00e", "\\#": "\x00h", "\\{": "\x00o",
                 "\\}": "\x00c", "\\:": "\x00s", "\\n": "\n"}  # fmt: skip
_GIFT_UNESCAPE = {"\x00t": "~", "\x00e": "=", "\x00h": "#", "\x00o": "{", "\x00c": "}",
                  "\x00s": ":"}  # fmt: skip
_WEIGHT = re.compile(r"^%(-?\d+(?:\.\d+)?)%")
_FORMAT = re.compile(r"^\s*\[(html|moodle|plain|markdown)\]")


def _split_format(text: str) -> tuple[str | None, str]:
    """A text's GIFT format marker ("html", "plain", …, or None) and the text without it."""
    match = _FORMAT.match(text)
    if match is None:
        return None, text
    return match.group(1), text[match.end() :]


def _rich_text(text: str, fmt: str | None = None) -> str:
    """Question text or general feedback as HTML: [html] kept as HTML, [plain] escaped,
    [markdown] converted; without a marker (or [moodle]), HTML only if it starts with "<"."""
    marker, text = _split_format(text)
    fmt, text = marker or fmt, _unescape(text)
    if fmt == "html":
        return text
    if fmt == "markdown":
        return MarkdownIt("commonmark", {"html": True}).render(text).strip()
    if fmt != "plain" and text.startswith("<"):
        return text
    return f"<p>{html_escape(text)}</p>" if text else ""


def _plain_text(text: str, fmt: str | None = None) -> str:
    """An option, prompt, match or feedback (plain text in the bank) without its marker:
    [html] and [markdown] lose their markup, [plain] is kept as written."""
    marker, text = _split_format(text)
    fmt, text = marker or fmt, _unescape(text)
    if fmt == "markdown":
        return strip_tags(MarkdownIt("commonmark").render(text)).strip()
    if fmt == "html":
        return html_unescape(strip_tags(text)).strip()
    return text


def _unescape(text: str) -> str:
    for code, char in _GIFT_UNESCAPE.items():
        text = text.replace(code, char)
    return text.strip()


def _escape_gift(text: str) -> str:
    for code, mark in _GIFT_ESCAPES.items():
        text = text.replace(code, mark)
    return text


_META = re.compile(r"\[(id|tag):([^\]]*)\]")


def parse_gift(text: str) -> ParseResult:
    if len(text.encode()) > MAX_BYTES:
        return ParseResult([], [Problem(1, _("The file is larger than 2 MB."))])
    questions: list[ParsedQuestion] = []
    category: list[str] = []
    block: list[str] = []
    meta: list[tuple[str, str]] = []  # [id:…] and [tag:…] of comments before a question
    start = 1
    lines = text.replace("\r\n", "\n").split("\n")
    for number, line in enumerate([*lines, ""], 1):
        stripped = line.strip()
        if stripped.startswith("//"):
            meta.extend(_META.findall(stripped))
            continue
        if stripped.startswith("$CATEGORY:"):
            category = category_path(stripped[len("$CATEGORY:") :].strip())
            continue
        if stripped:
            if not block:
                start = number
            block.append(line)
            continue
        if block:
            parsed = _gift_question("\n".join(block), start)
            parsed.category = list(category)
            _meta(parsed, meta)
            if parsed.importable:
                clean_rich_texts(parsed)
                references_check(parsed)  # GIFT has no files: images from elsewhere go
                check_question(parsed)
            questions.append(parsed)
            block, meta = [], []
    if not questions:
        return ParseResult([], [Problem(1, _("The file has no questions."))])
    return ParseResult(questions, [])


def _meta(q: ParsedQuestion, meta: list[tuple[str, str]]) -> None:
    """Moodle's "// [id:…] [tag:…]" comment: the idnumber and tags (ours among them)."""
    for key, value in meta:
        value = value.strip()
        if key == "id":
            q.idnumber = value[:100]
        elif value.startswith(LANGUAGE_TAG) and value[len(LANGUAGE_TAG) :] in dict(
            Language.choices
        ):
            q.language = value[len(LANGUAGE_TAG) :]
        elif value.startswith(CASE_TAG):
            q.case_number = value[len(CASE_TAG) :]
        elif value.startswith(AUDIENCE_TAG):
            q.audience.append(value[len(AUDIENCE_TAG) :])
        elif value:
            q.tags.append(value[:100])


def _gift_question(raw: str, line: int) -> ParsedQuestion:
    raw = _escape_gift(raw)
    name = ""
    match = re.match(r"^\s*::(.*?)::", raw, re.S)
    if match:
        name, raw = match.group(1), raw[match.end() :]
    open_at, close_at = raw.find("{"), raw.rfind("}")
    if open_at == -1 and close_at == -1:
        # Moodle: a question without answers is a description (our scenario).
        _fmt, bare = _split_format(raw.strip())
        return ParsedQuestion(
            line=line,
            name=_unescape(name)[:255]
            or _unescape(strip_tags(bare))[:60]
            or _("Imported question"),
            kind=QuestionKind.SCENARIO,
            source_type="description",
            text=_rich_text(raw.strip()),
        )
    if open_at == -1 or close_at < open_at:
        return unsupported(line=line, name=_unescape(name), source_type="?",
                           reason=_("No answers in braces { }."))  # fmt: skip
    before, body, after = raw[:open_at], raw[open_at + 1 : close_at], raw[close_at + 1 :]
    # Moodle's "missing word" form: text after the answers shows a blank where they stand.
    text = (before.rstrip() + " _____ " + after.lstrip()) if after.strip() else before
    text = text.strip()
    fmt, _bare = _split_format(text)
    general = ""
    if "####" in body:
        body, general = body.split("####", 1)
    body = body.strip()
    q = ParsedQuestion(
        line=line,
        name=_unescape(name)[:255] or _unescape(strip_tags(_bare))[:60] or _("Imported question"),
        kind=QuestionKind.SINGLE,
        source_type="multichoice",
        text=_rich_text(text),
        general_feedback=_rich_text(general.strip(), fmt) if general.strip() else "",
    )
    if body == "":
        q.kind, q.source_type = QuestionKind.ESSAY, "essay"
        return q
    upper = body.split("#")[0].strip().upper()
    if upper in ("T", "TRUE", "F", "FALSE"):
        q.kind, q.source_type = QuestionKind.TRUE_FALSE, "truefalse"
        q.true_false_answer = upper in ("T", "TRUE")
        if "#" in body:
            q.warnings.append(_("Not kept: the feedback of the true and false answers."))
        return q
    if body.startswith("#"):
        q.source_type = "numerical"
        return _gift_numeric(q, body[1:])
    parts = re.split(r"(?=[=~])", body)
    answers = [p.strip() for p in parts if p.strip()]
    if any(p.strip() and p.strip()[0] not in "=~" for p in parts):
        q.problems.append(_("Each answer must start with = or ~."))
        return q
    if answers and all(a.startswith("=") and "->" in a for a in answers):
        q.kind, q.source_type = QuestionKind.MATCHING, "matching"
        for a in answers:
            prompt, _arrow, matched = a[1:].partition("->")
            q.options.append(
                (_plain_text(prompt, fmt), Decimal("0"), "", _plain_text(matched, fmt)[:500])
            )
        return q
    if all(a.startswith("=") for a in answers):
        q.kind, q.source_type = QuestionKind.SHORT_TEXT, "shortanswer"
    for a in answers:
        marker, content = a[0], a[1:].strip()
        fraction = Decimal("1") if marker == "=" else Decimal("0")
        weight = _WEIGHT.match(content)
        if weight:
            fraction = (Decimal(weight.group(1)) / 100).quantize(Decimal("0.0000001"))
            content = content[weight.end() :]
        content, _hash, feedback = content.partition("#")
        q.options.append((_plain_text(content, fmt), fraction, _plain_text(feedback, fmt), ""))
    if q.kind != QuestionKind.SHORT_TEXT:
        # As Moodle reads GIFT: one answer marked "=" makes a single-answer question; only
        # "~" answers (with their weights) a multiple-response one.
        single = any(a.startswith("=") for a in answers)
        q.kind = QuestionKind.SINGLE if single else QuestionKind.MULTIPLE
        q.source_type = "multichoice"
    return q


def _gift_numeric(q: ParsedQuestion, body: str) -> ParsedQuestion:
    """Moodle's numeric answers: "3:2" (3 ± 2), "1..5" (a range), or several answers
    "=%100%3:0 =%50%3:1 ~#feedback", each with a weight and its own feedback. The full-marks
    answer is the question's number; partial-credit answers become options (text: the
    number, match_text: its tolerance)."""
    q.kind = QuestionKind.NUMERIC
    body = body.strip()
    parts = re.split(r"(?=[=~])", body)
    best: tuple[Decimal, Decimal, Decimal] | None = None
    for part in (p.strip() for p in parts):
        if not part:
            continue
        marker = part[0] if part[0] in "=~" else "="
        content = part[1:].strip() if part[0] in "=~" else part
        fraction = Decimal("1") if marker == "=" else Decimal("0")
        weight = _WEIGHT.match(content)
        if weight:
            fraction = (Decimal(weight.group(1)) / 100).quantize(Decimal("0.0000001"))
            content = content[weight.end() :].strip()
        value_text, _hash, feedback = content.partition("#")
        value_text = value_text.strip()
        if not value_text:  # "~#feedback": what any other answer is told
            continue
        answer = _numeric_answer(value_text)
        if answer is None:
            q.problems.append(_("The correct answer is not a number."))
            return q
        value, tolerance = answer
        if fraction == 1 and best is None:
            best = (value, tolerance, fraction)
            q.numeric_answer, q.numeric_tolerance = value, tolerance
        elif fraction > 0:
            q.options.append((format(value, "f"), fraction, _unescape(feedback),
                              format(tolerance, "f")))  # fmt: skip
    if best is None:
        q.problems.append(_("The correct answer is not a number."))
    return q


def _numeric_answer(text: str) -> tuple[Decimal, Decimal] | None:
    """(value, tolerance) of "3:2", "1..5" or "3"; None if it is not a number."""
    if ".." in text:
        low, high = (parse_decimal(x) for x in text.split("..", 1))
        if low is None or high is None:
            return None
        return (low + high) / 2, abs(high - low) / 2
    value, _colon, tolerance = text.partition(":")
    number = parse_decimal(value)
    margin = parse_decimal(tolerance) if tolerance.strip() else Decimal("0")
    if number is None or margin is None:
        return None
    return number, abs(margin)

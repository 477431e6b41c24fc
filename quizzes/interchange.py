"""Questions in and out: Moodle XML and GIFT import (a preview first, then all or nothing)
and Moodle XML export of the bank.

XML is parsed with defusedxml: a DTD, entity declarations or external references refuse
the file. Each parsed question and each problem carries the line it starts on.

Scenarios travel as Moodle "description" questions; the questions after one whose names
start with "<scenario name> :: " are its sub-questions (export writes them that way).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from xml.sax.handler import ContentHandler
from xml.sax.saxutils import escape

import defusedxml.sax
from defusedxml.common import DefusedXmlException
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.html import escape as html_escape
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from .models import Question, QuestionCategory, QuestionKind, QuestionOption

MAX_BYTES = 2 * 1024 * 1024
SCENARIO_SEPARATOR = " :: "


@dataclass
class Problem:
    line: int
    message: str

    def __str__(self) -> str:
        return _("Line %(line)s: %(message)s") % {"line": self.line, "message": self.message}


@dataclass
class ParsedQuestion:
    line: int
    name: str
    kind: str
    text: str
    marks: Decimal = Decimal("1")
    general_feedback: str = ""
    options: list[tuple[str, Decimal, str, str]] = field(default_factory=list)
    true_false_answer: bool | None = None
    numeric_answer: Decimal | None = None
    numeric_tolerance: Decimal = Decimal("0")
    shuffle: bool = True
    category: list[str] = field(default_factory=list)


@dataclass
class ParseResult:
    questions: list[ParsedQuestion]
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.questions)


def _check(q: ParsedQuestion, problems: list[Problem]) -> None:
    """What every imported question must satisfy, whatever its format."""
    if not strip_tags(q.text).strip() and q.kind != QuestionKind.SCENARIO:
        problems.append(Problem(q.line, _("The question has no text.")))
    if q.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        if len(q.options) < 2:
            problems.append(Problem(q.line, _("A choice question needs two options or more.")))
        elif not any(o[1] > 0 for o in q.options):
            problems.append(Problem(q.line, _("No option is marked right.")))
    if q.kind == QuestionKind.SHORT_TEXT and not any(o[1] > 0 for o in q.options):
        problems.append(Problem(q.line, _("No accepted answer.")))
    if q.kind == QuestionKind.MATCHING and sum(1 for o in q.options if o[0]) < 2:
        problems.append(Problem(q.line, _("A matching question needs two pairs or more.")))
    if q.kind == QuestionKind.NUMERIC and q.numeric_answer is None:
        problems.append(Problem(q.line, _("No correct number.")))
    for option in q.options:
        if not Decimal("-1") <= option[1] <= Decimal("1"):
            problems.append(Problem(q.line, _("A fraction is outside -100 % to 100 %.")))
            break


def _decimal(text: str) -> Decimal | None:
    try:
        value = Decimal(str(text).strip().replace(",", "."))
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


# --- Moodle XML ---------------------------------------------------------------------------


class _Node:
    __slots__ = ("tag", "attrs", "children", "parts", "line")

    def __init__(self, tag, attrs, line):
        self.tag, self.attrs, self.line = tag, dict(attrs), line
        self.children: list[_Node] = []
        self.parts: list[str] = []

    @property
    def text(self) -> str:
        return "".join(self.parts).strip()

    def find(self, tag):
        return next((c for c in self.children if c.tag == tag), None)

    def findall(self, tag):
        return [c for c in self.children if c.tag == tag]

    def inner(self, tag) -> str:
        """The <text> inside child `tag` (Moodle's usual shape), or ""."""
        child = self.find(tag)
        if child is None:
            return ""
        text = child.find("text")
        return (text.text if text is not None else child.text) or ""


class _TreeBuilder(ContentHandler):
    def __init__(self):
        super().__init__()
        self.stack: list[_Node] = []
        self.root: _Node | None = None

    def startElement(self, name, attrs):  # noqa: N802 (SAX API)
        node = _Node(name, attrs.items(), self._locator.getLineNumber())
        if self.stack:
            self.stack[-1].children.append(node)
        else:
            self.root = node
        self.stack.append(node)

    def endElement(self, name):  # noqa: N802
        self.stack.pop()

    def characters(self, content):
        if self.stack:
            self.stack[-1].parts.append(content)


MOODLE_KINDS = {
    "truefalse": QuestionKind.TRUE_FALSE,
    "shortanswer": QuestionKind.SHORT_TEXT,
    "numerical": QuestionKind.NUMERIC,
    "matching": QuestionKind.MATCHING,
    "ordering": QuestionKind.ORDERING,
    "description": QuestionKind.SCENARIO,
}


def parse_moodle_xml(data: bytes) -> ParseResult:
    problems: list[Problem] = []
    if len(data) > MAX_BYTES:
        return ParseResult([], [Problem(1, _("The file is larger than 2 MB."))])
    builder = _TreeBuilder()
    try:
        defusedxml.sax.parseString(data, builder)
    except DefusedXmlException:
        return ParseResult(
            [], [Problem(1, _("The file declares entities or a DTD, which are not accepted."))]
        )
    except Exception as error:  # SAXParseException and friends
        line = getattr(error, "getLineNumber", lambda: 1)() or 1
        return ParseResult([], [Problem(line, _("Not well-formed XML: %s") % error)])
    root = builder.root
    if root is None or root.tag != "quiz":
        return ParseResult([], [Problem(1, _("This is not a Moodle XML question file."))])
    questions: list[ParsedQuestion] = []
    category: list[str] = []
    for node in root.findall("question"):
        qtype = node.attrs.get("type", "")
        if qtype == "category":
            path = node.inner("category").split("/")
            category = [p for p in path if p and p not in ("$course$", "$system$", "top")]
            continue
        parsed = _moodle_question(node, qtype, problems)
        if parsed is not None:
            parsed.category = list(category)
            _check(parsed, problems)
            questions.append(parsed)
    if not questions and not problems:
        problems.append(Problem(1, _("The file has no questions.")))
    return ParseResult(questions, problems)


def _moodle_question(node: _Node, qtype: str, problems) -> ParsedQuestion | None:
    if qtype == "multichoice":
        single = node.inner("single").lower() not in ("false", "0") if node.find("single") else True
        kind = QuestionKind.SINGLE if single else QuestionKind.MULTIPLE
    elif qtype in MOODLE_KINDS:
        kind = MOODLE_KINDS[qtype]
    else:
        problems.append(
            Problem(node.line, _("Question type “%(type)s” is not supported.") % {"type": qtype})
        )
        return None
    name = node.inner("name").strip()[:255] or strip_tags(node.inner("questiontext"))[:60]
    q = ParsedQuestion(
        line=node.line,
        name=name or _("Imported question"),
        kind=kind,
        text=node.inner("questiontext"),
        general_feedback=node.inner("generalfeedback"),
    )
    marks = _decimal(node.inner("defaultgrade") or "1")
    if marks is None or marks < 0:
        problems.append(Problem(node.line, _("The marks are not a number.")))
    else:
        q.marks = marks
    if node.find("shuffleanswers") is not None:
        q.shuffle = node.inner("shuffleanswers").lower() in ("1", "true")
    answers = node.findall("answer")
    fractions = []
    for answer in answers:
        fraction = _decimal(answer.attrs.get("fraction", "0"))
        if fraction is None:
            problems.append(Problem(answer.line, _("A fraction is not a number.")))
            fraction = Decimal("0")
        fractions.append((answer, (fraction / 100).quantize(Decimal("0.00001"))))
    if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.SHORT_TEXT):
        q.options = [
            (
                a.inner("text") or (a.find("text").text if a.find("text") else ""),
                f,
                strip_tags(a.inner("feedback")),
                "",
            )
            for a, f in fractions
        ]
    elif kind == QuestionKind.TRUE_FALSE:
        for a, f in fractions:
            if f > 0:
                q.true_false_answer = (
                    a.find("text").text if a.find("text") else ""
                ).lower() == "true"
        if q.true_false_answer is None:
            problems.append(Problem(node.line, _("No answer is marked right.")))
    elif kind == QuestionKind.NUMERIC:
        for a, f in fractions:
            if f == 1:
                q.numeric_answer = _decimal(a.find("text").text if a.find("text") else "")
                q.numeric_tolerance = _decimal(a.inner("tolerance") or "0") or Decimal("0")
                break
    elif kind == QuestionKind.ORDERING:
        q.options = [
            (a.find("text").text if a.find("text") else "", Decimal("0"), "", "")
            for a, _f in fractions
        ]
        if len(q.options) < 2:
            problems.append(Problem(node.line, _("An ordering question needs two items or more.")))
    elif kind == QuestionKind.MATCHING:
        for sub in node.findall("subquestion"):
            prompt = sub.find("text").text if sub.find("text") else ""
            answer = sub.find("answer")
            match = answer.inner("text") if answer is not None and answer.find("text") else ""
            match = match or (answer.text if answer is not None else "")
            q.options.append((strip_tags(prompt), Decimal("0"), "", match[:500]))
    return q


# --- GIFT ---------------------------------------------------------------------------------

_GIFT_ESCAPES = {"\\~": "\x00t", "\\=": "\x00e", "\\#": "\x00h", "\\{": "\x00o",
                 "\\}": "\x00c", "\\:": "\x00s", "\\n": "\n"}  # fmt: skip
_GIFT_UNESCAPE = {"\x00t": "~", "\x00e": "=", "\x00h": "#", "\x00o": "{", "\x00c": "}",
                  "\x00s": ":"}  # fmt: skip
_WEIGHT = re.compile(r"^%(-?\d+(?:\.\d+)?)%")


def _unescape(text: str) -> str:
    for code, char in _GIFT_UNESCAPE.items():
        text = text.replace(code, char)
    return text.strip()


def _escape_gift(text: str) -> str:
    for code, mark in _GIFT_ESCAPES.items():
        text = text.replace(code, mark)
    return text


def parse_gift(text: str) -> ParseResult:
    problems: list[Problem] = []
    if len(text.encode()) > MAX_BYTES:
        return ParseResult([], [Problem(1, _("The file is larger than 2 MB."))])
    questions: list[ParsedQuestion] = []
    category: list[str] = []
    block: list[str] = []
    start = 1
    lines = text.replace("\r\n", "\n").split("\n")
    for number, line in enumerate([*lines, ""], 1):
        stripped = line.strip()
        if stripped.startswith("//"):
            continue
        if stripped.startswith("$CATEGORY:"):
            path = stripped[len("$CATEGORY:") :].strip().split("/")
            category = [p for p in path if p and p not in ("$course$", "$system$", "top")]
            continue
        if stripped:
            if not block:
                start = number
            block.append(line)
            continue
        if block:
            parsed = _gift_question("\n".join(block), start, problems)
            if parsed is not None:
                parsed.category = list(category)
                _check(parsed, problems)
                questions.append(parsed)
            block = []
    if not questions and not problems:
        problems.append(Problem(1, _("The file has no questions.")))
    return ParseResult(questions, problems)


def _gift_question(raw: str, line: int, problems) -> ParsedQuestion | None:
    raw = _escape_gift(raw)
    name = ""
    match = re.match(r"^\s*::(.*?)::", raw, re.S)
    if match:
        name, raw = match.group(1), raw[match.end() :]
    open_at, close_at = raw.find("{"), raw.rfind("}")
    if open_at == -1 or close_at < open_at:
        problems.append(Problem(line, _("No answers in braces { }.")))
        return None
    before, body, after = raw[:open_at], raw[open_at + 1 : close_at], raw[close_at + 1 :]
    text = re.sub(r"^\[(html|moodle|plain|markdown)\]", "", (before + " " + after).strip())
    general = ""
    if "####" in body:
        body, general = body.split("####", 1)
    body = body.strip()
    q = ParsedQuestion(
        line=line,
        name=_unescape(name)[:255] or _unescape(strip_tags(text))[:60] or _("Imported question"),
        kind=QuestionKind.SINGLE,
        text=f"<p>{html_escape(_unescape(text))}</p>"
        if not text.strip().startswith("<")
        else _unescape(text),
        general_feedback=f"<p>{html_escape(_unescape(general))}</p>" if general.strip() else "",
    )
    if body == "":
        problems.append(Problem(line, _("Essay questions are not supported.")))
        return None
    upper = body.split("#")[0].strip().upper()
    if upper in ("T", "TRUE", "F", "FALSE"):
        q.kind = QuestionKind.TRUE_FALSE
        q.true_false_answer = upper in ("T", "TRUE")
        return q
    if body.startswith("#"):
        return _gift_numeric(q, body[1:], problems)
    parts = re.split(r"(?=[=~])", body)
    answers = [p.strip() for p in parts if p.strip()]
    if any(p.strip() and p.strip()[0] not in "=~" for p in parts):
        problems.append(Problem(line, _("Each answer must start with = or ~.")))
        return None
    if answers and all(a.startswith("=") and "->" in a for a in answers):
        q.kind = QuestionKind.MATCHING
        for a in answers:
            prompt, _arrow, matched = a[1:].partition("->")
            q.options.append((_unescape(prompt), Decimal("0"), "", _unescape(matched)[:500]))
        return q
    if all(a.startswith("=") for a in answers):
        q.kind = QuestionKind.SHORT_TEXT
    weighted = any(_WEIGHT.match(a[1:].strip()) for a in answers)
    for a in answers:
        marker, content = a[0], a[1:].strip()
        fraction = Decimal("1") if marker == "=" else Decimal("0")
        weight = _WEIGHT.match(content)
        if weight:
            fraction = (Decimal(weight.group(1)) / 100).quantize(Decimal("0.00001"))
            content = content[weight.end() :]
        content, _hash, feedback = content.partition("#")
        q.options.append((_unescape(content), fraction, _unescape(feedback), ""))
    if q.kind != QuestionKind.SHORT_TEXT:
        positive = sum(1 for o in q.options if o[1] > 0)
        q.kind = QuestionKind.MULTIPLE if weighted and positive > 1 else QuestionKind.SINGLE
    return q


def _gift_numeric(q: ParsedQuestion, body: str, problems) -> ParsedQuestion:
    q.kind = QuestionKind.NUMERIC
    first = body.strip().lstrip("=").split("=")[0].split("#")[0].strip()
    if ".." in first:
        low, high = (_decimal(x) for x in first.split("..", 1))
        if low is None or high is None:
            problems.append(Problem(q.line, _("The numeric range is not two numbers.")))
            return q
        q.numeric_answer = (low + high) / 2
        q.numeric_tolerance = abs(high - low) / 2
        return q
    value, _colon, tolerance = first.partition(":")
    q.numeric_answer = _decimal(value)
    q.numeric_tolerance = _decimal(tolerance or "0") or Decimal("0")
    if q.numeric_answer is None:
        problems.append(Problem(q.line, _("The correct answer is not a number.")))
    return q


# --- Import -------------------------------------------------------------------------------


def parse_file(*, name: str, data: bytes) -> ParseResult:
    if name.lower().endswith(".xml"):
        return parse_moodle_xml(data)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return ParseResult([], [Problem(1, _("The file is not UTF-8 text."))])
    return parse_gift(text)


@transaction.atomic
def questions_import(
    *, result: ParseResult, category: QuestionCategory, language: str, user=None
) -> list[Question]:
    """Create every parsed question (with its revision), or none if anything is wrong."""
    if not result.ok:
        raise ValueError("refusing to import a file with problems")
    if user is not None:
        from .bank import bank_scope

        if not bank_scope(user).may_edit_category(category):
            raise PermissionDenied
    created: list[Question] = []
    scenarios: dict[str, Question] = {}
    for parsed in result.questions:
        target = category
        for name in parsed.category:
            target, _created = QuestionCategory.objects.get_or_create(
                parent=target, name=name.strip()[:200]
            )
        scenario, position = None, 0
        if SCENARIO_SEPARATOR in parsed.name:
            prefix = parsed.name.split(SCENARIO_SEPARATOR, 1)[0]
            scenario = scenarios.get(prefix)
            if scenario is not None:
                position = scenario.sub_questions.count() + 1
        question = Question(
            name=parsed.name,
            kind=parsed.kind,
            category=target,
            language=language,
            text=parsed.text or "<p></p>",
            marks=parsed.marks,
            general_feedback=parsed.general_feedback,
            shuffle_options=parsed.shuffle,
            true_false_answer=parsed.true_false_answer,
            numeric_answer=parsed.numeric_answer,
            numeric_tolerance=parsed.numeric_tolerance,
            scenario=scenario,
            scenario_position=position,
        )
        question.options = [
            QuestionOption(
                text=t[:2000], fraction=f, feedback=fb[:2000], match_text=m, sort_order=i
            )
            for i, (t, f, fb, m) in enumerate(parsed.options)
        ]
        question.save()
        question.save_revision(user=user, clean=False)
        if parsed.kind == QuestionKind.SCENARIO:
            scenarios[parsed.name] = question
        created.append(question)
    from .versions import question_versions_sync

    question_versions_sync(question_ids=[q.pk for q in created], user=user)
    return created


# --- Export -------------------------------------------------------------------------------


def _text(tag: str, value: str, fmt: str | None = "html") -> str:
    attr = f' format="{fmt}"' if fmt else ""
    return f"<{tag}{attr}><text>{escape(value or '')}</text></{tag}>"


def _fraction(value: Decimal) -> str:
    return format((value * 100).normalize(), "f")


def export_moodle_xml(questions) -> bytes:
    """The questions as a Moodle XML file, grouped by category; scenarios as descriptions
    followed by their sub-questions."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>', "<quiz>"]
    current = None
    questions = list(questions)
    ordered: list[Question] = []
    for q in questions:
        if q.scenario_id is None:
            ordered.append(q)
            if q.kind == QuestionKind.SCENARIO:
                ordered.extend(q.sub_questions.order_by("scenario_position", "pk"))
    for q in ordered:
        if q.category_id != current:
            current = q.category_id
            path = "$course$/top/" + "/".join(q.category.full_name.split(" / "))
            out.append(f'<question type="category"><category><text>{escape(path)}</text>'
                       "</category></question>")  # fmt: skip
        out.append(_export_one(q))
    out.append("</quiz>")
    return "\n".join(out).encode("utf-8")


def _export_one(q: Question) -> str:
    name = q.name if q.scenario_id is None else f"{q.scenario.name}{SCENARIO_SEPARATOR}{q.name}"
    kind = {
        QuestionKind.SINGLE: "multichoice",
        QuestionKind.MULTIPLE: "multichoice",
        QuestionKind.TRUE_FALSE: "truefalse",
        QuestionKind.SHORT_TEXT: "shortanswer",
        QuestionKind.NUMERIC: "numerical",
        QuestionKind.MATCHING: "matching",
        QuestionKind.ORDERING: "ordering",
        QuestionKind.SCENARIO: "description",
    }[q.kind]
    parts = [
        f'<question type="{kind}">',
        f"<name><text>{escape(name)}</text></name>",
        _text("questiontext", q.text),
        _text("generalfeedback", q.general_feedback),
        f"<defaultgrade>{q.marks}</defaultgrade>",
    ]
    options = list(q.options.all())
    if q.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        parts.append(f"<single>{'true' if q.kind == QuestionKind.SINGLE else 'false'}</single>")
        parts.append(f"<shuffleanswers>{int(q.shuffle_options)}</shuffleanswers>")
    if q.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.SHORT_TEXT):
        for o in options:
            parts.append(
                f'<answer fraction="{_fraction(o.fraction)}" format="html">'
                f"<text>{escape(o.text)}</text>{_text('feedback', o.feedback)}</answer>"
            )
    elif q.kind == QuestionKind.TRUE_FALSE:
        for value in ("true", "false"):
            right = (value == "true") == bool(q.true_false_answer)
            parts.append(
                f'<answer fraction="{100 if right else 0}" format="moodle_auto_format">'
                f"<text>{value}</text></answer>"
            )
    elif q.kind == QuestionKind.NUMERIC:
        parts.append(
            f'<answer fraction="100"><text>{q.numeric_answer}</text>'
            f"<tolerance>{q.numeric_tolerance}</tolerance></answer>"
        )
    elif q.kind == QuestionKind.ORDERING:
        for o in options:
            parts.append(
                f'<answer fraction="1" format="html"><text>{escape(o.text)}</text></answer>'
            )
    elif q.kind == QuestionKind.MATCHING:
        for o in options:
            parts.append(
                f'<subquestion format="html"><text>{escape(o.text)}</text>'
                f"<answer><text>{escape(o.match_text)}</text></answer></subquestion>"
            )
    parts.append("</question>")
    return "".join(parts)

"""Moodle XML: import (parsed with defusedxml: a DTD, entity declarations or external
references refuse the file) and export of the bank.

Scenarios travel as Moodle "description" questions; the questions after one whose names
start with "<scenario name> :: " are its sub-questions (export writes them that way).
"""

from __future__ import annotations

from decimal import Decimal
from xml.sax.handler import ContentHandler
from xml.sax.saxutils import escape

import defusedxml.sax
from defusedxml.common import DefusedXmlException
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from ..models import Language, Question, QuestionKind
from .common import (
    MAX_BYTES,
    SCENARIO_SEPARATOR,
    ParsedQuestion,
    ParseResult,
    Problem,
    category_path,
    category_path_text,
    check_question,
    parse_decimal,
)


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


LANGUAGE_TAG = "lang:"

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
            category = category_path(node.inner("category"))
            continue
        parsed = _moodle_question(node, qtype, problems)
        if parsed is not None:
            parsed.category = list(category)
            check_question(parsed, problems)
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
    tags = node.find("tags")
    for tag in tags.findall("tag") if tags is not None else []:
        value = tag.inner("text") or (tag.find("text").text if tag.find("text") else "")
        if value.startswith(LANGUAGE_TAG) and value[len(LANGUAGE_TAG) :] in dict(Language.choices):
            q.language = value[len(LANGUAGE_TAG) :]
    marks = parse_decimal(node.inner("defaultgrade") or "1")
    if marks is None or marks < 0:
        problems.append(Problem(node.line, _("The marks are not a number.")))
    else:
        q.marks = marks
    if node.find("shuffleanswers") is not None:
        q.shuffle = node.inner("shuffleanswers").lower() in ("1", "true")
    answers = node.findall("answer")
    fractions = []
    for answer in answers:
        fraction = parse_decimal(answer.attrs.get("fraction", "0"))
        if fraction is None:
            problems.append(Problem(answer.line, _("A fraction is not a number.")))
            fraction = Decimal("0")
        fractions.append((answer, (fraction / 100).quantize(Decimal("0.0000001"))))
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
                q.numeric_answer = parse_decimal(a.find("text").text if a.find("text") else "")
                q.numeric_tolerance = parse_decimal(a.inner("tolerance") or "0") or Decimal("0")
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
    chains = {q.category_id: _category_chain(q.category) for q in ordered}
    root = _common_prefix(list(chains.values()))
    for q in ordered:
        if q.category_id != current:
            current = q.category_id
            # Relative to the categories' common root: a re-import lands where it was.
            path = category_path_text([name for _pk, name in chains[q.category_id][len(root) :]])
            out.append(f'<question type="category"><category><text>{escape(path)}</text>'
                       "</category></question>")  # fmt: skip
        out.append(_export_one(q))
    out.append("</quiz>")
    return "\n".join(out).encode("utf-8")


def _category_chain(category) -> list[tuple[int, str]]:
    """The category's (pk, name) from the top of its tree down to itself."""
    names = []
    while category is not None:
        names.append((category.pk, category.name))
        category = category.parent
    return names[::-1]


def _common_prefix(chains: list[list[tuple[int, str]]]) -> list[tuple[int, str]]:
    if not chains:
        return []
    prefix = chains[0]
    for chain in chains[1:]:
        length = 0
        while length < min(len(prefix), len(chain)) and prefix[length] == chain[length]:
            length += 1
        prefix = prefix[:length]
    return prefix


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
    # Our language as a Moodle tag: Moodle keeps it as a tag, we read it back.
    parts.append(f"<tags><tag><text>{LANGUAGE_TAG}{escape(q.language)}</text></tag></tags>")
    parts.append("</question>")
    return "".join(parts)

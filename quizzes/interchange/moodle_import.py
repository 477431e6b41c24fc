"""Moodle XML import, parsed with defusedxml (a DTD, entity declarations or external
references refuse the file).

Every question of the file is read and reported: a type the bank does not hold (calculated,
drag and drop, random…) or a question that breaks a rule is skipped with its reason, the rest
is imported, with a warning for what changed on the way in. Scenarios travel as Moodle
"description" questions; the questions after one whose names start with "<scenario name> :: "
are its sub-questions (export writes them that way).

Our own fields ride as Moodle tags, which Moodle keeps and shows and we read back:
"lang:sr", "case:<application number>", "audience:<profession>".
"""

from __future__ import annotations

from decimal import Decimal
from xml.sax.handler import ContentHandler

import defusedxml.sax
from defusedxml.common import DefusedXmlException
from django.utils.html import escape as html_escape
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from markdown_it import MarkdownIt

from ..models import Language, QuestionKind
from .common import (
    CategoryInfo,
    ParsedQuestion,
    ParseResult,
    Problem,
    category_path,
    check_question,
    clean_rich_texts,
    parse_count,
    parse_decimal,
    unsupported,
)
from .embedded_files import files_read, references_check
from .html_cleaning import html_to_plain

MAX_XML_BYTES = 16 * 1024 * 1024  # images and audio travel inside the file
LANGUAGE_TAG, CASE_TAG, AUDIENCE_TAG = "lang:", "case:", "audience:"

MOODLE_KINDS = {
    "truefalse": QuestionKind.TRUE_FALSE,
    "shortanswer": QuestionKind.SHORT_TEXT,
    "numerical": QuestionKind.NUMERIC,
    "matching": QuestionKind.MATCHING,
    "ordering": QuestionKind.ORDERING,
    "description": QuestionKind.SCENARIO,
    "essay": QuestionKind.ESSAY,
    "cloze": QuestionKind.CLOZE,
}
# Moodle's essay settings our essay does not have, with the value that changes nothing: the
# learner types the answer (as in Moodle's "editor" and "plain" formats), must type one, and
# attaches no file; 15 lines is the box Moodle shows by default.
ESSAY_DEFAULTS = {
    "responseformat": "editor",
    "responserequired": "1",
    "responsefieldlines": "15",
    "attachments": "0",
    "attachmentsrequired": "0",
    "maxbytes": "0",
    "filetypeslist": "",
}


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

    def own_text(self) -> str:
        """The <text> child's content (Moodle's usual shape), or the node's own."""
        text = self.find("text")
        return (text.text if text is not None else self.text) or ""

    def inner(self, tag) -> str:
        child = self.find(tag)
        return child.own_text() if child is not None else ""


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


def parse_moodle_xml(data: bytes) -> ParseResult:
    if len(data) > MAX_XML_BYTES:
        return ParseResult([], [Problem(1, _("The file is larger than 16 MB."))])
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
    categories: list[CategoryInfo] = []
    category: list[str] = []
    for node in root.findall("question"):
        qtype = node.attrs.get("type", "")
        if qtype == "category":
            category = category_path(node.inner("category"))
            info = node.find("info")
            description = _rich(info) if info is not None else ""
            description = html_to_plain(description, lines=True) if description else ""
            categories.append(CategoryInfo(category, description, node.inner("idnumber").strip()))
            continue
        parsed = _question(node, qtype)
        parsed.category = list(category)
        if parsed.importable:
            clean_rich_texts(parsed)
            files_read(node, parsed)
            references_check(parsed)
            check_question(parsed)
        questions.append(parsed)
    if not questions:
        return ParseResult([], [Problem(1, _("The file has no questions."))], categories)
    return ParseResult(questions, [], categories)


def _rich(node: _Node | None) -> str:
    """A text element as HTML, by its format (html, moodle_auto_format, plain_text,
    markdown)."""
    if node is None:
        return ""
    text, fmt = node.own_text(), node.attrs.get("format", "html")
    if fmt == "markdown":
        return MarkdownIt("commonmark", {"html": True}).render(text).strip()
    if fmt in ("plain_text", "moodle_auto_format") and text:
        lines = html_escape(text).split("\n")
        return "<p>" + "<br>".join(line.strip() for line in lines) + "</p>"
    return text


def _plain(node: _Node | None, q: ParsedQuestion) -> str:
    """An option, prompt or feedback as the bank keeps it (plain text)."""
    if node is None:
        return ""
    text = node.own_text()
    if node.attrs.get("format", "html") in ("plain_text", "moodle_auto_format", "markdown"):
        return text.strip()
    if "<img" in text or "@@PLUGINFILE@@" in text:
        q.warnings.append(
            _("An option or feedback shows an image or file; options are plain text, so it "
              "is not kept.")
        )  # fmt: skip
    return html_to_plain(text)


def _question(node: _Node, qtype: str) -> ParsedQuestion:
    name = node.inner("name").strip()[:255]
    if qtype == "multichoice":
        single = node.inner("single").lower() not in ("false", "0") if node.find("single") else True
        kind = QuestionKind.SINGLE if single else QuestionKind.MULTIPLE
    elif qtype in MOODLE_KINDS:
        kind = MOODLE_KINDS[qtype]
    else:
        return unsupported(
            line=node.line,
            name=name,
            source_type=qtype,
            reason=_("Question type “%(type)s” is not supported.") % {"type": qtype},
        )
    questiontext = node.find("questiontext")
    q = ParsedQuestion(
        line=node.line,
        name=name or strip_tags(_rich(questiontext))[:60].strip() or _("Imported question"),
        kind=kind,
        source_type=qtype,
        # A cloze text keeps its gaps exactly as written.
        text=_rich(questiontext),
        general_feedback=_rich(node.find("generalfeedback")),
        idnumber=node.inner("idnumber").strip()[:100],
    )
    _tags(node, q)
    _not_kept(node, q)
    marks = parse_decimal(node.inner("defaultgrade") or "1")
    if marks is None or marks < 0:
        q.problems.append(_("The marks are not a number."))
    else:
        q.marks = marks
    if node.find("shuffleanswers") is not None:
        q.shuffle = node.inner("shuffleanswers").lower() in ("1", "true")
    fractions = []
    for answer in node.findall("answer"):
        fraction = parse_decimal(answer.attrs.get("fraction", "0"))
        if fraction is None:
            q.problems.append(_("A fraction is not a number (line %(line)s).")
                              % {"line": answer.line})  # fmt: skip
            fraction = Decimal("0")
        fractions.append((answer, (fraction / 100).quantize(Decimal("0.0000001"))))
    if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        q.options = [(_plain(a, q), f, _plain(a.find("feedback"), q), "") for a, f in fractions]
    elif kind == QuestionKind.SHORT_TEXT:
        # Moodle keeps short answers as plain text.
        q.options = [
            (a.own_text().strip(), f, _plain(a.find("feedback"), q), "") for a, f in fractions
        ]
        if node.inner("usecase") == "1":
            q.warnings.append(_("Case-sensitive matching is not kept: answers match in any case."))
    elif kind == QuestionKind.TRUE_FALSE:
        for a, f in fractions:
            if f > 0:
                q.true_false_answer = a.own_text().strip().lower() == "true"
        if q.true_false_answer is None:
            q.problems.append(_("No answer is marked right."))
    elif kind == QuestionKind.NUMERIC:
        _numeric(q, fractions)
        units = node.find("units")
        if units is not None and units.findall("unit"):
            q.warnings.append(_("Units are not kept: the answer is the number alone."))
    elif kind == QuestionKind.ORDERING:
        # qtype_ordering writes each item's place as its fraction.
        if len({f for _a, f in fractions}) == len(fractions):
            fractions = sorted(fractions, key=lambda pair: pair[1])
        q.options = [(_plain(a, q), Decimal("0"), "", "") for a, _f in fractions]
        if len(q.options) < 2:
            q.problems.append(_("An ordering question needs two items or more."))
    elif kind == QuestionKind.MATCHING:
        for sub in node.findall("subquestion"):
            answer = sub.find("answer")
            match = answer.own_text().strip() if answer is not None else ""
            q.options.append((_plain(sub, q), Decimal("0"), "", match[:500]))
    elif kind == QuestionKind.ESSAY:
        _essay(node, q)
    return q


# Moodle's feedback that the bank has no place for, by question type ("*": every type).
COMBINED_FEEDBACK = ("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback")


def _not_kept(node: _Node, q: ParsedQuestion) -> None:
    """What Moodle holds and the bank does not, named in a warning: the combined feedback,
    hints, and the feedback of answers that are no option here (true/false, the numeric
    question's own number and its "any other answer")."""
    lost = [tag for tag in COMBINED_FEEDBACK if strip_tags(node.inner(tag)).strip()]
    if node.findall("hint"):
        lost.append("hint")
    if q.kind in (QuestionKind.TRUE_FALSE, QuestionKind.NUMERIC):
        for answer in node.findall("answer"):
            partial = (
                q.kind == QuestionKind.NUMERIC
                and answer.own_text().strip() != "*"
                and (parse_decimal(answer.attrs.get("fraction", "0")) or 0) not in (0, 100)
            )
            if not partial and strip_tags(answer.inner("feedback")).strip():
                lost.append(_("feedback of “%(answer)s”") % {"answer": answer.own_text().strip()})
    if lost:
        q.warnings.append(_("Not kept: %(what)s.") % {"what": ", ".join(lost)})


def _numeric(q: ParsedQuestion, fractions) -> None:
    """The first full-marks answer is the question's number; other answers with a positive
    fraction give partial credit (an option: text the number, match_text its tolerance)."""
    for a, f in fractions:
        text = a.own_text().strip()
        if text == "*":
            continue  # Moodle's "any other answer", for its feedback only
        value = parse_decimal(text)
        tolerance = parse_decimal(a.inner("tolerance") or "0")
        if value is None or tolerance is None:
            q.problems.append(_("“%(answer)s” is not a number.") % {"answer": text})
            return
        if f == 1 and q.numeric_answer is None:
            q.numeric_answer, q.numeric_tolerance = value, abs(tolerance)
        elif f > 0:
            q.options.append(
                (format(value, "f"), f, _plain(a.find("feedback"), q), format(abs(tolerance), "f"))
            )


def _essay(node: _Node, q: ParsedQuestion) -> None:
    """Word limits, grader information and response template kept; what our essay does not
    have (attachments, an answer without text, files in the answer, the box's height) is
    named in a warning."""
    q.essay_min_words = parse_count(node.inner("minwordlimit"))
    q.essay_max_words = parse_count(node.inner("maxwordlimit"))
    q.essay_grader_info = _rich(node.find("graderinfo"))
    template = node.find("responsetemplate")
    if template is not None:
        text = template.own_text()
        html = template.attrs.get("format", "html") == "html" and "<" in text
        q.essay_response_template = html_to_plain(text) if html else text.strip()
    dropped = []
    for tag, default in ESSAY_DEFAULTS.items():
        value = node.inner(tag).strip()
        if tag == "responseformat" and value in ("plain", "monospaced"):
            continue  # typed text, as ours
        if value and value != default:
            dropped.append(f"{tag} = {value}")
    if dropped:
        q.warnings.append(
            _("Essay settings we do not have are not kept: %(settings)s.")
            % {"settings": ", ".join(dropped)}
        )


def _tags(node: _Node, q: ParsedQuestion) -> None:
    tags = node.find("tags")
    for tag in tags.findall("tag") if tags is not None else []:
        value = tag.own_text().strip()
        if value.startswith(LANGUAGE_TAG) and value[len(LANGUAGE_TAG) :] in dict(Language.choices):
            q.language = value[len(LANGUAGE_TAG) :]
        elif value.startswith(CASE_TAG):
            q.case_number = value[len(CASE_TAG) :].strip()
        elif value.startswith(AUDIENCE_TAG):
            q.audience.append(value[len(AUDIENCE_TAG) :].strip())
        elif value:
            q.tags.append(value[:100])

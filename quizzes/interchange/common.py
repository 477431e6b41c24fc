"""What both import formats share: the parsed question with what is wrong with it (it is
skipped) or what was changed on the way in (it is imported with a warning), the checks every
imported question must pass, the file-level problems (each with the line it starts on), the
report an import keeps, and how a category path is read."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from ..cloze import cloze_problems
from ..models import QuestionKind
from .html_cleaning import html_clean

MAX_BYTES = 2 * 1024 * 1024
SCENARIO_SEPARATOR = " :: "

# What a question's report line says.
IMPORTED, WARNING, SKIPPED = "imported", "warning", "skipped"


@dataclass
class Problem:
    """A problem of the whole file (not XML, too large, no questions): nothing imports."""

    line: int
    message: str

    def __str__(self) -> str:
        return _("Line %(line)s: %(message)s") % {"line": self.line, "message": self.message}


@dataclass
class EmbeddedFile:
    """A file written into a Moodle XML text (`<file name=… encoding="base64">`), checked:
    `is_image` when Pillow reads it as one."""

    name: str
    data: bytes
    is_image: bool


@dataclass
class ParsedQuestion:
    line: int
    name: str
    kind: str
    text: str
    source_type: str = ""  # as the file names it (multichoice, calculated, …)
    marks: Decimal = Decimal("1")
    general_feedback: str = ""
    # (text, fraction, feedback, match_text)
    options: list[tuple[str, Decimal, str, str]] = field(default_factory=list)
    true_false_answer: bool | None = None
    numeric_answer: Decimal | None = None
    numeric_tolerance: Decimal = Decimal("0")
    shuffle: bool = True
    category: list[str] = field(default_factory=list)
    language: str = ""  # from our "lang:xx" tag; empty: the language chosen for the import
    idnumber: str = ""
    tags: list[str] = field(default_factory=list)
    case_number: str = ""  # from our "case:…" tag: the cited case's application number
    audience: list[str] = field(default_factory=list)  # from our "audience:…" tags
    essay_min_words: int | None = None
    essay_max_words: int | None = None
    essay_response_template: str = ""
    essay_grader_info: str = ""
    files: dict[str, EmbeddedFile] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)  # any: the question is skipped
    warnings: list[str] = field(default_factory=list)  # what changed on the way in

    @property
    def importable(self) -> bool:
        return not self.problems

    @property
    def status(self) -> str:
        if self.problems:
            return SKIPPED
        return WARNING if self.warnings else IMPORTED

    def report(self) -> dict:
        return {
            "line": self.line,
            "name": self.name,
            "type": self.source_type or self.kind,
            "kind": self.kind,
            "category": " / ".join(self.category),
            "status": self.status,
            "messages": self.problems or self.warnings,
        }


@dataclass
class CategoryInfo:
    """A category of the file with what Moodle keeps about it."""

    path: list[str]
    description: str = ""
    idnumber: str = ""


@dataclass
class ParseResult:
    questions: list[ParsedQuestion]  # every question of the file, importable or not
    problems: list[Problem]  # the file's own problems: nothing can be imported
    categories: list[CategoryInfo] = field(default_factory=list)

    @property
    def importable(self) -> list[ParsedQuestion]:
        return [q for q in self.questions if q.importable] if not self.problems else []

    @property
    def skipped(self) -> list[ParsedQuestion]:
        return [q for q in self.questions if not q.importable]

    @property
    def ok(self) -> bool:
        """Something can be imported."""
        return bool(self.importable)

    def counts(self) -> dict[str, int]:
        statuses = [q.status for q in self.questions]
        return {status: statuses.count(status) for status in (IMPORTED, WARNING, SKIPPED)}

    def report(self) -> dict:
        return {
            "problems": [{"line": p.line, "message": p.message} for p in self.problems],
            "questions": [q.report() for q in self.questions],
        }


def unsupported(*, line: int, name: str, source_type: str, reason: str) -> ParsedQuestion:
    """A question of a type the bank does not hold: reported, skipped."""
    return ParsedQuestion(
        line=line, name=name or source_type, kind="", text="", source_type=source_type,
        problems=[reason],
    )  # fmt: skip


def clean_rich_texts(q: ParsedQuestion) -> None:
    """Every HTML text of the question cleaned to what the bank's rich text holds; what was
    removed is a warning."""
    removed: set[str] = set()
    for attribute in ("text", "general_feedback", "essay_grader_info"):
        clean, dropped = html_clean(getattr(q, attribute))
        setattr(q, attribute, clean)
        removed.update(dropped)
    if removed:
        q.warnings.append(
            _("HTML cleaned: removed %(what)s.") % {"what": ", ".join(sorted(removed))}
        )


def check_question(q: ParsedQuestion) -> None:
    """What every imported question must satisfy, whatever its format: a failure is a
    reason to skip it; a fraction near one of Moodle's grades is set to it, with a warning."""
    if not q.importable:
        return
    problems = q.problems
    if not strip_tags(q.text).strip() and q.kind != QuestionKind.SCENARIO:
        problems.append(_("The question has no text."))
    if q.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        if len(q.options) < 2:
            problems.append(_("A choice question needs two options or more."))
        elif not any(o[1] > 0 for o in q.options):
            problems.append(_("No option is marked right."))
    if q.kind == QuestionKind.SHORT_TEXT and not any(o[1] > 0 for o in q.options):
        problems.append(_("No accepted answer."))
    if q.kind == QuestionKind.MATCHING and sum(1 for o in q.options if o[0]) < 2:
        problems.append(_("A matching question needs two pairs or more."))
    if q.kind == QuestionKind.NUMERIC and q.numeric_answer is None:
        problems.append(_("No correct number."))
    if (
        q.kind == QuestionKind.ESSAY
        and q.essay_min_words is not None
        and q.essay_max_words is not None
        and q.essay_min_words > q.essay_max_words
    ):
        problems.append(_("The maximum number of words is below the minimum."))
    if q.kind == QuestionKind.CLOZE:
        problems.extend(cloze_problems(q.text))
    _snap_fractions(q)
    full = any(abs(o[1] - 1) <= FRACTION_TOLERANCE for o in q.options)
    if q.kind == QuestionKind.SINGLE and any(o[1] > 0 for o in q.options) and not full:
        problems.append(_("A single-answer question needs an option worth full marks."))
    if q.kind == QuestionKind.MULTIPLE and any(o[1] > 0 for o in q.options):
        total = sum((o[1] for o in q.options if o[1] > 0), Decimal("0"))
        if abs(total - 1) > FRACTION_TOLERANCE:
            problems.append(
                _("The right options add up to %(total)s %%, not 100 %%.")
                % {"total": percent(total)}
            )


def _snap_fractions(q: ParsedQuestion) -> None:
    snapped: list[str] = []
    for index, (text, fraction, feedback, match) in enumerate(q.options):
        if not Decimal("-1") <= fraction <= Decimal("1"):
            q.problems.append(_("A fraction is outside -100 % to 100 %."))
            return
        if q.kind not in GRADED_KINDS:
            continue
        grade = moodle_fraction(fraction)
        if grade is None:
            q.problems.append(
                _("%(grade)s %% is not one of Moodle's grades.") % {"grade": percent(fraction)}
            )
            return
        if grade != fraction:
            snapped.append(f"{percent(fraction)} % → {percent(grade)} %")
            q.options[index] = (text, grade, feedback, match)
    if snapped:
        q.warnings.append(
            _("Set to Moodle's grades: %(changes)s.") % {"changes": ", ".join(snapped)}
        )


def percent(fraction: Decimal) -> str:
    return format((fraction * 100).normalize(), "f")


# Moodle's grade list (question/format.php): fractions an answer may carry, in both signs,
# and the tolerance Moodle accepts when matching a grade or totalling a question's grades.
MOODLE_FRACTIONS = [
    Decimal(v) / 100
    for v in ("100", "90", "83.33333", "80", "75", "70", "66.66667", "60", "50", "40",
              "33.33333", "30", "25", "20", "16.66667", "14.28571", "12.5", "11.11111",
              "10", "5", "0")
]  # fmt: skip
FRACTION_TOLERANCE = Decimal("0.0001")
GRADED_KINDS = (
    QuestionKind.SINGLE,
    QuestionKind.MULTIPLE,
    QuestionKind.SHORT_TEXT,
    QuestionKind.NUMERIC,
)


def moodle_fraction(value: Decimal) -> Decimal | None:
    """The grade of Moodle's list `value` stands for (its sign kept), or None."""
    for grade in MOODLE_FRACTIONS:
        if abs(abs(value) - grade) <= FRACTION_TOLERANCE:
            return grade if value >= 0 else -grade
    return None


def is_moodle_fraction(value: Decimal) -> bool:
    return moodle_fraction(value) is not None


def parse_decimal(text: str) -> Decimal | None:
    try:
        value = Decimal(str(text).strip().replace(",", "."))
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def parse_count(text: str) -> int | None:
    """A word limit: a whole number above 0, or None (Moodle writes 0 for "no limit")."""
    text = (text or "").strip()
    return int(text) if text.isdigit() and int(text) > 0 else None


# Moodle's context prefixes of a category path ($course$, $module$, $system$, $cat1$, …)
# and its "top" category are not categories of the bank.
_CONTEXT_PREFIX = re.compile(r"^\$[a-z]+\d*\$$")


def category_path(path: str) -> list[str]:
    """The category names of a "$course$/top/A/B" path: ["A", "B"]; "//" is a "/" inside
    a name ("Zakoni 2009//2016" is one category)."""
    names = [p.replace("\x00", "/").strip() for p in path.replace("//", "\x00").split("/")]
    names = [n for n in names if n]
    if names and _CONTEXT_PREFIX.match(names[0]):
        names = names[1:]
    return [n for n in names if n != "top"]


def category_path_text(names: list[str]) -> str:
    """A category path as Moodle writes it, with "/" inside a name doubled."""
    return "/".join(name.replace("/", "//") for name in names)

"""What both import formats share: the parsed question, the problems found (each with the
line it starts on), the checks every imported question must pass, and how a category path
is read."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from ..models import QuestionKind

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
    language: str = ""  # from our "lang:xx" tag; empty: the language chosen for the import


@dataclass
class ParseResult:
    questions: list[ParsedQuestion]
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.questions)


def check_question(q: ParsedQuestion, problems: list[Problem]) -> None:
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
        if q.kind in GRADED_KINDS and not is_moodle_fraction(option[1]):
            problems.append(
                Problem(q.line, _("%(grade)s %% is not one of Moodle's grades.")
                        % {"grade": format((option[1] * 100).normalize(), "f")})
            )  # fmt: skip
            break
    full = any(abs(o[1] - 1) <= FRACTION_TOLERANCE for o in q.options)
    if q.kind == QuestionKind.SINGLE and any(o[1] > 0 for o in q.options) and not full:
        problems.append(
            Problem(q.line, _("A single-answer question needs an option worth full marks."))
        )
    if q.kind == QuestionKind.MULTIPLE and any(o[1] > 0 for o in q.options):
        total = sum((o[1] for o in q.options if o[1] > 0), Decimal("0"))
        if abs(total - 1) > FRACTION_TOLERANCE:
            problems.append(
                Problem(q.line, _("The right options add up to %(total)s %%, not 100 %%.")
                        % {"total": format((total * 100).normalize(), "f")})
            )  # fmt: skip


# Moodle's grade list (question/format.php): fractions an answer may carry, in both signs,
# and the tolerance Moodle accepts when matching a grade or totalling a question's grades.
MOODLE_FRACTIONS = [
    Decimal(v) / 100
    for v in ("100", "90", "83.33333", "80", "75", "70", "66.66667", "60", "50", "40",
              "33.33333", "30", "25", "20", "16.66667", "14.28571", "12.5", "11.11111",
              "10", "5", "0")
]  # fmt: skip
FRACTION_TOLERANCE = Decimal("0.0001")
GRADED_KINDS = (QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.SHORT_TEXT)


def is_moodle_fraction(value: Decimal) -> bool:
    return any(abs(abs(value) - grade) <= FRACTION_TOLERANCE for grade in MOODLE_FRACTIONS)


def parse_decimal(text: str) -> Decimal | None:
    try:
        value = Decimal(str(text).strip().replace(",", "."))
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


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

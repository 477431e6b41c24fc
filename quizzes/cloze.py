"""Embedded answers (cloze), as Moodle's multianswer question writes them.

A cloze question is one text with gaps in it; each gap is written where it stands:

    {1:SHORTANSWER:=Palermo#Right, the 2000 Protocol~%50%Vienna#Half right}
    {2:NUMERICAL:=2009:0}
    {1:MULTICHOICE:Rome~=Palermo~Geneva}

`{weight:TYPE:answers}`: the weight (empty: 1) is the gap's share of the question's marks;
answers are separated by "~", each starting with "=" (full marks) or "%n%" (n per cent),
followed by its text and an optional "#feedback". A numerical answer is "value:tolerance"
(a negative tolerance counts as its size, as in Moodle). "\\}", "\\#", "\\~", "\\/", "\\\""
and "\\\\" stand for the character itself. In a short answer, "*" matches any run of
characters ("*" alone: any answer) and "\\*" a star (kept escaped here: see
`cloze_grading`). Formatting the editor put inside a gap (bold, a link) is dropped from
its answers and feedback, which are plain text.

As in Moodle's parser (qtype_multianswer_extract_question):
- a single-answer gap (short, numerical, choice) needs an answer worth 100 %; a
  multiple-response gap needs one worth more than 0;
- a multiple-response gap's positive fractions are scaled to add up to 100 %; when no
  answer names its per cent ("=" only), each wrong answer costs as much as one right one
  ({1:MR:=A~=B~C} → A 50 %, B 50 %, C −50 %).

Two answers of a choice gap may not have the same text: a response names the answer
chosen by its text, which keeps its meaning when a later version reorders the answers.

The types Moodle knows, and what each is here:
- SHORTANSWER (SA, MW), SHORTANSWER_C (SAC, MWC: case matters): a typed answer;
- NUMERICAL (NM): a number, within each answer's tolerance;
- MULTICHOICE (MC: a drop-down), MULTICHOICE_V (MCV: radio buttons in a column),
  MULTICHOICE_H (MCH: in a row), and their shuffled forms (MCS, MCVS, MCHS);
- MULTIRESPONSE (MR: tick boxes in a column), MULTIRESPONSE_H (MRH: in a row), and shuffled
  (MRS, MRHS).

`cloze_gaps(text)` reads the gaps in order (numbered from 1, as the response stores them);
`cloze_parts(text)` splits the text into HTML around them; `cloze_problems(text)` says what
an author must fix. Nothing here reads the database.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

SHORT, NUMERIC, CHOICE, MULTI = "short", "numeric", "choice", "multi"

# Moodle's type names → (kind, case sensitive, layout, shuffle). Layout: "dropdown",
# "vertical" or "horizontal".
TYPES: dict[str, tuple[str, bool, str, bool]] = {}
for names, spec in (
    (("SHORTANSWER", "SA", "MW"), (SHORT, False, "", False)),
    (("SHORTANSWER_C", "SAC", "MWC"), (SHORT, True, "", False)),
    (("NUMERICAL", "NM"), (NUMERIC, False, "", False)),
    (("MULTICHOICE", "MC"), (CHOICE, False, "dropdown", False)),
    (("MULTICHOICE_V", "MCV"), (CHOICE, False, "vertical", False)),
    (("MULTICHOICE_H", "MCH"), (CHOICE, False, "horizontal", False)),
    (("MULTICHOICE_S", "MCS"), (CHOICE, False, "dropdown", True)),
    (("MULTICHOICE_VS", "MCVS"), (CHOICE, False, "vertical", True)),
    (("MULTICHOICE_HS", "MCHS"), (CHOICE, False, "horizontal", True)),
    (("MULTIRESPONSE", "MR"), (MULTI, False, "vertical", False)),
    (("MULTIRESPONSE_H", "MRH"), (MULTI, False, "horizontal", False)),
    (("MULTIRESPONSE_S", "MRS"), (MULTI, False, "vertical", True)),
    (("MULTIRESPONSE_HS", "MRHS"), (MULTI, False, "horizontal", True)),
):
    for name in names:
        TYPES[name] = spec

# A gap: "{", an optional weight, ":", a type, ":", then everything up to the first "}"
# that is not escaped.
GAP = re.compile(r"\{(\d*):([A-Z_]+):((?:\\.|[^\\}])*)\}")
_FRACTION = re.compile(r"^(=|%(-?\d+(?:[.,]\d*)?)%)")
_ESCAPED = re.compile(r"\\([}#~/\"\\])")
_TAG = re.compile(r"<[^>]*>")


@dataclass(frozen=True)
class ClozeAnswer:
    text: str  # unescaped, HTML entities decoded
    fraction: Decimal  # -1 to 1
    feedback: str
    tolerance: Decimal = Decimal("0")  # numerical gaps only


@dataclass
class ClozeGap:
    number: int  # from 1, in the order the gaps stand in the text
    weight: int
    type_name: str  # as written (SHORTANSWER, MCV, …)
    kind: str  # SHORT, NUMERIC, CHOICE or MULTI
    case_sensitive: bool
    layout: str
    shuffle: bool
    answers: list[ClozeAnswer] = field(default_factory=list)
    source: str = ""  # the gap as written, "{…}"
    problems: list[str] = field(default_factory=list)

    @property
    def best_fraction(self) -> Decimal:
        if self.kind == MULTI:
            return sum((a.fraction for a in self.answers if a.fraction > 0), Decimal("0"))
        return max((a.fraction for a in self.answers), default=Decimal("0"))


def _split(body: str, separator: str) -> list[str]:
    """`body` split on `separator` where it is not escaped."""
    parts, current, index = [], [], 0
    while index < len(body):
        char = body[index]
        if char == "\\" and index + 1 < len(body):
            current.append(body[index : index + 2])
            index += 2
            continue
        if char == separator:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
        index += 1
    parts.append("".join(current))
    return parts


def unescape(text: str) -> str:
    """An answer or feedback as plain text: tags dropped, escapes and entities read."""
    return html.unescape(_ESCAPED.sub(r"\1", _TAG.sub("", text))).strip()


def escape(text: str) -> str:
    """An answer or feedback written back into a gap."""
    return re.sub(r"([}#~/\"\\])", r"\\\1", text)


def _decimal(text: str) -> Decimal | None:
    try:
        value = Decimal(text.strip().replace(",", "."))
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def _gap(number: int, match: re.Match) -> ClozeGap:
    weight_text, type_name, body = match.groups()
    spec = TYPES.get(type_name)
    gap = ClozeGap(
        number=number,
        weight=int(weight_text) if weight_text else 1,
        type_name=type_name,
        kind=spec[0] if spec else SHORT,
        case_sensitive=spec[1] if spec else False,
        layout=spec[2] if spec else "",
        shuffle=spec[3] if spec else False,
        source=match.group(0),
    )
    if spec is None:
        gap.problems.append(_("“%(type)s” is not a type of gap.") % {"type": type_name})
        return gap
    named_per_cent = False  # an answer with "%n%" (n not 0), as Moodle's parser tells
    for alternative in _split(body, "~"):
        fraction_match = _FRACTION.match(alternative)
        fraction = Decimal("0")
        if fraction_match:
            if fraction_match.group(1) == "=":
                fraction = Decimal("1")
            else:
                fraction = (_decimal(fraction_match.group(2)) or Decimal("0")) / 100
                named_per_cent = named_per_cent or fraction != 0
            alternative = alternative[fraction_match.end() :]
        answer_part, *feedback_parts = _split(alternative, "#")
        # An HTML entity ("&#39;") is not a feedback separator.
        while feedback_parts and re.search(r"&$|&amp;$", answer_part):
            answer_part += "#" + feedback_parts.pop(0)
        feedback = unescape("#".join(feedback_parts)) if feedback_parts else ""
        tolerance = Decimal("0")
        if gap.kind == NUMERIC:
            value_text, _colon, tolerance_text = answer_part.partition(":")
            value = _decimal(unescape(value_text))
            tolerance_value = _decimal(unescape(tolerance_text)) if tolerance_text else Decimal("0")
            if value is None and unescape(value_text) != "*":
                gap.problems.append(_("“%(answer)s” is not a number.") % {"answer": value_text})
                continue
            if tolerance_value is None:
                gap.problems.append(
                    _("“%(tolerance)s” is not a tolerance.") % {"tolerance": tolerance_text}
                )
                continue
            answer_part, tolerance = unescape(value_text), abs(tolerance_value)
        text = unescape(answer_part)
        if not text:
            gap.problems.append(_("An answer of the gap is empty."))
            continue
        if not Decimal("-1") <= fraction <= Decimal("1"):
            gap.problems.append(_("A fraction is outside -100 % to 100 %."))
            continue
        gap.answers.append(ClozeAnswer(text, fraction, feedback, tolerance))
    if gap.problems:
        return gap
    if gap.kind == MULTI:
        if not any(a.fraction > 0 for a in gap.answers):
            gap.problems.append(_("No answer of the gap is marked right."))
    elif not any(a.fraction == 1 for a in gap.answers):
        gap.problems.append(_("No answer of the gap is worth 100 %, so full marks are impossible."))
    if gap.kind in (CHOICE, MULTI):
        texts = [a.text for a in gap.answers]
        if len(texts) < 2:
            gap.problems.append(_("A choice gap needs two answers or more."))
        elif len(set(texts)) < len(texts):
            gap.problems.append(_("Two answers of the gap are the same."))
    if gap.kind == MULTI and not gap.problems:
        gap.answers = _multiresponse_fractions(gap.answers, named_per_cent=named_per_cent)
    return gap


def _multiresponse_fractions(answers: list[ClozeAnswer], *, named_per_cent: bool):
    """Moodle's scaling of a multiple-response gap: the right answers share 100 % in
    proportion to their fractions; with no per cent named, a wrong answer costs as much as
    one right answer is worth."""
    total = sum((a.fraction for a in answers if a.fraction > 0), Decimal("0"))
    scaled = []
    for a in answers:
        if a.fraction > 0:
            fraction = a.fraction / total
        elif not named_per_cent:
            fraction = -1 / total
        else:
            fraction = a.fraction
        scaled.append(ClozeAnswer(a.text, fraction, a.feedback, a.tolerance))
    return scaled


def cloze_gaps(text: str) -> list[ClozeGap]:
    return [_gap(number, match) for number, match in enumerate(GAP.finditer(text or ""), 1)]


def cloze_parts(text: str) -> list[str | ClozeGap]:
    """The text as HTML pieces and gaps, in order."""
    parts: list[str | ClozeGap] = []
    position = 0
    for number, match in enumerate(GAP.finditer(text or ""), 1):
        parts.append(text[position : match.start()])
        parts.append(_gap(number, match))
        position = match.end()
    parts.append((text or "")[position:])
    return parts


def cloze_problems(text: str) -> list[str]:
    """What keeps `text` from being a cloze question, each naming its gap."""
    gaps = cloze_gaps(text)
    if not gaps:
        return [_("The text has no gap: write one as {1:SHORTANSWER:=answer}.")]
    if not any(gap.weight for gap in gaps):
        return [_("Every gap weighs 0: give at least one a weight, as in {1:SHORTANSWER:=answer}.")]
    return [
        _("Gap %(number)s: %(problem)s") % {"number": gap.number, "problem": problem}
        for gap in gaps
        for problem in gap.problems
    ]

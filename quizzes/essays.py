"""Essay answers: counting words, the word limits, and what counts as an answer.

Moodle's rules, kept here once for the form, the submit check, the grader's screen and the
review (the attempt page counts the same way in its small script, static/js/essay.js):

- a word is a run of letters or digits, with inner hyphens and apostrophes ("ex-officio",
  "d'Alembert" are one word), in any script;
- an answer left as the response template, or empty, is no answer (nothing to grade: it
  earns 0 when the attempt is submitted and never waits for a trainer);
- the word limits are checked when the attempt is submitted: saving a page keeps the text
  whatever its length (nothing typed is lost) and says what is wrong; "Submit all and
  finish" is refused while an answer is outside its limits. An attempt closed because time
  ran out is closed with what was saved, and the grader sees the word count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models.choices import QuestionKind

WORD = re.compile(r"\w+(?:[-'’]\w+)*")
# Characters an essay answer may have (about 7,000 words); other answers have MAX_VALUE.
MAX_ESSAY = 50_000


def word_count(text: str | None) -> int:
    return len(WORD.findall(text or ""))


def is_manually_graded(question) -> bool:
    """Graded by a trainer, not by `grading.grade`."""
    return question.kind == QuestionKind.ESSAY


def essay_response(text: str, *, template: str = "") -> str | None:
    """The answer to store from the text typed: line endings made plain, None for an
    empty answer or the response template left as it was."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        return None
    if template and " ".join(text.split()) == " ".join(template.split()):
        return None
    return text


def essay_waits(question, response) -> bool:
    """An essay answer that needs a trainer's grade (an empty one earns 0 at once)."""
    return is_manually_graded(question) and bool(response and str(response).strip())


def essay_limit_problem(question, response, *, number: int | None = None) -> str | None:
    """What is wrong with the answer's length, in words fit for the learner; None if
    nothing (or no answer: an empty essay is unanswered, not too short)."""
    if not essay_waits(question, response):
        return None
    count = word_count(response)
    low, high = question.essay_min_words, question.essay_max_words
    if low and count < low:
        message = ngettext(
            "your answer has %(count)s word; at least %(low)s are needed.",
            "your answer has %(count)s words; at least %(low)s are needed.",
            count,
        ) % {"count": count, "low": low}
    elif high and count > high:
        message = ngettext(
            "your answer has %(count)s word; at most %(high)s are allowed.",
            "your answer has %(count)s words; at most %(high)s are allowed.",
            count,
        ) % {"count": count, "high": high}
    else:
        return None
    if number is None:
        return message[:1].upper() + message[1:]
    return _("Question %(number)s: %(message)s") % {"number": number, "message": message}


@dataclass
class EssayShown:
    """An essay as the attempt page and the review show it: the limits and the count;
    in the review, whether it waits for a grade and, as the review options allow, the
    rubric points ([{criterion, max_points, points}]) and the trainer's feedback."""

    min_words: int | None
    max_words: int | None
    words: int
    waiting: bool = False
    graded: bool = False
    rubric: list[dict] = field(default_factory=list)
    feedback: str = ""


def essay_shown(question, response) -> EssayShown:
    return EssayShown(
        min_words=question.essay_min_words,
        max_words=question.essay_max_words,
        words=word_count(response),
    )

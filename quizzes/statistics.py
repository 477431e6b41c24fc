"""Item statistics of a quiz (classical test theory), from its graded attempts.

- facility index: the mean fraction of the marks earned on the question, in percent;
- discrimination index: the correlation (Pearson) between the question's fraction and the
  rest of the attempt's score (the attempt without this question), in percent, as Moodle
  reports it; empty when either does not vary;
- option shares: for choice and true/false questions, the share of the attempts that saw
  the question in which each option was chosen; for a cloze, per gap, the share that chose
  (or typed an answer matching) each of its answers.

Each figure is for one version of a question (attempts are graded against the version they
started with): a question answered in two versions has a row for each.

Two queries, whatever the number of attempts or questions.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from statistics import fmean

from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from openpyxl import Workbook

from config.api import safe_cell, xlsx_text_row

from .cloze_pages import cloze_option_shares
from .models import Attempt, AttemptQuestion, QuestionKind, QuizPage
from .selectors import canonical_quiz


@dataclass
class ItemStatistics:
    question_id: int
    version: int
    name: str
    kind: str
    text: str
    attempts: int = 0
    facility: float | None = None
    discrimination: float | None = None
    options: list[tuple[str, float]] = field(default_factory=list)


@dataclass
class QuizStatistics:
    quiz: QuizPage
    attempts: int
    mean_score: float | None
    items: list[ItemStatistics]


def _pearson(xs: list[float], ys: list[float]) -> float | None:
    if len(xs) < 2:
        return None
    mx, my = fmean(xs), fmean(ys)
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx == 0 or syy == 0:
        return None
    return sxy / (sxx * syy) ** 0.5


def quiz_statistics(*, quiz: QuizPage) -> QuizStatistics:
    quiz = canonical_quiz(quiz)
    attempts = {
        a.pk: a
        for a in Attempt.objects.filter(quiz=quiz, graded_at__isnull=False).only(
            "pk", "score", "marks_obtained", "marks_total"
        )
    }
    rows = list(
        AttemptQuestion.objects.filter(attempt_id__in=list(attempts))
        .select_related("version", "question")
        .order_by("question_id", "version__number", "attempt_id")
    )
    by_version: dict[tuple[int, int], list[AttemptQuestion]] = {}
    for row in rows:
        by_version.setdefault((row.question_id, row.version_id), []).append(row)
    items = []
    for question_rows in by_version.values():
        first = question_rows[0]
        question = first.content  # the version these attempts were shown and graded on
        item = ItemStatistics(
            question_id=first.question_id,
            version=first.version.number,
            name=first.question.name,
            kind=question.get_kind_display(),
            text=strip_tags(question.text)[:200],
            attempts=len(question_rows),
        )
        fractions = [float(r.fraction or 0) for r in question_rows]
        item.facility = round(100 * fmean(fractions), 1)
        rest = []
        for r in question_rows:
            attempt = attempts[r.attempt_id]
            total = float(attempt.marks_total or 0) - float(r.marks)
            obtained = float(attempt.marks_obtained or 0) - float(r.marks * (r.fraction or 0))
            rest.append(obtained / total if total > 0 else 0.0)
        correlation = _pearson(fractions, rest)
        item.discrimination = None if correlation is None else round(100 * correlation, 1)
        item.options = _option_shares(question, question_rows)
        items.append(item)
    items.sort(key=lambda i: (i.name, i.question_id, i.version))
    scores = [float(a.score) for a in attempts.values() if a.score is not None]
    return QuizStatistics(
        quiz=quiz,
        attempts=len(attempts),
        mean_score=round(fmean(scores), 2) if scores else None,
        items=items,
    )


def _option_shares(question, rows) -> list[tuple[str, float]]:
    count = len(rows)
    if question.kind == QuestionKind.CLOZE:
        return cloze_option_shares(question, rows)
    if question.kind == QuestionKind.TRUE_FALSE:
        return [
            (_("True"), round(100 * sum(r.response is True for r in rows) / count, 1)),
            (_("False"), round(100 * sum(r.response is False for r in rows) / count, 1)),
        ]
    if question.kind not in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        return []
    shares = []
    for option in question.options.all():
        chosen = 0
        for r in rows:
            response = r.response
            if response == option.pk or (isinstance(response, list) and option.pk in response):
                chosen += 1
        shares.append((option.text, round(100 * chosen / count, 1)))
    return shares


# --- Export -------------------------------------------------------------------------------


def _table(stats: QuizStatistics) -> tuple[list[str], list[list]]:
    header = [
        _("Question"),
        _("Version"),
        _("Type"),
        _("Attempts"),
        _("Facility index (%)"),
        _("Discrimination index (%)"),
        _("Options chosen (%)"),
    ]
    rows = [
        [
            item.name,
            item.version,
            item.kind,
            item.attempts,
            item.facility,
            "" if item.discrimination is None else item.discrimination,
            "; ".join(f"{text}: {share}" for text, share in item.options),
        ]
        for item in stats.items
    ]
    return header, rows


def statistics_csv(stats: QuizStatistics) -> str:
    header, rows = _table(stats)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
    return out.getvalue()


def statistics_xlsx(stats: QuizStatistics) -> bytes:
    header, rows = _table(stats)
    book = Workbook()
    sheet = book.active
    sheet.title = _("Items")[:31]
    sheet.append(xlsx_text_row(sheet, header))
    for row in rows:
        sheet.append(xlsx_text_row(sheet, row))
    summary = book.create_sheet(_("Quiz")[:31])
    summary.append([_("Attempts"), stats.attempts])
    summary.append([_("Mean score (%)"), stats.mean_score])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()

"""Import into the bank: a file parsed by its format (a preview first), then every question
created with its revision and version, or none if anything is wrong."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from ..bank import bank_scope
from ..models import Question, QuestionCategory, QuestionKind, QuestionOption
from ..versions import question_versions_sync
from .common import SCENARIO_SEPARATOR, ParseResult, Problem
from .gift import parse_gift
from .moodle_xml import parse_moodle_xml


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
    if user is not None and not bank_scope(user).may_edit_category(category):
        raise PermissionDenied
    created: list[Question] = []
    scenarios: dict[str, Question] = {}
    for parsed in result.questions:
        target = category
        for name in parsed.category:
            target, _created = QuestionCategory.objects.get_or_create(
                parent=target, name=name.strip()[:200]
            )
        scenario, position, name = None, 0, parsed.name
        if SCENARIO_SEPARATOR in parsed.name:
            prefix, rest = parsed.name.split(SCENARIO_SEPARATOR, 1)
            scenario = scenarios.get(prefix)
            if scenario is not None:
                # The export prefixes the scenario's name; the sub-question keeps its own.
                position, name = scenario.sub_questions.count() + 1, rest
        question = Question(
            name=name,
            kind=parsed.kind,
            category=target,
            language=parsed.language or language,
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
    question_versions_sync(question_ids=[q.pk for q in created], user=user)
    return created

"""Import into the bank, in two steps kept in a `QuestionImport`:

- `import_preview`: the upload parsed and reported (nothing of the bank changes), the file
  kept with the pending import;
- `import_confirm`: the file parsed again and every importable question created with its
  revision, version, files and categories, in one transaction; the report kept.

`questions_import` creates the importable questions of a parse result (the confirmation's
work, also used on its own by tests and scripts).
"""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from caselaw.api import CasePage

from ..bank import bank_scope
from ..models import (
    ImportFormat,
    ImportStatus,
    Question,
    QuestionCategory,
    QuestionImport,
    QuestionKind,
    QuestionOption,
)
from ..versions import question_versions_sync
from .common import IMPORTED, SCENARIO_SEPARATOR, SKIPPED, WARNING, ParseResult, Problem
from .embedded_files import FileStore, files_store
from .gift import parse_gift
from .moodle_import import parse_moodle_xml

PENDING_KEPT = timedelta(days=1)


def import_format(name: str) -> str:
    return ImportFormat.MOODLE_XML if name.lower().endswith(".xml") else ImportFormat.GIFT


def parse_file(*, name: str, data: bytes) -> ParseResult:
    if import_format(name) == ImportFormat.MOODLE_XML:
        return parse_moodle_xml(data)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return ParseResult([], [Problem(1, _("The file is not UTF-8 text."))])
    return parse_gift(text)


def _report_into(record: QuestionImport, result: ParseResult) -> None:
    counts = result.counts()
    if result.problems:
        counts = {IMPORTED: 0, WARNING: 0, SKIPPED: counts[SKIPPED]}
    record.imported_count = counts[IMPORTED]
    record.warning_count = counts[WARNING]
    record.skipped_count = counts[SKIPPED]
    record.report = result.report()


def import_preview(
    *, user, name: str, data: bytes, category: QuestionCategory, language: str
) -> QuestionImport:
    """The upload parsed and kept as a pending import with its report; nothing else saved.
    The user's pending imports older than a day go."""
    if not bank_scope(user).may_edit_category(category):
        raise PermissionDenied
    QuestionImport.objects.filter(
        created_by=user, status=ImportStatus.PENDING, created_at__lt=timezone.now() - PENDING_KEPT
    ).delete()
    record = QuestionImport(
        created_by=user,
        file_name=name[:255],
        format=import_format(name),
        category=category,
        language=language,
        data=data,
    )
    _report_into(record, parse_file(name=name, data=data))
    record.save()
    return record


def import_may_read(*, user, record: QuestionImport) -> bool:
    """An import's report is read by whoever keeps its category (administrators: all); one
    whose category is gone, by its uploader and administrators."""
    scope = bank_scope(user)
    if scope.is_administrator:
        return True
    if record.category is None:
        return scope.is_bank_user and record.created_by_id == user.pk
    return scope.may_edit_category(record.category)


def imports_readable_by(user):
    scope = bank_scope(user)
    records = QuestionImport.objects.select_related("created_by", "category").defer("data")
    if scope.is_administrator:
        return records
    if not scope.is_bank_user:
        return records.none()
    return records.filter(
        Q(category__in=scope.editable_categories()) | Q(category__isnull=True, created_by=user)
    )


def import_may_confirm(*, user, record: QuestionImport) -> bool:
    """Only the uploader confirms, and only while they still keep the category."""
    return (
        record.is_pending
        and record.category is not None
        and record.created_by_id == user.pk
        and bank_scope(user).may_edit_category(record.category)
    )


@transaction.atomic
def import_confirm(*, user, record: QuestionImport) -> list[Question]:
    """Every importable question of the pending import created (or none, if anything
    fails); the report kept, the file let go."""
    record = QuestionImport.objects.select_for_update().get(pk=record.pk)
    if not import_may_confirm(user=user, record=record):
        raise PermissionDenied
    result = parse_file(name=record.file_name, data=bytes(record.data))
    created = questions_import(
        result=result, category=record.category, language=record.language, user=user
    )
    _report_into(record, result)
    record.question_ids = [q.pk for q in created]
    record.status = ImportStatus.IMPORTED
    record.imported_at = timezone.now()
    record.data = b""
    record.save()
    return created


def import_discard(*, user, record: QuestionImport) -> None:
    if not import_may_confirm(user=user, record=record):
        raise PermissionDenied
    record.delete()


def _category_for(parent: QuestionCategory, names: list[str]) -> QuestionCategory:
    target = parent
    for name in names:
        target, _created = QuestionCategory.objects.get_or_create(
            parent=target, name=name.strip()[:200]
        )
    return target


def _case_for(reference: str, language: str):
    if not reference:
        return None
    cases = CasePage.objects.filter(
        Q(application_numbers__contains=reference) | Q(ecli=reference) | Q(case_number=reference)
    ).order_by("pk")
    return cases.filter(locale__language_code=language).first() or cases.first()


@transaction.atomic
def questions_import(
    *, result: ParseResult, category: QuestionCategory, language: str, user=None
) -> list[Question]:
    """Create every importable question (with its revision and version), its files and
    categories; the categories' descriptions and idnumbers where the bank has none."""
    if not result.ok:
        raise ValueError("nothing in this file can be imported")
    if user is not None and not bank_scope(user).may_edit_category(category):
        raise PermissionDenied
    for info in result.categories:
        if not info.path or not (info.description or info.idnumber):
            continue
        target = _category_for(category, info.path)
        changed = False
        if info.description and not target.description:
            target.description, changed = info.description, True
        if info.idnumber and not target.idnumber:
            target.idnumber, changed = info.idnumber[:100], True
        if changed:
            target.save()
    store = FileStore(category=category, user=user)
    created: list[Question] = []
    scenarios: dict[str, Question] = {}
    for parsed in result.importable:
        files_store(parsed, store)
        scenario, position, name = None, 0, parsed.name
        if SCENARIO_SEPARATOR in parsed.name:
            prefix, rest = parsed.name.split(SCENARIO_SEPARATOR, 1)
            scenario = scenarios.get(prefix)
            if scenario is not None:
                # The export prefixes the scenario's name; the sub-question keeps its own.
                position, name = scenario.sub_questions.count() + 1, rest
        own_language = parsed.language or language
        question = Question(
            name=name,
            kind=parsed.kind,
            category=_category_for(category, parsed.category),
            language=own_language,
            idnumber=parsed.idnumber,
            text=parsed.text or "<p></p>",
            marks=parsed.marks,
            general_feedback=parsed.general_feedback,
            shuffle_options=parsed.shuffle,
            true_false_answer=parsed.true_false_answer,
            numeric_answer=parsed.numeric_answer,
            numeric_tolerance=parsed.numeric_tolerance,
            essay_min_words=parsed.essay_min_words,
            essay_max_words=parsed.essay_max_words,
            essay_response_template=parsed.essay_response_template,
            essay_grader_info=parsed.essay_grader_info,
            audience_professions=parsed.audience,
            case=_case_for(parsed.case_number, own_language),
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
        if parsed.tags:
            question.tags.add(*parsed.tags)
            question.save()
        question.save_revision(user=user, clean=False)
        if parsed.kind == QuestionKind.SCENARIO:
            scenarios[parsed.name] = question
        created.append(question)
    question_versions_sync(question_ids=[q.pk for q in created], user=user)
    return created

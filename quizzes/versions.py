"""Question versions, as Moodle 4 has them.

A version is a frozen snapshot of what a question shows learners and how it is graded:
type, text, marks, feedback, the true/false and numeric keys, whether its options may be
shuffled, the case it cites and its options (text, fraction, feedback, match) in authoring
order, each with its original `QuestionOption` id so that stored responses (option ids,
see `quizzes.grading`) keep their meaning when the option is later edited or deleted.

A sub-question of a scenario also freezes the vignette it is shown under (the scenario's
text and cited case): a learner's attempt keeps the vignette it started with, and editing
the vignette gives each of its sub-questions a new version.

Not in the snapshot, because learners never see it and it never grades: the bank name,
category, language, tags, audiences and the position inside the scenario. An essay's
settings (word limits, response template, information for graders, rubric) are in the snapshot of
an essay only, so that adding them changed no other question's version.

`question_versions_current` writes a new version only when the snapshot differs from the
latest one, so it is safe to call after every save (the admin's hooks, imports, the demo
loader) and at the start of every attempt, which pins each question to what it is now.
Grading and rendering read a version through `QuestionVersion.content`
(`quizzes.models.frozen.FrozenQuestion`).
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.db.models import OuterRef, Subquery

from .models.bank import Question, QuestionVersion
from .models.choices import QuestionKind

BLOCK_KEY = re.compile(r'\sdata-block-key="[^"]*"')


def _html(value) -> str:
    """Rich text without the editor's block keys (they change with no visible change);
    an empty paragraph is no text."""
    html = BLOCK_KEY.sub("", value or "").strip()
    return "" if html == "<p></p>" else html


def _dec(value) -> str | None:
    if value is None:
        return None
    return format(Decimal(str(value)).normalize(), "f")


def question_snapshot(question: Question, *, scenario: Question | None = None) -> dict[str, Any]:
    """The gradable and visible content of `question` (options loaded in authoring order,
    or `question.options.all()` is one query). `scenario`: the vignette of a sub-question
    (defaults to `question.scenario`)."""
    if scenario is None and question.scenario_id:
        scenario = question.scenario
    options = sorted(question.options.all(), key=lambda o: (o.sort_order or 0, o.pk))
    snapshot = {
        "kind": question.kind,
        "text": _html(question.text),
        "marks": _dec(question.marks),
        "general_feedback": _html(question.general_feedback),
        "shuffle_options": bool(question.shuffle_options),
        "true_false_answer": question.true_false_answer,
        "numeric_answer": _dec(question.numeric_answer),
        "numeric_tolerance": _dec(question.numeric_tolerance or 0),
        "case_id": question.case_id,
        "scenario": (
            {"id": scenario.pk, "text": _html(scenario.text), "case_id": scenario.case_id}
            if scenario is not None
            else None
        ),
        "options": [
            {
                "pk": o.pk,
                "text": o.text,
                "fraction": _dec(o.fraction),
                "feedback": o.feedback,
                "match_text": o.match_text,
            }
            for o in options
        ],
    }
    if question.kind == QuestionKind.ESSAY:
        # Only an essay carries these, so that no other question's snapshot changes.
        snapshot["essay"] = {
            "min_words": question.essay_min_words,
            "max_words": question.essay_max_words,
            "response_template": question.essay_response_template,
            "grader_info": _html(question.essay_grader_info),
            # The rubric a grade of this version is given with (one query per essay).
            "rubric": [
                {"description": c.description, "max_points": _dec(c.max_points)}
                for c in sorted(question.rubric.all(), key=lambda c: (c.sort_order or 0, c.pk))
            ],
        }
    return snapshot


# --- Writing versions ---------------------------------------------------------------------


def _latest(question_ids) -> dict[int, QuestionVersion]:
    newest = (
        QuestionVersion.objects.filter(question_id=OuterRef("question_id"))
        .order_by("-number")
        .values("number")[:1]
    )
    return {
        v.question_id: v
        for v in QuestionVersion.objects.filter(
            question_id__in=list(question_ids), number=Subquery(newest)
        )
    }


def question_versions_current(
    *, questions: list[Question], user=None, scenarios: dict[int, Question] | None = None
) -> dict[int, QuestionVersion]:
    """Question id → its current version, writing a new version for every question whose
    content differs from its latest version (or that has none). `questions` come with their
    options loaded; `scenarios` (id → vignette) saves loading a sub-question's scenario.

    Two queries when nothing changed, three when something did. Two writers at once (two
    learners starting, a save and a start) agree: the loser re-reads the winner's version.
    """
    scenarios = scenarios or {}
    wanted = {q.pk: question_snapshot(q, scenario=scenarios.get(q.scenario_id)) for q in questions}
    for _try in range(3):
        latest = _latest(wanted)
        new = [
            QuestionVersion(
                question_id=pk,
                number=(latest[pk].number + 1) if pk in latest else 1,
                created_by=user if user is not None and user.is_authenticated else None,
                snapshot=snapshot,
            )
            for pk, snapshot in wanted.items()
            if pk not in latest or latest[pk].snapshot != _as_stored(snapshot)
        ]
        if not new:
            return latest
        try:
            with transaction.atomic():
                QuestionVersion.objects.bulk_create(new)
        except IntegrityError:
            continue  # someone wrote the same number first: read again
        latest.update({v.question_id: v for v in new})
        for version in new:
            version.snapshot = _as_stored(version.snapshot)
        return latest
    raise RuntimeError("Could not write question versions.")


def _as_stored(snapshot: dict[str, Any]) -> dict[str, Any]:
    """The snapshot as the JSON column gives it back (keys and values plain JSON)."""
    return json.loads(json.dumps(snapshot, cls=DjangoJSONEncoder))


def question_versions_sync(*, question_ids, user=None) -> dict[int, QuestionVersion]:
    """After questions were saved: version them (and, for a scenario, its sub-questions,
    whose versions carry the vignette)."""
    ids = set(question_ids)
    if not ids:
        return {}
    ids |= set(Question.objects.filter(scenario_id__in=ids).values_list("pk", flat=True))
    questions = list(
        Question.objects.filter(pk__in=ids).select_related("scenario").prefetch_related("options")
    )
    return question_versions_current(questions=questions, user=user)


def question_versions_preview(*, question_ids) -> dict[int, QuestionVersion]:
    """Question id → the version a regrade would move to: the latest, or, when the question
    was edited since without a version being written, the version its present content would
    become (unsaved, numbered next). Writes nothing."""
    ids = set(question_ids)
    questions = list(
        Question.objects.filter(pk__in=ids).select_related("scenario").prefetch_related("options")
    )
    latest = _latest(ids)
    targets = {}
    for question in questions:
        snapshot = _as_stored(question_snapshot(question))
        version = latest.get(question.pk)
        if version is not None and version.snapshot == snapshot:
            targets[question.pk] = version
        else:
            targets[question.pk] = QuestionVersion(
                question_id=question.pk,
                number=(version.number + 1) if version else 1,
                snapshot=snapshot,
            )
    return targets

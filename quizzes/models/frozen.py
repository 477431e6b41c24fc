"""A question version's content as grading and rendering read it (see `quizzes.versions`
for how versions are written): the interface of `Question` over a frozen snapshot."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from caselaw.api import CasePage

from .choices import QuestionKind


@dataclass(frozen=True)
class FrozenOption:
    pk: int
    text: str
    fraction: Decimal
    feedback: str
    match_text: str
    sort_order: int

    @property
    def id(self) -> int:
        return self.pk

    def __str__(self) -> str:
        return self.text or self.match_text


class FrozenOptions:
    """`options.all()` as on a question, in authoring order."""

    def __init__(self, options: list[FrozenOption]):
        self._options = options

    def all(self) -> list[FrozenOption]:
        return list(self._options)

    def count(self) -> int:
        return len(self._options)

    def __iter__(self):
        return iter(self._options)


def _case(case_id, cache: dict):
    if case_id is None:
        return None
    if case_id not in cache:
        cache[case_id] = CasePage.objects.filter(pk=case_id).first()
    return cache[case_id]


class FrozenVignette:
    """The scenario text a sub-question is shown under, as its version has it."""

    def __init__(self, data: dict[str, Any]):
        self.pk = self.id = data.get("id")
        self.text = data["text"]
        self.case_id = data.get("case_id")
        self._cases: dict = {}

    @property
    def case(self):
        return _case(self.case_id, self._cases)


@dataclass(frozen=True)
class FrozenCriterion:
    """A criterion of an essay's rubric as the version froze it."""

    description: str
    max_points: Decimal


class FrozenQuestion:
    """A question version with the interface grading and rendering use on `Question`:
    kind, text, marks, general_feedback, true_false_answer, numeric_answer,
    numeric_tolerance, shuffle_options, the essay settings, case / case_id, scenario,
    `options.all()`."""

    def __init__(self, *, question_id: int, version: int, snapshot: dict[str, Any]):
        self.pk = self.id = question_id
        self.version = version
        self.kind = snapshot["kind"]
        self.text = snapshot["text"]
        self.marks = Decimal(snapshot["marks"])
        self.general_feedback = snapshot.get("general_feedback", "")
        self.shuffle_options = snapshot.get("shuffle_options", True)
        self.true_false_answer = snapshot.get("true_false_answer")
        numeric = snapshot.get("numeric_answer")
        self.numeric_answer = None if numeric is None else Decimal(numeric)
        self.numeric_tolerance = Decimal(snapshot.get("numeric_tolerance") or "0")
        self.case_id = snapshot.get("case_id")
        vignette = snapshot.get("scenario")
        self.scenario = FrozenVignette(vignette) if vignette else None
        self.scenario_id = vignette.get("id") if vignette else None
        self.options = FrozenOptions(
            [
                FrozenOption(
                    pk=o["pk"],
                    text=o.get("text", ""),
                    fraction=Decimal(o.get("fraction") or "0"),
                    feedback=o.get("feedback", ""),
                    match_text=o.get("match_text", ""),
                    sort_order=index,
                )
                for index, o in enumerate(snapshot.get("options", []))
            ]
        )
        essay = snapshot.get("essay") or {}
        self.essay_min_words = essay.get("min_words")
        self.essay_max_words = essay.get("max_words")
        self.essay_response_template = essay.get("response_template", "")
        self.essay_grader_info = essay.get("grader_info", "")
        self.essay_rubric = [
            FrozenCriterion(description=c["description"], max_points=Decimal(c["max_points"]))
            for c in essay.get("rubric", [])
        ]
        self._cases: dict = {}

    @property
    def case(self):
        return _case(self.case_id, self._cases)

    @property
    def is_gradable(self) -> bool:
        return self.kind != QuestionKind.SCENARIO

    def get_kind_display(self) -> str:
        return str(QuestionKind(self.kind).label)

    def __str__(self) -> str:
        return f"{self.pk} v{self.version}"

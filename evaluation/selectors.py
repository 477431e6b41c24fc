"""Reads of surveys: who may read a survey's results, the results themselves (hidden below
the statistics' small-number threshold, for everyone: an anonymous answer must stay so),
and a person's open invitations."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings

from accounts.api import user_is_administrator
from courses.api import user_may_see_course_report
from trainings.api import user_may_organise

from .models import LIKERT_LABELS, Invitation, ItemKind, Survey


def user_may_read_results(*, user, survey) -> bool:
    """Who may read a survey's results or a pre/post test's gain (`survey` is either: both
    belong to a course or a training): administrators; the training's organisers; those
    who see the course's reports."""
    if not (user.is_authenticated and user.is_active):
        return False
    if user_is_administrator(user):
        return True
    if survey.training_id:
        return user_may_organise(user=user, training=survey.training)
    if survey.course_id:
        return user_may_see_course_report(user=user, course=survey.course)
    return False


def min_cell() -> int:
    return max(1, int(getattr(settings, "STATS_MIN_CELL", 5)))


@dataclass
class ItemResult:
    item: object
    counts: list[tuple[str, int]] = field(default_factory=list)  # (label, count)
    mean: Decimal | None = None
    texts: list[str] = field(default_factory=list)
    answered: int = 0


@dataclass
class SurveyResults:
    survey: Survey
    invited: int
    sent: int
    answered: int
    respondents: int
    suppressed: bool
    items: list[ItemResult]

    @property
    def response_rate(self) -> Decimal | None:
        if not self.sent:
            return None
        return (Decimal(self.answered) * 100 / self.sent).quantize(Decimal("0.1"))


def survey_results(*, survey: Survey) -> SurveyResults:
    invitations = Invitation.objects.filter(survey=survey)
    respondents = survey.responses.count()
    suppressed = respondents < min_cell()
    items: list[ItemResult] = []
    if not suppressed:
        answers: dict[int, list] = {}
        for item_id, value in survey.responses.values_list("answers__item_id", "answers__value"):
            if item_id is not None:
                answers.setdefault(item_id, []).append(value)
        for item in survey.items.all():
            values = answers.get(item.pk, [])
            result = ItemResult(item=item, answered=len(values))
            if item.kind == ItemKind.LIKERT:
                counted = Counter(int(v) for v in values)
                result.counts = [
                    (str(label), counted[i]) for i, label in enumerate(LIKERT_LABELS, 1)
                ]
                if values:
                    result.mean = (Decimal(sum(int(v) for v in values)) / len(values)).quantize(
                        Decimal("0.01")
                    )
            elif item.kind == ItemKind.SINGLE:
                counted = Counter(values)
                result.counts = [(c, counted[c]) for c in item.choice_list]
            elif item.kind == ItemKind.MULTIPLE:
                counted = Counter(c for chosen in values for c in chosen)
                result.counts = [(c, counted[c]) for c in item.choice_list]
            else:
                # Sorted, so that the order says nothing of who answered when.
                result.texts = sorted(str(v) for v in values)
            items.append(result)
    return SurveyResults(
        survey=survey,
        invited=invitations.count(),
        sent=invitations.filter(sent_at__isnull=False).count(),
        answered=invitations.filter(answered=True).count(),
        respondents=respondents,
        suppressed=suppressed,
        items=items,
    )


def open_invitations_for(*, user) -> list[Invitation]:
    if not user.is_authenticated:
        return []
    return list(
        Invitation.objects.filter(
            user=user, answered=False, sent_at__isnull=False, survey__is_open=True
        ).select_related("survey")
    )

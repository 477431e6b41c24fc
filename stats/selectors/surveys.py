"""Survey results in statistics: for one survey, who was asked and answered (response rate)
and the distribution of the answers to each item, in total and per institution subtree,
restricted to the people in the viewer's scope.

What is counted
- Invited, sent, answered: the survey's invitations (one per person), by the institution
  the person has now. An invitation says who answered, never what.
- Respondents and the answers' distribution: the responses of people in the row. A
  response to an anonymous survey keeps no link to the person, so it belongs to no
  institution: the answers of an anonymous survey (and any response without a person)
  are counted only in the whole programme's total, which administrators see. Managers and
  analysts, whose figures are always a part of the programme, see the response rate of an
  anonymous survey in their scope, never its answers. (Responses also keep the profession
  and institution the person had when answering; statistics do not read them, so that an
  anonymous answer cannot be placed.)
- Free-text answers are counted, not listed: a sentence can say who wrote it.

Every figure goes through the one disclosure control (`disclosure.protected_figures`, with
a `Source` built per survey): a row's response rate rests on the people asked and who
answered, its distribution on its respondents, so a row with 1..K-1 respondents shows no
answers, the next smallest row hides them too, and a row whose respondents differ from a
wider row's by 1..K-1 hides them. Surveys take the institution filter only (the period,
profession, region and course filters are ignored).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from evaluation.api import LIKERT_LABELS, Answer, Invitation, ItemKind, Response, Survey

from .disclosure import Source, protected_figures
from .figures import SUPPRESSED
from .filters import StatsFilters
from .queries import TOTAL, Grouping
from .scope import StatsScope
from .tables import cached, institution_breakdown, institution_rows

SURVEY_FIELDS = ("invited", "sent", "answered", "response_rate", "respondents")
SURVEY_LABELS = {
    "invited": _("Invited"),
    "sent": _("Asked"),
    "answered": _("Answered"),
    "response_rate": _("Response rate (%)"),
    "respondents": _("Responses counted"),
}
SURVEY_RESTS_ON = {
    "invited": "invited",
    "sent": "sent",
    "answered": "answered",
    "respondents": "respondents",
    "items": "respondents",
}


@dataclass
class ItemFigures:
    """One item's answers in one row: counts per choice (or scale point), the mean of a
    scale, how many answered it."""

    item_id: int
    text: str
    kind: str
    answered: int = 0
    counts: list[tuple[str, int]] = field(default_factory=list)
    mean: float | None = None


@dataclass
class SurveyFigures:
    key: Any = None
    label: str = ""
    code: str = ""
    institution_id: int | None = None
    has_children: bool = False
    invited: int | str = 0
    sent: int | str = 0
    answered: int | str = 0
    response_rate: float | None = None
    respondents: int | str = 0
    items: list[ItemFigures] | None = None
    suppressed: bool = False
    people: dict[str, int] = field(default_factory=dict, repr=False, compare=False)
    hidden: set[str] = field(default_factory=set, repr=False, compare=False)

    def published(self) -> SurveyFigures:
        changes: dict[str, Any] = {
            name: None if name == "items" else SUPPRESSED for name in self.hidden
        }
        sent, answered = changes.get("sent", self.sent), changes.get("answered", self.answered)
        if isinstance(sent, int) and isinstance(answered, int) and sent:
            changes["response_rate"] = round(100 * answered / sent, 1)
        else:
            changes["response_rate"] = None
        if not self.respondents:
            changes["items"] = None
        changes["suppressed"] = bool(self.hidden)
        return replace(self, **changes)

    def public(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in SURVEY_FIELDS}


def _of_people(queryset: QuerySet, *, prefix: str, scope: StatsScope, filters: StatsFilters):
    queryset = queryset.annotate(_path=F(f"{prefix}user__institution__path"))
    if filters.institution is not None:
        queryset = queryset.filter(_path__startswith=filters.institution.path)
    if scope.roots is not None:
        queryset = queryset.filter(scope.path_q("_path"))
    return queryset


def _keyed(queryset, grouping: Grouping, extra: Grouping | None) -> tuple[QuerySet, list[str]]:
    for grouping_ in (grouping, extra):
        if grouping_ is not None and grouping_.kind not in ("total", "institution"):
            raise ValueError(f"Survey results are not grouped by {grouping_.kind}.")
    queryset = queryset.annotate(_key=grouping.expression(""))
    if extra is None:
        return queryset, ["_key"]
    return queryset.annotate(_key2=extra.expression("")), ["_key", "_key2"]


def _whole_programme(scope: StatsScope, filters: StatsFilters, grouping, extra) -> bool:
    return (
        scope.is_everywhere
        and grouping.kind == "total"
        and extra is None
        and filters.institution is None
    )


def _distribution(items, answers: list[tuple[int, Any]]) -> list[ItemFigures]:
    values: dict[int, list] = defaultdict(list)
    for item_id, value in answers:
        values[item_id].append(value)
    result = []
    for item in items:
        given = values.get(item.pk, [])
        figures = ItemFigures(item_id=item.pk, text=item.text, kind=item.kind, answered=len(given))
        if item.kind == ItemKind.LIKERT:
            counted = Counter(int(v) for v in given)
            figures.counts = [(str(label), counted[i]) for i, label in enumerate(LIKERT_LABELS, 1)]
            if given:
                figures.mean = float(
                    (Decimal(sum(int(v) for v in given)) / len(given)).quantize(Decimal("0.01"))
                )
        elif item.kind == ItemKind.SINGLE:
            counted = Counter(given)
            figures.counts = [(c, counted[c]) for c in item.choice_list]
        elif item.kind == ItemKind.MULTIPLE:
            counted = Counter(c for chosen in given for c in chosen)
            figures.counts = [(c, counted[c]) for c in item.choice_list]
        result.append(figures)
    return result


def survey_source(survey: Survey) -> Source:
    """The disclosure control's view of one survey's invitations and responses."""
    items = list(survey.items.all())

    def raw(*, scope, filters, grouping, extra=None) -> dict:
        def key_of(row):
            return row["_key"] if extra is None else (row["_key"], row["_key2"])

        result: dict[Any, SurveyFigures] = {}
        invitations, names = _keyed(
            _of_people(
                Invitation.objects.filter(survey=survey), prefix="", scope=scope, filters=filters
            ),
            grouping,
            extra,
        )
        rows = (
            invitations.values(*names)
            .annotate(
                invited=Count("pk"),
                sent=Count("pk", filter=Q(sent_at__isnull=False)),
                answered=Count("pk", filter=Q(answered=True)),
            )
            .order_by()
        )
        for row in rows:
            key = key_of(row)
            counts = {name: row[name] for name in ("invited", "sent", "answered")}
            result[key] = SurveyFigures(key=key, **counts, people=dict(counts))
        if _whole_programme(scope, filters, grouping, extra):
            # Every response, anonymous ones included: the whole programme's total.
            number = Response.objects.filter(survey=survey).count()
            answers = Answer.objects.filter(response__survey=survey).values_list("item_id", "value")
            total = result.setdefault("", SurveyFigures(key=""))
            total.respondents = number
            total.people["respondents"] = number
            if number:
                total.items = _distribution(items, list(answers))
            return result
        if survey.anonymous:
            return result  # no answers by institution (see the module's docstring)
        responses, names = _keyed(
            _of_people(
                Response.objects.filter(survey=survey, user__isnull=False),
                prefix="",
                scope=scope,
                filters=filters,
            ),
            grouping,
            extra,
        )
        for row in responses.values(*names).annotate(n=Count("pk")).order_by():
            figures = result.setdefault(key_of(row), SurveyFigures(key=key_of(row)))
            figures.respondents = row["n"]
            figures.people["respondents"] = row["n"]
        answers, names = _keyed(
            _of_people(
                Answer.objects.filter(response__survey=survey, response__user__isnull=False),
                prefix="response__",
                scope=scope,
                filters=filters,
            ),
            grouping,
            extra,
        )
        by_key: dict[Any, list] = defaultdict(list)
        for row in answers.values(*names, "item_id", "value").order_by():
            by_key[key_of(row)].append((row["item_id"], row["value"]))
        for key, figures in result.items():
            if figures.respondents:
                figures.items = _distribution(items, by_key.get(key, []))
        return result

    return Source(name="survey", raw=raw, rests_on=SURVEY_RESTS_ON)


def _for_surveys(filters: StatsFilters) -> StatsFilters:
    return StatsFilters(institution=filters.institution)


@dataclass
class SurveyStats:
    survey: Survey
    total: SurveyFigures
    rows: list[SurveyFigures]
    by_institution: bool  # False: an anonymous survey (no answers by institution)


@cached
def survey_stats(*, scope: StatsScope, filters: StatsFilters, survey_id: int) -> SurveyStats:
    """One survey's figures in the viewer's scope: the total (of the focused institution,
    or the scope) and one row per child of the focus."""
    survey = Survey.objects.get(pk=survey_id)
    filters = _for_surveys(filters)
    source = survey_source(survey)
    totals = protected_figures(scope=scope, filters=filters, grouping=TOTAL, source=source)
    total = totals.get("", SurveyFigures(key=""))
    total.label = str(_("All"))
    node, grouping, nodes = institution_breakdown(scope=scope, filters=filters)
    by_key = protected_figures(scope=scope, filters=filters, grouping=grouping, source=source)
    rows = institution_rows(scope=scope, node=node, nodes=nodes, by_key=by_key, empty=SurveyFigures)
    return SurveyStats(
        survey=survey, total=total.published(), rows=rows, by_institution=not survey.anonymous
    )


def surveys_for_stats() -> QuerySet[Survey]:
    return Survey.objects.order_by("-created_at", "-pk")

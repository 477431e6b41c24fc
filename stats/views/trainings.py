"""The dashboard's trainings section: training figures, knowledge gain and survey results,
as tables on the page and as one XLSX workbook each (a sheet per table). Thin: the figures
come from `stats.selectors` (scoped and protected), the files from `stats.exports`."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.http import Http404
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .. import exports
from ..selectors import (
    GAIN_BREAKDOWNS,
    GAIN_FIELDS,
    GAIN_LABELS,
    KEY_HEADINGS,
    SUPPRESSED,
    SURVEY_FIELDS,
    SURVEY_LABELS,
    TRAINING_BREAKDOWNS,
    TRAINING_FIELDS,
    TRAINING_LABELS,
    StatsFilters,
    gain_breakdown,
    gain_summary,
    survey_stats,
    surveys_for_stats,
    training_breakdown,
    training_summary,
)
from .downloads import workbook_response

SECTION_VIEWS = ("trainings", "gain", "surveys")
BREAKDOWN_TITLES = {
    "kind": _("By kind"),
    "sex": _("By declared sex"),
    "profession": _("By profession"),
    "institution": _("By institution"),
}
KEY_HEADINGS_MORE = {"kind": _("Kind")}


@dataclass
class Table:
    title: str
    headings: list[str]
    rows: list[dict] = field(default_factory=list)  # {"label", "code", "drill", "cells"}

    def body(self) -> list[list]:
        return [[row["label"], row["code"], *row["cells"]] for row in self.rows]


def _display(value):
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:g}"
    return value


def _export_value(value):
    return "" if value is None else value


def _table(title, key_heading, names, labels, rows, *, params, view) -> Table:
    table = Table(
        title=str(title),
        headings=[str(key_heading), gettext("Code"), *[str(labels[n]) for n in names]],
    )
    for row in rows:
        drill = None
        if row.has_children:
            drill = "?" + urlencode({**params, "institution": row.code, "view": view})
        public = row.public()
        table.rows.append(
            {
                "label": row.label,
                "code": row.code,
                "drill": drill,
                "cells": [public[n] for n in names],
            }
        )
    return table


def section_context(view: str, *, scope, filters: StatsFilters, params: dict, request) -> dict:
    """What the page shows for one of the section's tabs: headline figures and tables."""
    if view == "trainings":
        return _trainings(scope=scope, filters=filters, params=params)
    if view == "gain":
        return _gain(scope=scope, filters=filters, params=params)
    return _surveys(scope=scope, filters=filters, params=params, request=request)


def _headline(names, labels, figures) -> list[tuple]:
    public = figures.public()
    return [(labels[n], _display(public[n])) for n in names]


def _trainings(*, scope, filters, params) -> dict:
    total = training_summary(scope=scope, filters=filters)
    tables = [
        _table(
            BREAKDOWN_TITLES[by],
            KEY_HEADINGS_MORE.get(by) or KEY_HEADINGS[by],
            TRAINING_FIELDS,
            TRAINING_LABELS,
            training_breakdown(scope=scope, filters=filters, by=by),
            params=params,
            view="trainings",
        )
        for by in TRAINING_BREAKDOWNS
    ]
    return {
        "headline": _headline(TRAINING_FIELDS, TRAINING_LABELS, total),
        "headline_suppressed": total.suppressed,
        "total_row": [total.label, "", *total.public().values()],
        "tables": tables,
        "notes": [
            _(
                "A training is held in the period when one of its sessions (not cancelled) "
                "starts in it. A participation is a confirmed place whose participant "
                "attended at least one of those sessions; people trained counts each person "
                "once, however many trainings they took part in. Figures by sex use what "
                "people declared in their profile."
            ),
            _("The course filter does not apply to trainings."),
        ],
    }


def _gain(*, scope, filters, params) -> dict:
    total = gain_summary(scope=scope, filters=filters)
    tables = [
        _table(
            BREAKDOWN_TITLES[by],
            KEY_HEADINGS[by],
            GAIN_FIELDS,
            GAIN_LABELS,
            gain_breakdown(scope=scope, filters=filters, by=by),
            params=params,
            view="gain",
        )
        for by in GAIN_BREAKDOWNS
    ]
    return {
        "headline": _headline(GAIN_FIELDS, GAIN_LABELS, total),
        "headline_suppressed": total.suppressed,
        "total_row": [total.label, "", *total.public().values()],
        "tables": tables,
        "notes": [
            _(
                "From the pre-tests and post-tests of courses and trainings: per person the "
                "first pre-test and the latest later post-test; the normalised gain is "
                "(post − pre) / (100 − pre). A result counts in the month of its post-test."
            ),
            _("The course filter does not apply to knowledge gain."),
        ],
    }


def _survey_id(request) -> int | None:
    value = (request.GET.get("survey") or "").strip()
    if not value:
        return None
    if not (value.isascii() and value.isdigit()) or len(value) > 18:
        raise Http404
    return int(value)


def _surveys(*, scope, filters, params, request) -> dict:
    surveys = list(surveys_for_stats().only("pk", "title", "anonymous"))
    survey_id = _survey_id(request)
    context = {
        "surveys": surveys,
        "survey_id": survey_id,
        "notes": [_("Surveys take the institution filter only.")],
    }
    if survey_id is None:
        return context
    if not any(s.pk == survey_id for s in surveys):
        raise Http404
    result = survey_stats(
        scope=scope, filters=StatsFilters(institution=filters.institution), survey_id=survey_id
    )
    survey_params = {**params, "survey": survey_id}
    responses = _table(
        _("Response rate"),
        KEY_HEADINGS["institution"],
        SURVEY_FIELDS,
        SURVEY_LABELS,
        result.rows,
        params=survey_params,
        view="surveys",
    )
    context.update(
        survey=result.survey,
        headline=_headline(SURVEY_FIELDS, SURVEY_LABELS, result.total),
        headline_suppressed=result.total.suppressed,
        total_row=[result.total.label, "", *result.total.public().values()],
        tables=[responses],
        items=_item_tables(result),
        anonymous=not result.by_institution,
    )
    return context


def _item_tables(result) -> list[dict]:
    """Per item: one row for the total and one per institution row, a column per answer."""
    rows = [result.total, *result.rows]
    tables = []
    for position, item in enumerate(result.survey.items.all()):
        choices = None
        body = []
        for row in rows:
            figures = row.items[position] if row.items else None
            if figures is not None and choices is None:
                choices = [label for label, _count in figures.counts]
            body.append((row, figures))
        choices = choices or []
        headings = [str(KEY_HEADINGS["institution"]), *choices, gettext("Answered")]
        if item.kind == "likert":
            headings.append(gettext("Mean (1-5)"))
        table_rows = []
        for row, figures in body:
            if figures is None:
                # Hidden ("x"), or nothing that can be counted here (anonymous answers).
                empty = SUPPRESSED if row.respondents == SUPPRESSED else "–"
                cells = [empty] * (len(headings) - 1)
            else:
                cells = [count for _label, count in figures.counts] + [figures.answered]
                if item.kind == "likert":
                    cells.append(_display(figures.mean))
            table_rows.append({"label": row.label, "cells": cells})
        tables.append({"text": item.text, "headings": headings, "rows": table_rows})
    return tables


def section_workbook(view: str, context: dict, *, preamble: list[list]):
    """The section as one XLSX workbook: the headline, then a sheet per table."""
    sheets = []
    if context.get("total_row"):
        headings = ["", gettext("Code"), *[str(label) for label, _value in context["headline"]]]
        sheets.append(
            (gettext("Total"), headings, [[_export_value(v) for v in context["total_row"]]])
        )
    for table in context.get("tables", []):
        sheets.append(
            (
                table.title,
                table.headings,
                [[_export_value(v) for v in row] for row in table.body()],
            )
        )
    for number, item in enumerate(context.get("items", []), start=1):
        body = [[row["label"], *row["cells"]] for row in item["rows"]]
        title = gettext("Item %(number)s") % {"number": number}
        sheets.append((title, [item["text"]], [item["headings"], *body]))
    if not sheets:
        raise Http404
    return workbook_response(
        exports.as_xlsx_workbook(sheets, preamble=preamble), name=f"statistics-{view}"
    )

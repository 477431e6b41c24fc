"""The dashboard's "Training plans" tab: one plan's compliance (people compliant, due,
overdue and expired as of the end of the period), headline and tables, as the trainings
section shows its figures (and exports them as one XLSX workbook)."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext_lazy as _

from ..selectors import (
    COMPLIANCE_BREAKDOWNS,
    COMPLIANCE_FIELDS,
    COMPLIANCE_LABELS,
    KEY_HEADINGS,
    as_of,
    compliance_breakdown,
    compliance_plan,
    compliance_summary,
    effective_filters,
    plans_for_stats,
)
from .trainings import BREAKDOWN_TITLES, _headline, _table

NOTES = [
    _(
        "Compliance is taken as of the end of the period (the “To” date), or as of now "
        "without one: the people who held an open assignment of the plan then, each with "
        "their status then (courses completed before it, the certificate valid then, the "
        "due date passed or not). The period’s start and the course filter do not apply."
    ),
    _(
        "The plan’s courses and each person’s due date are today’s, and people are counted "
        "in the institution, profession and sex they have now."
    ),
]


def compliance_context(*, scope, filters, params, request) -> dict:
    plans = list(plans_for_stats(scope=scope))
    value = (request.GET.get("plan") or "").strip()
    context = {"plans": plans, "plan_id": None, "notes": NOTES}
    if not value:
        return context
    plan = compliance_plan(scope=scope, plan_id=value)
    if plan is None:
        raise Http404
    plan_params = {**params, "plan": plan.pk}
    total = compliance_summary(scope=scope, filters=filters, plan_id=plan.pk)
    tables = [
        _table(
            BREAKDOWN_TITLES[by],
            KEY_HEADINGS[by],
            COMPLIANCE_FIELDS,
            COMPLIANCE_LABELS,
            compliance_breakdown(scope=scope, filters=filters, plan_id=plan.pk, by=by),
            params=plan_params,
            view="compliance",
        )
        for by in COMPLIANCE_BREAKDOWNS
    ]
    moment = as_of(effective_filters(scope=scope, filters=filters))
    context.update(
        plan=plan,
        plan_id=plan.pk,
        link_params={"plan": plan.pk},
        as_of=moment,
        headline=_headline(COMPLIANCE_FIELDS, COMPLIANCE_LABELS, total),
        headline_suppressed=total.suppressed,
        total_row=[total.label, "", *total.public().values()],
        tables=tables,
    )
    return context

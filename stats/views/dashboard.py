"""The dashboard: figures by institution, profession, region or month, with charts, and
the per-person list for managers; each table also as CSV or XLSX."""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .. import charts, exports
from ..forms import StatsFilterForm, SubscriptionForm
from ..selectors import (
    FIGURE_FIELDS,
    FIGURE_LABELS,
    KEY_HEADINGS,
    STATS_VIEWS,
    SUPPRESSED,
    OutOfScope,
    effective_filters,
    focus_institution,
    min_cell,
    people_not_completed,
    stats_by_institution,
    stats_by_month,
    stats_by_profession,
    stats_summary,
)
from .base import StatsAdminView
from .compliance import compliance_context
from .downloads import export_response
from .trainings import SECTION_VIEWS, section_context, section_workbook

VIEW_LABELS = {
    "institution": _("By institution"),
    "profession": _("By profession"),
    "sex": _("By sex"),
    "region": _("By region"),
    "month": _("By month"),
    "people": _("Not completed (people)"),
    "trainings": _("Trainings"),
    "gain": _("Knowledge gain"),
    "surveys": _("Surveys"),
    "compliance": _("Training plans"),
}
SORTABLE = ("label", *FIGURE_FIELDS)
PEOPLE_ON_PAGE = 500  # the downloads have everyone


def sort_rows(rows: list, sort: str) -> list:
    """Server-side sorting by `label` or a figure, `-` for descending. Hidden ("x") and
    missing figures sort below every number."""
    descending = sort.startswith("-")
    name = sort.lstrip("-")
    if name not in SORTABLE:
        return rows
    if name == "label":
        return sorted(rows, key=lambda r: r.label.casefold(), reverse=descending)

    def key(row):
        value = getattr(row, name)
        return -1 if value is None or value == SUPPRESSED else value

    return sorted(rows, key=key, reverse=descending)


class DashboardView(StatsAdminView):
    template_name = "stats/admin/dashboard.html"
    page_title = _("Statistics")

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get(self, request, *args, **kwargs):
        view = request.GET.get("view") or "institution"
        if view not in VIEW_LABELS:
            raise Http404
        form = StatsFilterForm(request.GET, scope=self.scope)
        if not form.is_valid():
            context = self.get_context_data(form=form, view=view, views=self._tabs(view, {}))
            return self.render_to_response(context, status=400)
        filters = form.to_filters()
        params = filters.as_params()
        try:
            if view == "people":
                return self._people(request, form=form, filters=filters, params=params)
            if view in (*SECTION_VIEWS, "compliance"):
                return self._section(request, form=form, filters=filters, params=params, view=view)
            return self._figures(request, form=form, filters=filters, params=params, view=view)
        except OutOfScope as error:
            raise PermissionDenied from error

    # --- figures ---

    def _figures(self, request, *, form, filters, params, view):
        scope = self.scope
        rows = sort_rows(
            STATS_VIEWS[view](scope=scope, filters=filters), request.GET.get("sort", "")
        )
        export = request.GET.get("export")
        if export:
            headings, body = exports.figures_table(
                rows, key_heading=str(KEY_HEADINGS[view]), with_code=view == "institution"
            )
            return export_response(
                export,
                headings,
                body,
                name=f"statistics-{view}",
                preamble=self._preamble(form, filters),
            )
        summary = stats_summary(scope=scope, filters=filters)
        by_institution = rows if view == "institution" else None
        context = self.get_context_data(
            form=form,
            view=view,
            views=self._tabs(view, params),
            summary=[
                (FIGURE_LABELS[name], _display(value)) for name, value in summary.public().items()
            ],
            summary_suppressed=summary.suppressed or any(row.suppressed for row in rows),
            min_cell=min_cell(),
            table=self._table(rows, view=view, params=params, sort=request.GET.get("sort", "")),
            exports=self._export_links(view, params, request.GET.get("sort", "")),
            trail=self._trail(filters, params, view),
            charts=self._charts(filters=filters, by_institution=by_institution),
            subscribe_form=SubscriptionForm(initial={"view": view}),
            params=params,
        )
        return self.render_to_response(context)

    def _charts(self, *, filters, by_institution):
        scope = self.scope
        months = stats_by_month(scope=scope, filters=filters)
        if by_institution is None:
            by_institution = stats_by_institution(scope=scope, filters=filters)
        professions = stats_by_profession(scope=scope, filters=filters)
        return [
            charts.vertical_bars(
                [(m.label, m.completed) for m in months],
                title=gettext("Completions per month"),
                description=gettext("Number of courses completed in each month."),
            ),
            charts.horizontal_bars(
                [(r.label, r.completion_rate) for r in by_institution],
                title=gettext("Completion rate by institution"),
                description=gettext("Share of enrolled learners who completed, in per cent."),
            ),
            charts.horizontal_bars(
                [(r.label, r.completion_rate) for r in professions],
                title=gettext("Completion rate by profession"),
                description=gettext("Share of enrolled learners who completed, in per cent."),
            ),
        ]

    def _table(self, rows, *, view, params, sort):
        headings = []
        for name in SORTABLE:
            label = KEY_HEADINGS[view] if name == "label" else FIGURE_LABELS[name]
            ascending = sort != name
            headings.append(
                {
                    "label": label,
                    "url": "?"
                    + urlencode(
                        {**params, "view": view, "sort": name if ascending else f"-{name}"}
                    ),
                    "sorted": "ascending"
                    if sort == name
                    else "descending"
                    if sort == f"-{name}"
                    else "",
                }
            )
        body = []
        for row in rows:
            drill = None
            if view == "institution" and row.has_children:
                drill = "?" + urlencode({**params, "institution": row.code, "view": view})
            body.append(
                {
                    "label": row.label,
                    "code": row.code,
                    "drill": drill,
                    "cells": [_display(v) for v in row.public().values()],
                }
            )
        return {"headings": headings, "rows": body}

    def _tabs(self, current, params):
        tabs = []
        for name, label in VIEW_LABELS.items():
            if name == "people" and not self._may_list_people():
                continue
            tabs.append(
                {
                    "label": label,
                    "url": "?" + urlencode({**params, "view": name}),
                    "current": name == current,
                }
            )
        return tabs

    def _may_list_people(self):
        return self.scope.is_everywhere or bool(self.scope.managed_roots)

    def _export_links(self, view, params, sort):
        base = {**params, "view": view}
        if sort:
            base["sort"] = sort
        return [
            ("CSV", "?" + urlencode({**base, "export": "csv"})),
            ("XLSX", "?" + urlencode({**base, "export": "xlsx"})),
        ]

    def _trail(self, filters, params, view):
        """Where the drill-down stands: the focused institution's ancestors in scope."""
        node = focus_institution(scope=self.scope, filters=filters)
        if node is None:
            return []
        trail = [a for a in [*node.get_ancestors(), node] if self.scope.covers(a)]
        return [
            {
                "label": a.name,
                "url": "?" + urlencode({**params, "institution": a.code, "view": view}),
            }
            for a in trail
        ]

    def _preamble(self, form, filters=None):
        """The file's first lines: when, and the filters applied (the period in whole
        months for protected viewers)."""
        lines = [[gettext("Statistics"), timezone.localtime().strftime("%Y-%m-%d %H:%M")]]
        applied = {}
        if filters is not None:
            effective = effective_filters(scope=self.scope, filters=filters)
            applied = {"date_from": effective.date_from, "date_to": effective.date_to}
        for name, field in form.fields.items():
            value = applied.get(name) or form.cleaned_data.get(name)
            if value:
                lines.append([str(field.label), str(getattr(value, "code", None) or value)])
        return lines

    # --- trainings, knowledge gain, surveys ---

    def _section(self, request, *, form, filters, params, view):
        if view == "compliance":
            section = compliance_context(
                scope=self.scope, filters=filters, params=params, request=request
            )
        else:
            section = section_context(
                view, scope=self.scope, filters=filters, params=params, request=request
            )
        if request.GET.get("export") == "xlsx":
            preamble = self._preamble(form, filters)
            if section.get("plan") is not None:
                moment = section["as_of"]
                preamble += [
                    [gettext("Training plan"), section["plan"].name],
                    [
                        gettext("As of"),
                        timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")
                        if moment
                        else gettext("now"),
                    ],
                ]
            return section_workbook(view, section, preamble=preamble)
        if request.GET.get("export"):
            raise Http404
        link_params = {**params, "view": view}
        if section.get("survey_id"):
            link_params["survey"] = section["survey_id"]
        link_params.update(section.get("link_params", {}))
        context = self.get_context_data(
            form=form,
            view=view,
            views=self._tabs(view, params),
            section=section,
            min_cell=min_cell(),
            trail=self._trail(filters, {k: v for k, v in link_params.items() if k != "view"}, view),
            exports=[("XLSX", "?" + urlencode({**link_params, "export": "xlsx"}))]
            if section.get("headline")
            else [],
            params=params,
        )
        return self.render_to_response(context)

    # --- people ---

    def _people(self, request, *, form, filters, params):
        if not self._may_list_people():
            raise PermissionDenied
        people = None
        if filters.course is not None:
            people = people_not_completed(
                scope=self.scope, course=filters.course, institution=filters.institution
            )
            export = request.GET.get("export")
            if export:
                headings, body = exports.people_table(people)
                return export_response(
                    export, headings, body, name="not-completed", preamble=self._preamble(form)
                )
        context = self.get_context_data(
            form=form,
            view="people",
            views=self._tabs("people", params),
            people=people[:PEOPLE_ON_PAGE] if people is not None else None,
            people_total=len(people) if people is not None else 0,
            people_cut=people is not None and len(people) > PEOPLE_ON_PAGE,
            limit=PEOPLE_ON_PAGE,
            exports=self._export_links("people", params, "") if people is not None else [],
            params=params,
        )
        return self.render_to_response(context)


def _display(value):
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:g}"
    return value

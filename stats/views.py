"""The statistics dashboard, API tokens and report subscriptions in the Wagtail admin.

Thin views: the figures come from `stats.selectors` (which takes the viewer's scope), the
files from `stats.exports`, the writes from `stats.services`.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import charts, exports, services
from .forms import ApiTokenForm, StatsFilterForm, SubscriptionForm
from .models import ApiToken, ReportSubscription
from .selectors import (
    FIGURE_FIELDS,
    FIGURE_LABELS,
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
    stats_scope_for,
    stats_summary,
)

VIEW_LABELS = {
    "institution": _("By institution"),
    "profession": _("By profession"),
    "region": _("By region"),
    "month": _("By month"),
    "people": _("Not completed (people)"),
}
KEY_HEADINGS = {
    "institution": _("Institution"),
    "profession": _("Profession"),
    "region": _("Region"),
    "month": _("Month"),
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


def _own_row(model, request, value: str):
    """The viewer's own row with the id given in a form, or None. An id that is not a
    number (or too long for the database) names nothing, like an unknown one."""
    value = value.strip()
    if not (value.isascii() and value.isdigit()) or len(value) > 18:
        return None
    return model.objects.filter(pk=int(value), user=request.user).first()


def _scope_or_403(request):
    scope = stats_scope_for(viewer=request.user)
    if scope is None:
        raise PermissionDenied
    return scope


class StatsAdminView(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        self.scope = _scope_or_403(request)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("stats_admin:dashboard"), "label": _("Statistics")},
            {"url": "", "label": self.get_page_title()},
        ]


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
            return _export_response(
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
                return _export_response(
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


def _export_response(kind, headings, body, *, name, preamble):
    stamp = timezone.localdate().isoformat()
    if kind == "csv":
        response = HttpResponse(
            exports.as_csv(headings, body, preamble=preamble),
            content_type="text/csv; charset=utf-8",
        )
        filename = f"{name}-{stamp}.csv"
    elif kind == "xlsx":
        response = HttpResponse(
            exports.as_xlsx(headings, body, title=name, preamble=preamble),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        filename = f"{name}-{stamp}.xlsx"
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    from audit.api import AuditAction, audit_record

    audit_record(
        action=AuditAction.STATS_EXPORTED,
        details={"file": filename, "rows": len(body) if hasattr(body, "__len__") else None},
    )
    return response


class TokensView(StatsAdminView):
    """The viewer's own API tokens: make one (shown once), revoke one."""

    template_name = "stats/admin/tokens.html"
    page_title = _("API tokens")

    SESSION_KEY = "stats_new_api_token"

    def get(self, request, *args, **kwargs):
        # The new key rides in the session from the POST to this one GET, then is gone:
        # reloading the page (or going back) never shows it again.
        new = request.session.pop(self.SESSION_KEY, None)
        extra = {}
        if new:
            extra = {
                "new_key": new["key"],
                "new_token": ApiToken.objects.filter(pk=new["id"], user=request.user).first(),
            }
        return self._render(ApiTokenForm(), **extra)

    def post(self, request, *args, **kwargs):
        if revoke_id := request.POST.get("revoke"):
            token = _own_row(ApiToken, request, revoke_id)
            if token is None:
                messages.error(request, _("There is no such token among yours."))
                return self._render(ApiTokenForm(), status=400)
            services.api_token_revoke(token=token, actor=request.user)
            messages.success(request, _("The token has been revoked."))
            return redirect("stats_admin:tokens")
        form = ApiTokenForm(request.POST)
        if not form.is_valid():
            return self._render(form, status=400)
        token, key = services.api_token_create(user=request.user, name=form.cleaned_data["name"])
        # The database keeps a digest; the key is shown once, on the next page.
        request.session[self.SESSION_KEY] = {"id": token.pk, "key": key}
        return redirect("stats_admin:tokens")

    def _render(self, form, status=200, **extra):
        tokens = ApiToken.objects.filter(user=self.request.user)
        return self.render_to_response(
            self.get_context_data(
                form=form,
                tokens=tokens,
                api_base=self.request.build_absolute_uri("/api/v1/stats/"),
                **extra,
            ),
            status=status,
        )


class SubscriptionsView(StatsAdminView):
    template_name = "stats/admin/subscriptions.html"
    page_title = _("Report subscriptions")

    def get(self, request, *args, **kwargs):
        return self._render()

    def post(self, request, *args, **kwargs):
        if delete_id := request.POST.get("delete"):
            subscription = _own_row(ReportSubscription, request, delete_id)
            if subscription is None:
                messages.error(request, _("There is no such subscription among yours."))
                return self._render(status=400)
            subscription.delete()
            messages.success(request, _("The subscription has been cancelled."))
            return redirect("stats_admin:subscriptions")
        form = SubscriptionForm(request.POST)
        filters_form = StatsFilterForm(request.POST, scope=self.scope)
        if not (form.is_valid() and filters_form.is_valid()):
            messages.error(request, _("The subscription could not be saved."))
            return self._render(status=400, form=form, filters_form=filters_form)
        services.subscription_create(
            user=request.user,
            frequency=form.cleaned_data["frequency"],
            view=form.cleaned_data["view"],
            filters=filters_form.to_filters(),
        )
        messages.success(request, _("You will receive this report by email."))
        return redirect("stats_admin:subscriptions")

    def _render(self, status=200, **extra):
        subscriptions = ReportSubscription.objects.filter(user=self.request.user)
        return self.render_to_response(
            self.get_context_data(subscriptions=subscriptions, **extra), status=status
        )


urlpatterns = [
    path("", DashboardView.as_view(), name="dashboard"),
    path("tokens/", TokensView.as_view(), name="tokens"),
    path("subscriptions/", SubscriptionsView.as_view(), name="subscriptions"),
]

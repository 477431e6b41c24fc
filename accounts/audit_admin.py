"""The audit log (and CSP reports) in the Wagtail admin: administrators only; filter, search,
page, export.

Here in accounts, not in audit, because only administrators (a role, accounts') may see it and
audit sits below accounts (accounts records its actions there). Registered by wagtail_hooks.
"""

from __future__ import annotations

import json

import django_filters
from django.core.exceptions import PermissionDenied
from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSet

from audit.api import AuditAction, AuditEvent, CSPReport
from config.api import safe_cell

from .selectors import user_is_administrator


class AuditEventFilterSet(WagtailFilterSet):
    action = django_filters.MultipleChoiceFilter(label=_("Action"), choices=AuditAction.choices)
    at = django_filters.DateFromToRangeFilter(label=_("Date"), widget=DateRangePickerWidget)
    ip = django_filters.CharFilter(label=_("IP address"), lookup_expr="startswith")

    class Meta:
        model = AuditEvent
        fields = []


def details_text(event: AuditEvent) -> str:
    return json.dumps(event.details, ensure_ascii=False, sort_keys=True) if event.details else ""


class AuditEventIndexView(generic.IndexView):
    model = AuditEvent
    permission_policy = None
    any_permission_required = None
    page_title = _("Audit log")
    header_icon = "list-ul"
    index_url_name = "audit:index"
    index_results_url_name = "audit:index_results"
    filterset_class = AuditEventFilterSet
    is_searchable = True
    search_fields = ["actor_repr", "target_repr", "target_id"]
    search_backend_name = None
    default_ordering = "-at"
    paginate_by = 50
    verbose_name = _("audit event")
    verbose_name_plural = _("audit events")
    list_export = [
        "at",
        "action",
        "actor_repr",
        "target_type",
        "target_id",
        "target_repr",
        "ip",
        "details",
    ]
    export_headings = {
        "at": _("At"),
        "action": _("Action"),
        "actor_repr": _("Actor"),
        "target_type": _("Target type"),
        "target_id": _("Target id"),
        "target_repr": _("Target"),
        "ip": _("IP address"),
        "details": _("Details"),
    }
    export_filename = "audit-log"

    def dispatch(self, request, *args, **kwargs):
        if not user_is_administrator(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self):
        return AuditEvent.objects.select_related("actor")

    def get_add_url(self):
        return None

    def get_valid_orderings(self):
        return ["at", "-at"]

    def order_queryset(self, queryset):
        if self.ordering == "at":
            return queryset.order_by("at", "pk")
        return queryset.order_by("-at", "-pk")

    @cached_property
    def columns(self):
        return [
            DateColumn("at", label=_("At"), sort_key="at"),
            Column("action", label=_("Action"), accessor="get_action_display"),
            Column("actor", label=_("Actor"), accessor="actor_repr"),
            Column("target", label=_("Target"), accessor="target_repr"),
            Column("ip", label=_("IP address")),
            Column("details", label=_("Details"), accessor=details_text),
        ]

    def to_row_dict(self, item):
        row = super().to_row_dict(item)
        row["action"] = item.get_action_display()
        row["details"] = details_text(item)
        return row

    def preprocess_field_value(self, field, value, export_format):
        # Names people give themselves end up here: never let them become formulas (Wagtail's
        # XLSX writer already stores formula-like text as text).
        value = super().preprocess_field_value(field, value, export_format)
        return safe_cell(value) if export_format == self.FORMAT_CSV else value


class AdministratorsMenuItem(MenuItem):
    """Shown to administrators only (the audit log and the CSP reports)."""

    def is_shown(self, request):
        return user_is_administrator(request.user)


class AuditViewSet(ViewSet):
    icon = "list-ul"
    menu_label = _("Audit log")
    menu_name = "audit"
    menu_order = 900
    add_to_settings_menu = True
    menu_item_class = AdministratorsMenuItem

    def get_urlpatterns(self):
        return [
            path("", AuditEventIndexView.as_view(), name="index"),
            path("results/", AuditEventIndexView.as_view(results_only=True), name="index_results"),
        ]


# --- CSP violation reports ---------------------------------------------------------------------


class CSPReportFilterSet(WagtailFilterSet):
    received_at = django_filters.DateFromToRangeFilter(
        label=_("Date"), widget=DateRangePickerWidget
    )
    effective_directive = django_filters.CharFilter(label=_("Directive"), lookup_expr="startswith")

    class Meta:
        model = CSPReport
        fields = []


class CSPReportIndexView(generic.IndexView):
    """Read-only: the reports browsers sent, newest first (administrators only)."""

    model = CSPReport
    permission_policy = None
    any_permission_required = None
    page_title = _("CSP violation reports")
    header_icon = "warning"
    index_url_name = "csp_reports:index"
    index_results_url_name = "csp_reports:index_results"
    filterset_class = CSPReportFilterSet
    is_searchable = True
    search_fields = ["document_uri", "blocked_uri", "source_file"]
    search_backend_name = None
    default_ordering = "-received_at"
    paginate_by = 50
    verbose_name = _("CSP violation report")
    verbose_name_plural = _("CSP violation reports")

    def dispatch(self, request, *args, **kwargs):
        if not user_is_administrator(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_add_url(self):
        return None

    def get_edit_url(self, instance):
        return None

    def get_valid_orderings(self):
        return ["received_at", "-received_at"]

    def order_queryset(self, queryset):
        if self.ordering == "received_at":
            return queryset.order_by("received_at", "pk")
        return queryset.order_by("-received_at", "-pk")

    @cached_property
    def columns(self):
        return [
            DateColumn("received_at", label=_("Received"), sort_key="received_at"),
            Column("document_uri", label=_("Page")),
            Column("effective_directive", label=_("Directive")),
            Column("blocked_uri", label=_("Blocked")),
            Column("source", label=_("Source"), accessor=csp_report_source),
            Column("disposition", label=_("Disposition")),
            Column("user_agent", label=_("Browser")),
        ]


def csp_report_source(report: CSPReport) -> str:
    if not report.source_file:
        return ""
    place = ":".join(str(n) for n in (report.line_number, report.column_number) if n is not None)
    return f"{report.source_file}:{place}" if place else report.source_file


class CSPReportViewSet(ViewSet):
    icon = "warning"
    menu_label = _("CSP reports")
    menu_name = "csp_reports"
    menu_order = 910
    add_to_settings_menu = True
    menu_item_class = AdministratorsMenuItem

    def get_urlpatterns(self):
        return [
            path("", CSPReportIndexView.as_view(), name="index"),
            path("results/", CSPReportIndexView.as_view(results_only=True), name="index_results"),
        ]

"""Programme reports: ask for one (a period of whole months) and list one's own with their
status; download a finished one. Only the person who asked sees or downloads a report."""

from __future__ import annotations

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages

from audit.api import AuditAction, audit_record

from ..models import ProgrammeReport, ProgrammeReportStatus
from ..programme import MAX_MONTHS, period_errors, programme_report_request
from .base import StatsAdminView, scope_or_403


class MonthField(forms.DateField):
    """A month, as YYYY-MM (what a browser's month picker sends)."""

    input_formats = ["%Y-%m"]
    widget = forms.DateInput(attrs={"type": "month", "placeholder": "YYYY-MM"}, format="%Y-%m")
    default_error_messages = {"invalid": _("Enter a month as YYYY-MM, for example 2026-01.")}


class ProgrammeReportForm(forms.Form):
    first_month = MonthField(label=_("First month"))
    last_month = MonthField(label=_("Last month"))

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("first_month"), cleaned.get("last_month")
        if first and last:
            for error in period_errors(first, last, today=timezone.localdate()):
                self.add_error("last_month", error)
        return cleaned


def own_reports(user):
    return ProgrammeReport.objects.filter(requested_by=user)


class ProgrammeReportsView(StatsAdminView):
    template_name = "stats/programme_reports.html"
    page_title = _("Programme reports")
    header_icon = "doc-full"

    def get(self, request, *args, **kwargs):
        today = timezone.localdate()
        first = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
        form = ProgrammeReportForm(initial={"first_month": first, "last_month": first})
        return self._render(form)

    def post(self, request, *args, **kwargs):
        form = ProgrammeReportForm(request.POST)
        if form.is_valid():
            try:
                programme_report_request(
                    viewer=request.user,
                    first_month=form.cleaned_data["first_month"],
                    last_month=form.cleaned_data["last_month"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("The report is being prepared; it will be listed here when it is ready."),
                )
                return redirect("stats_admin:programme_reports")
        return self._render(form, status=400)

    def _render(self, form, status=200):
        return self.render_to_response(
            self.get_context_data(
                form=form, reports=own_reports(self.request.user)[:50], max_months=MAX_MONTHS
            ),
            status=status,
        )


def programme_report_download(request, pk: int):
    """The requester's own finished report; anyone else's, or one not ready, is a 404."""
    scope_or_403(request)
    report = get_object_or_404(own_reports(request.user), pk=pk)
    if report.status != ProgrammeReportStatus.READY or not report.file:
        raise Http404
    filename = f"programme-report-{report.period_start:%Y-%m}-{report.period_end:%Y-%m}.xlsx"
    audit_record(action=AuditAction.STATS_EXPORTED, details={"file": filename, "report": report.pk})
    return FileResponse(
        report.file.open("rb"),
        as_attachment=True,
        filename=filename,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )

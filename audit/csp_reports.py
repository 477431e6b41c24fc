"""Content-Security-Policy violation reports: read, checked, stored, pruned.

Browsers send two shapes. `report-uri` sends one report as `application/csp-report`:
`{"csp-report": {"document-uri": …, "blocked-uri": …, …}}`. The Reporting API (`report-to`)
sends a batch as `application/reports+json`: `[{"type": "csp-violation", "url": …,
"user_agent": …, "body": {"documentURL": …, "blockedURL": …, …}}, …]`. Both become
`CSPReport` rows; anything else is refused whole, and nothing of it is stored.
"""

from __future__ import annotations

import json
from datetime import timedelta
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import CSPReport, CSPReportFormat

LEGACY_TYPES = {"application/csp-report", "application/json"}
REPORTING_API_TYPE = "application/reports+json"
MAX_REPORTS_PER_BATCH = 50

# Field of CSPReport ← (key in a report-uri report, key in a Reporting API body)
URI_FIELDS = {
    "document_uri": ("document-uri", "documentURL"),
    "referrer": ("referrer", "referrer"),
    "blocked_uri": ("blocked-uri", "blockedURL"),
    "source_file": ("source-file", "sourceFile"),
}
TEXT_FIELDS = {
    "effective_directive": ("effective-directive", "effectiveDirective"),
    "violated_directive": ("violated-directive", "effectiveDirective"),
    "disposition": ("disposition", "disposition"),
    "sample": ("script-sample", "sample"),
}
NUMBER_FIELDS = {
    "line_number": ("line-number", "lineNumber"),
    "column_number": ("column-number", "columnNumber"),
    "status_code": ("status-code", "statusCode"),
}


class ReportRefused(ValueError):
    """The body is not a CSP violation report we understand."""


def _without_secrets(value: str) -> str:
    """An address without its query string and fragment (which may carry tokens); a
    keyword such as "inline" or "eval" as it is."""
    parts = urlsplit(value)
    if not parts.scheme or not parts.netloc:
        return value
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))


def _text(report: dict, key: str) -> str:
    value = report.get(key, "")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ReportRefused(f"{key} is not text")
    return value


def _number(report: dict, key: str) -> int | None:
    value = report.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < 2**31:
        raise ReportRefused(f"{key} is not a line, column or status number")
    return value


def _report(report: object, *, which: int, report_format: str, user_agent: str) -> CSPReport:
    if not isinstance(report, dict):
        raise ReportRefused("a report is not an object")
    fields = {}
    for field, keys in URI_FIELDS.items():
        fields[field] = _without_secrets(_text(report, keys[which]))
    for field, keys in TEXT_FIELDS.items():
        fields[field] = _text(report, keys[which])
    for field, keys in NUMBER_FIELDS.items():
        fields[field] = _number(report, keys[which])
    if not (
        fields["document_uri"] and (fields["effective_directive"] or fields["violated_directive"])
    ):
        raise ReportRefused("a report names no page or no directive")
    row = CSPReport(report_format=report_format, user_agent=user_agent, **fields)
    for field in row._meta.concrete_fields:
        value = getattr(row, field.attname)
        if field.max_length and isinstance(value, str) and len(value) > field.max_length:
            setattr(row, field.attname, value[: field.max_length])
    return row


def csp_reports_parse(*, body: bytes, content_type: str, user_agent: str) -> list[CSPReport]:
    """The reports in one request body, unsaved; ReportRefused if any part is malformed."""
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise ReportRefused("not JSON") from error
    if content_type == REPORTING_API_TYPE:
        if not isinstance(data, list) or not data or len(data) > MAX_REPORTS_PER_BATCH:
            raise ReportRefused("not a batch of reports")
        reports = []
        for entry in data:
            if not isinstance(entry, dict):
                raise ReportRefused("a batch entry is not an object")
            if entry.get("type") != "csp-violation":
                continue  # another kind of report sent to the same endpoint
            agent = entry.get("user_agent", user_agent)
            reports.append(
                _report(
                    entry.get("body"),
                    which=1,
                    report_format=CSPReportFormat.REPORTING_API,
                    user_agent=agent if isinstance(agent, str) else user_agent,
                )
            )
        if not reports:
            raise ReportRefused("no CSP violation in the batch")
        return reports
    if content_type in LEGACY_TYPES:
        if not isinstance(data, dict) or set(data) != {"csp-report"}:
            raise ReportRefused("not a csp-report object")
        return [
            _report(
                data["csp-report"],
                which=0,
                report_format=CSPReportFormat.LEGACY,
                user_agent=user_agent,
            )
        ]
    raise ReportRefused("not a CSP report content type")


@transaction.atomic
def csp_reports_store(*, reports: list[CSPReport]) -> None:
    """Store `reports`, then drop those past CSP_REPORTS_KEEP_DAYS and the oldest beyond
    CSP_REPORTS_MAX_ROWS, so that a flood of reports cannot fill the database."""
    CSPReport.objects.bulk_create(reports)
    cutoff = timezone.now() - timedelta(days=settings.CSP_REPORTS_KEEP_DAYS)
    CSPReport.objects.filter(received_at__lt=cutoff).delete()
    keep = settings.CSP_REPORTS_MAX_ROWS
    oldest_kept = list(
        CSPReport.objects.order_by("-pk").values_list("pk", flat=True)[keep - 1 : keep]
    )
    if oldest_kept:
        CSPReport.objects.filter(pk__lt=oldest_kept[0]).delete()

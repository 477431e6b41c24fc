"""A table as a CSV or XLSX download, recorded in the audit log."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.utils import timezone

from audit.api import AuditAction, audit_record

from .. import exports


def export_response(kind, headings, body, *, name, preamble):
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
    audit_record(
        action=AuditAction.STATS_EXPORTED,
        details={"file": filename, "rows": len(body) if hasattr(body, "__len__") else None},
    )
    return response


def workbook_response(content: bytes, *, name: str):
    """An XLSX workbook of several sheets as a download, recorded in the audit log."""
    filename = f"{name}-{timezone.localdate().isoformat()}.xlsx"
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    audit_record(action=AuditAction.STATS_EXPORTED, details={"file": filename, "rows": None})
    return response

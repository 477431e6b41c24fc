"""The endpoint browsers send Content-Security-Policy violation reports to."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from config.api import retry_after

from .csp_reports import ReportRefused, csp_reports_parse, csp_reports_store


@csrf_exempt  # browsers post reports without a token or a session; nothing here acts as anyone
@require_POST
def csp_report(request):
    """Store the violation report(s) in the body: 204, or 400 (malformed), 413 (larger than
    CSP_REPORT_MAX_BYTES), 429 (too many from this address). Never touches the session."""
    seconds = retry_after(
        request,
        group="audit:csp-report",
        limit=settings.CSP_REPORT_RATE_LIMIT,
        window=settings.CSP_REPORT_RATE_WINDOW,
    )
    if seconds:
        response = HttpResponse(status=429)
        response["Retry-After"] = str(seconds)
        return response
    limit = settings.CSP_REPORT_MAX_BYTES
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return HttpResponse(status=400)
    if declared > limit:
        return HttpResponse(status=413)
    body = request.read(limit + 1)
    if len(body) > limit:
        return HttpResponse(status=413)
    try:
        reports = csp_reports_parse(
            body=body,
            content_type=request.content_type,
            user_agent=request.headers.get("User-Agent", ""),
        )
    except ReportRefused:
        return HttpResponse(status=400)
    csp_reports_store(reports=reports)
    return HttpResponse(status=204)

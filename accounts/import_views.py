"""Bulk onboarding pages under /manage/import/: upload, check, follow, templates."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language

from institutions.api import ImportKind

from .import_access import import_jobs_visible_to, import_scope_for
from .import_files import import_template_csv
from .import_forms import ImportUploadForm
from .import_validation import import_guide, import_rows_validate
from .imports import ROW_ERRORS_KEPT, import_job_start, import_progress

RECENT_JOBS_SHOWN = 10


def import_access_required(view):
    """Signed in, and an administrator or institution manager; otherwise 403."""

    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        scope = import_scope_for(user=request.user)
        if scope is None:
            raise PermissionDenied
        request.import_scope = scope
        return view(request, *args, **kwargs)

    return wrapper


@import_access_required
def import_upload(request):
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        kind, rows = form.cleaned_data["kind"], form.cleaned_data["rows"]
        errors = import_rows_validate(kind=kind, rows=rows, scope=request.import_scope)
        if errors:
            return render(
                request,
                "institutions/import_invalid.html",
                {
                    "form": ImportUploadForm(initial={"kind": kind}),
                    "file_name": form.cleaned_data["file"].name,
                    "row_count": len(rows),
                    "bad_row_count": len({error.line for error in errors}),
                    "errors": errors[:ROW_ERRORS_KEPT],
                    "errors_not_shown": max(0, len(errors) - ROW_ERRORS_KEPT),
                    "guide": import_guide(),
                },
            )
        job = import_job_start(
            kind=kind,
            upload=form.cleaned_data["file"],
            row_count=len(rows),
            created_by=request.user,
            base_url=request.build_absolute_uri("/"),
            language=get_language(),
        )
        return redirect("onboarding:import_job", pk=job.pk)
    return render(
        request,
        "institutions/import_upload.html",
        {
            "form": form,
            "guide": import_guide(),
            "scope": request.import_scope,
            "jobs": import_jobs_visible_to(user=request.user)[:RECENT_JOBS_SHOWN],
        },
    )


@import_access_required
def import_job_detail(request, pk: int):
    job = get_object_or_404(import_jobs_visible_to(user=request.user), pk=pk)
    progress = import_progress(job=job)
    total = progress["total"] or 1
    return render(
        request,
        "institutions/import_job.html",
        {
            "job": job,
            "progress": {**progress, "percent": min(100, progress["processed"] * 100 // total)},
        },
    )


@import_access_required
def import_template(request, kind: str):
    if kind not in ImportKind.values:
        raise Http404
    response = HttpResponse(import_template_csv(kind=kind), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{kind}-template.csv"'
    return response

"""Exports of the case-law library: one case as JSON or as a citation, a filtered list
as CSV. Only published cases readers may see (drafts never leave the admin)."""

from __future__ import annotations

import csv
import io

from django.core.cache import cache
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language, gettext
from django.views.decorators.http import require_GET

from config.api import retry_after

from .caching import (
    CSV_EXPORTS_PER_WINDOW,
    CSV_TIMEOUT,
    CSV_WINDOW_SECONDS,
    csv_export_key,
    library_params,
)
from .exports import csv_rows
from .models import CaseIndexPage, CasePage
from .selectors import case_as_dict, case_citation, case_search, visible_cases

CSV_PAGE_LIMIT = 10_000


def _visible_case(case_id: int):
    return get_object_or_404(visible_cases(), pk=case_id)


@require_GET
def case_json(request, case_id: int):
    case = _visible_case(case_id)
    response = JsonResponse(case_as_dict(case), json_dumps_params={"ensure_ascii": False})
    response["Content-Disposition"] = f'attachment; filename="case-{case.pk}.json"'
    return response


@require_GET
def case_citation_text(request, case_id: int):
    case = _visible_case(case_id)
    return HttpResponse(case_citation(case) + "\n", content_type="text/plain; charset=utf-8")


def _with_relations(cases) -> list[CasePage]:
    """The same cases in the same order, with every relation the export reads fetched in
    a fixed number of queries."""
    ids = [case.pk for case in cases]
    fetched = (
        CasePage.objects.filter(pk__in=ids)
        .select_related("court")
        .prefetch_related(
            "countries",
            "acts",
            "means",
            "exploitation_forms",
            "sectors",
            "legal_issues",
            "provisions",
            "victim_groups",
            "defendant_groups",
        )
    )
    by_id = {case.pk: case for case in fetched}
    return [by_id[pk] for pk in ids]


def _csv_body(*, index, params) -> tuple[bytes, bool]:
    """The CSV, and whether every filter was understood (only then is it cached)."""
    search = case_search(params=params, index=index, page_size=CSV_PAGE_LIMIT)
    out = io.StringIO()
    out.write("\ufeff")  # Excel reads UTF-8 with a BOM
    writer = csv.writer(out)
    for row in csv_rows(_with_relations(search.page.object_list)):
        writer.writerow(row)
    return out.getvalue().encode("utf-8"), not search.errors


@require_GET
def cases_csv(request):
    """The filtered list as CSV: at most CSV_EXPORTS_PER_WINDOW per client address and
    minute (each export can hold thousands of cases), each filter combination built
    once per version of the library."""
    seconds = retry_after(
        request, group="caselaw:csv", limit=CSV_EXPORTS_PER_WINDOW, window=CSV_WINDOW_SECONDS
    )
    if seconds:
        response = HttpResponse(
            gettext(
                "Too many downloads from your address: at most %(limit)d lists per minute. "
                "Please try again in a minute."
            )
            % {"limit": CSV_EXPORTS_PER_WINDOW},
            status=429,
            content_type="text/plain; charset=utf-8",
        )
        response["Retry-After"] = str(seconds)
        return response
    index = None
    if request.GET.get("index"):
        try:
            index = CaseIndexPage.objects.live().get(pk=int(request.GET["index"]))
        except (ValueError, CaseIndexPage.DoesNotExist) as error:
            raise Http404 from error
    params = library_params(request.GET)
    key = csv_export_key(
        index_id=index.pk if index else None, language=get_language() or "", params=params
    )
    body = cache.get(key)
    if body is None:
        body, understood = _csv_body(index=index, params=params)
        if understood:
            cache.set(key, body, CSV_TIMEOUT)
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="cases.csv"'
    return response

"""Exports of the case-law library: one case as JSON or as a citation, a filtered list
as CSV. Only published cases readers may see (drafts never leave the admin)."""

from __future__ import annotations

import csv

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

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


@require_GET
def cases_csv(request):
    index = None
    if request.GET.get("index"):
        try:
            index = CaseIndexPage.objects.live().get(pk=int(request.GET["index"]))
        except (ValueError, CaseIndexPage.DoesNotExist) as error:
            raise Http404 from error
    params = request.GET.copy()
    params.pop("index", None)
    search = case_search(params=params, index=index, page_size=CSV_PAGE_LIMIT)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="cases.csv"'
    response.write("\ufeff")  # Excel reads UTF-8 with a BOM
    writer = csv.writer(response)
    for row in csv_rows(_with_relations(search.page.object_list)):
        writer.writerow(row)
    return response

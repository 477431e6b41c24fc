"""A participant answers a survey; those who may read its results read them, or take
them as CSV or XLSX. Thin: the services and selectors decide."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook

from config.api import safe_cell, xlsx_text_row

from .forms import SurveyForm
from .gain import gain_labels, gain_table, people_gains
from .models import Invitation, KnowledgeTest, Survey
from .selectors import survey_results, user_may_read_results
from .services import AlreadyAnswered, response_submit


@login_required
def answer(request, survey_id: int):
    survey = get_object_or_404(Survey, pk=survey_id)
    invitation = Invitation.objects.filter(survey=survey, user=request.user).first()
    if invitation is None:
        raise PermissionDenied
    if invitation.answered or not survey.is_open:
        return render(
            request, "evaluation/closed.html", {"survey": survey, "invitation": invitation}
        )
    form = SurveyForm(request.POST or None, survey=survey)
    if request.method == "POST" and form.is_valid():
        try:
            response_submit(survey=survey, user=request.user, answers=form.answers())
        except AlreadyAnswered:
            messages.info(request, _("You had already answered this survey."))
        else:
            messages.success(request, _("Thank you: your answers are saved."))
        return redirect("evaluation:answer", survey_id=survey.pk)
    return render(request, "evaluation/answer.html", {"survey": survey, "form": form})


def _results_or_403(request, survey_id: int):
    survey = get_object_or_404(Survey, pk=survey_id)
    if not user_may_read_results(user=request.user, survey=survey):
        raise PermissionDenied
    return survey_results(survey=survey)


@login_required
def results(request, survey_id: int):
    return render(
        request, "evaluation/results.html", {"results": _results_or_403(request, survey_id)}
    )


def _rows(results) -> list[list]:
    rows = [[_("Item"), _("Answer"), _("Count")]]
    for item in results.items:
        for label, count in item.counts:
            rows.append([item.item.text, label, count])
        for text in item.texts:
            rows.append([item.item.text, text, ""])
    return rows


@login_required
def results_export(request, survey_id: int, extension: str):
    if extension not in ("csv", "xlsx"):
        raise Http404
    results = _results_or_403(request, survey_id)
    if results.suppressed:
        messages.error(request, _("Too few answers to publish: nothing to export."))
        return redirect("evaluation:results", survey_id=survey_id)
    filename = f"survey-{survey_id}.{extension}"
    if extension == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response.write("\ufeff")
        writer = csv.writer(response)
        for row in _rows(results):
            writer.writerow([safe_cell(cell) for cell in row])
    else:
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(title=_("Results")[:31])
        for row in _rows(results):
            xlsx_text_row(sheet, row)
        response = HttpResponse(
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        workbook.save(response)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


GAIN_BREAKDOWNS = {
    "profession": gettext_lazy("Profession"),
    "institution_id": gettext_lazy("Institution"),
    "month": gettext_lazy("Month of the post-test"),
}


@login_required
def knowledge_gain(request, test_id: int):
    """Scores before and after, and the gain, in total and by one breakdown."""
    test = get_object_or_404(
        KnowledgeTest.objects.select_related("course", "training", "pre_test", "post_test"),
        pk=test_id,
    )
    if not user_may_read_results(user=request.user, survey=test):
        raise PermissionDenied
    by = request.GET.get("by", "profession")
    if by not in GAIN_BREAKDOWNS:
        by = "profession"
    total, rows = gain_table(people_gains(test), by=by)
    labels = gain_labels(rows, by=by)
    return render(
        request,
        "evaluation/knowledge_gain.html",
        {
            "test": test,
            "total": total,
            "rows": [(labels.get(row.key, row.key), row) for row in rows],
            "by": by,
            "breakdowns": GAIN_BREAKDOWNS,
        },
    )

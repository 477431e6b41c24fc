"""Programme reports: one XLSX per period (whole months) in the layout programme reports
use, asked for on a page of the statistics and built in the background, as the bulk
certificate downloads are (`certificates.exports`).

- `programme_report_request(*, viewer, first_month, last_month)`: checks the period,
  records the viewer's scope as it is now, and queues the task after the commit.
- `programme_report_run(*, report)`: builds the workbook (figures from
  `stats.selectors.programme`, protected there) into the private storage; a failure is
  recorded on the report (status "failed", the error) and raised again for the task log.
- `programme_workbook(...)`: the workbook itself: a cover sheet, then "People trained",
  "Trainings held", "Knowledge gain" and "Satisfaction". Text cells are never formulas
  (`config.api.xlsx_text_row`); hidden figures are the text "x".
"""

from __future__ import annotations

import datetime
import io

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from django_tasks import task
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from config.api import xlsx_text_row

from .models import ProgrammeReport, ProgrammeReportStatus
from .selectors import StatsScope, min_cell, stats_scope_for
from .selectors.figures import SUPPRESSED
from .selectors.programme import (
    ProgrammeFigures,
    Sheet,
    programme_figures,
    scope_from_record,
    scope_record,
)

# The longest period one report covers.
MAX_MONTHS = 60


def month_end(first_day: datetime.date) -> datetime.date:
    """The last day of `first_day`'s month."""
    next_month = (first_day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return next_month - datetime.timedelta(days=1)


def period_errors(
    first_month: datetime.date, last_month: datetime.date, *, today: datetime.date
) -> list[str]:
    """What is wrong with a period of whole months (empty when nothing is)."""
    first, last = first_month.replace(day=1), last_month.replace(day=1)
    if last < first:
        return [_("The period ends before it starts.")]
    if last > today.replace(day=1):
        return [_("The period cannot end after the current month.")]
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    if months > MAX_MONTHS:
        return [_("A report covers at most %(months)s months.") % {"months": MAX_MONTHS}]
    return []


def programme_report_request(
    *, viewer, first_month: datetime.date, last_month: datetime.date
) -> ProgrammeReport:
    """Ask for the report of a period (the months of `first_month` to `last_month`) over
    the viewer's scope; it is built in the background."""
    scope = stats_scope_for(viewer=viewer)
    if scope is None:
        raise PermissionDenied
    errors = period_errors(first_month, last_month, today=timezone.localdate())
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        report = ProgrammeReport.objects.create(
            requested_by=viewer,
            period_start=first_month.replace(day=1),
            period_end=month_end(last_month.replace(day=1)),
            scope=scope_record(scope),
        )
        transaction.on_commit(lambda: programme_report_task.enqueue(report_id=report.pk))
    return report


def programme_report_run(*, report: ProgrammeReport) -> ProgrammeReport:
    """Build the workbook in the requester's language, over the scope they had when they
    asked."""
    ProgrammeReport.objects.filter(pk=report.pk).update(status=ProgrammeReportStatus.RUNNING)
    report.status = ProgrammeReportStatus.RUNNING
    try:
        with override(report.requested_by.preferred_language):
            scope = scope_from_record(report.scope)
            figures = programme_figures(
                scope=scope, first_day=report.period_start, last_day=report.period_end
            )
            content = programme_workbook(
                figures=figures, scope=scope, report=report, generated_at=timezone.now()
            )
        report.file.save(f"programme-{report.period_label}.xlsx", ContentFile(content), save=False)
    except Exception as error:  # recorded for the person waiting, then re-raised
        report.status = ProgrammeReportStatus.FAILED
        report.error = str(error)[:2000] or type(error).__name__
        report.finished_at = timezone.now()
        report.save(update_fields=["status", "error", "finished_at"])
        raise
    report.status = ProgrammeReportStatus.READY
    report.error = ""
    report.finished_at = timezone.now()
    report.save(update_fields=["file", "status", "error", "finished_at"])
    return report


@task()
def programme_report_task(*, report_id: int) -> str:
    report = ProgrammeReport.objects.select_related("requested_by").filter(pk=report_id).first()
    if report is None:
        return "missing"
    return programme_report_run(report=report).status


# --- The workbook ---------------------------------------------------------------------------


def scope_label(scope: StatsScope) -> str:
    if scope.roots is None:
        return _("All institutions")
    if not scope.roots:
        return _("No institution (those of the request no longer exist)")
    return "; ".join(f"{root.name} ({root.code})" for root in scope.roots)


def _cover(sheet, *, figures: ProgrammeFigures, scope: StatsScope, report, generated_at) -> None:
    sheet.title = _("Report")[:31]
    sheet.append(xlsx_text_row(sheet, [_("Programme report")]))
    sheet["A1"].font = Font(bold=True, size=14)
    rows = [
        [_("Period"), f"{report.period_start.isoformat()} – {report.period_end.isoformat()}"],
        [_("Scope"), scope_label(scope)],
        [_("Generated at"), timezone.localtime(generated_at).strftime("%Y-%m-%d %H:%M")],
        [_("Smallest group shown (K)"), min_cell()],
    ]
    if scope.is_protected:
        rows.append(
            [
                _("Hidden figures"),
                _(
                    "“%(x)s”: hidden to protect individuals. A figure that rests on fewer "
                    "than %(k)s people is hidden, with the rates and means built on it; so is "
                    "a figure from which such a figure could be worked out (with the row and "
                    "column totals, or another period of whole months)."
                )
                % {"x": SUPPRESSED, "k": min_cell()},
            ]
        )
        rows.append([_("Figures hidden in this report"), figures.hidden])
    else:
        rows.append([_("Hidden figures"), _("None: exact figures (administrator).")])
    rows += [
        [],
        [_("Definitions")],
        [
            _("People trained"),
            _(
                "Distinct people who completed a training in the period, by profession, the "
                "type of the institution they belong to now and the sex they declared."
            ),
        ],
        [
            _("Trainings held"),
            _(
                "Trainings with a session in the period that people in scope attended; "
                "their sessions in the period; places attended (participations); trainings "
                "completed in the period (completions)."
            ),
        ],
        [
            _("Knowledge gain"),
            _(
                "Participants with a pre-test and a post-test score; the normalised gain is "
                "(post − pre) / (100 − pre), for those who scored under 100 before."
            ),
        ],
        [
            _("Satisfaction"),
            _(
                "Surveys of the trainings held: responses of people in scope, the share of "
                "invitations answered, the mean of each statement from 1 (strongly "
                "disagree) to 5 (strongly agree)."
            ),
        ],
    ]
    for row in rows:
        sheet.append(xlsx_text_row(sheet, row))
    sheet.column_dimensions["A"].width = 32
    sheet.column_dimensions["B"].width = 100


def _table(workbook, title: str, table: Sheet) -> None:
    sheet = workbook.create_sheet(title[:31])
    sheet.append(xlsx_text_row(sheet, table.headings))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in table.rows:
        sheet.append(xlsx_text_row(sheet, row))
    sheet.freeze_panes = "A2"
    for index, heading in enumerate(table.headings, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(12, min(40, len(heading) + 4))


def programme_workbook(
    *, figures: ProgrammeFigures, scope: StatsScope, report, generated_at
) -> bytes:
    workbook = Workbook()
    _cover(workbook.active, figures=figures, scope=scope, report=report, generated_at=generated_at)
    _table(workbook, _("People trained"), figures.people_trained)
    _table(workbook, _("Trainings held"), figures.trainings_held)
    _table(workbook, _("Knowledge gain"), figures.knowledge_gain)
    _table(workbook, _("Satisfaction"), figures.satisfaction)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

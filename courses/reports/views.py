"""The course progress reports (all courses, one course's learners) and the trainers of a
course, as Wagtail admin views."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q, QuerySet, Value
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views import View
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView
from wagtail.admin.widgets.button import HeaderButton

from config.api import safe_cell

from ..authoring import course_assign_trainer, course_trainers, course_unassign_trainer
from ..canonical import canonical_id
from ..models import CoursePage, Enrolment
from ..permissions import (
    courses_reported_to,
    user_may_see_course_report,
    user_may_see_course_reports,
)
from ..selectors import required_steps
from .forms import AssignTrainerForm, EnrolmentReportFilterSet
from .queries import module_completion

# --- Shared export behaviour ----------------------------------------------------------------


def _local_csv(value: datetime.datetime) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def _local_xlsx(value: datetime.datetime) -> datetime.datetime:
    return timezone.make_naive(value) if timezone.is_aware(value) else value


class CourseReportView(ReportView):
    """Dates in local time, and text that spreadsheet programs will not run."""

    custom_value_preprocess = {
        **ReportView.custom_value_preprocess,
        datetime.datetime: {
            ReportView.FORMAT_CSV: _local_csv,
            ReportView.FORMAT_XLSX: _local_xlsx,
        },
        # Learners write their own names: spreadsheets must not read them as formulas
        # (Wagtail's XLSX writer already stores such cells as text).
        str: {ReportView.FORMAT_CSV: safe_cell},
    }

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("courses_reports:index"), "label": _("Course progress")},
        ]


def _percent(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None


def _percent_display(value: int | None) -> str:
    return "–" if value is None else f"{value}%"


# --- Course progress: all courses -----------------------------------------------------------


class CourseProgressIndexView(CourseReportView):
    page_title = _("Course progress")
    header_icon = "list-ul"
    index_url_name = "courses_reports:index"
    index_results_url_name = "courses_reports:index_results"
    default_ordering = "title"
    verbose_name_plural = _("courses")
    columns = [
        TitleColumn(
            "title",
            label=_("Course"),
            sort_key="title",
            get_url=lambda course: reverse("courses_reports:course", args=[course.pk]),
        ),
        Column("enrolled", label=_("Enrolled"), sort_key="enrolled"),
        Column("completed", label=_("Completed"), sort_key="completed"),
        Column("completion_rate_display", label=_("Completion rate")),
    ]
    list_export = ["title", "enrolled", "completed", "completion_rate"]
    export_headings = {
        "title": _("Course"),
        "enrolled": _("Enrolled"),
        "completed": _("Completed"),
        "completion_rate": _("Completion rate (%)"),
    }
    export_filename = "course-progress"

    def dispatch(self, request, *args, **kwargs):
        if not user_may_see_course_reports(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_base_queryset(self):
        current = Q(enrolments__archived_at__isnull=True)
        return courses_reported_to(self.request.user).annotate(
            enrolled=Count("enrolments", filter=current),
            completed=Count(
                "enrolments", filter=current & Q(enrolments__completed_at__isnull=False)
            ),
        )

    def decorate_paginated_queryset(self, object_list):
        # In place: the table holds this very (now evaluated) queryset.
        for course in object_list:
            course.completion_rate = _percent(course.completed, course.enrolled)
            course.completion_rate_display = _percent_display(course.completion_rate)
        return object_list


# --- Course progress: one course ------------------------------------------------------------


class CourseLearnersView(CourseReportView):
    results_template_name = "courses/admin/course_progress_results.html"
    page_title = _("Course progress")
    header_icon = "user"
    filterset_class = EnrolmentReportFilterSet
    default_ordering = "user__last_name"
    verbose_name_plural = _("enrolled learners")
    columns = [
        Column("learner_name", label=_("Name"), sort_key="user__last_name"),
        Column("email", accessor="user.email", label=_("Email")),
        Column("institution_name", label=_("Institution")),
        Column("profession", label=_("Profession")),
        DateColumn("enrolled_at", label=_("Enrolled"), sort_key="enrolled_at"),
        DateColumn("started_at", label=_("Started"), sort_key="started_at"),
        Column("steps_display", label=_("Steps done"), sort_key="done_steps"),
        Column("percent_display", label=_("Progress")),
        DateColumn("completed_at", label=_("Completed"), sort_key="completed_at"),
        DateColumn("last_activity_at", label=_("Last activity"), sort_key="last_activity_at"),
    ]
    list_export = [
        "learner_name",
        "user.email",
        "institution_name",
        "profession",
        "enrolled_at",
        "started_at",
        "done_steps",
        "steps_required",
        "percent",
        "completed_at",
        "last_activity_at",
    ]
    export_headings = {
        "learner_name": _("Name"),
        "user.email": _("Email"),
        "institution_name": _("Institution"),
        "profession": _("Profession"),
        "enrolled_at": _("Enrolled"),
        "started_at": _("Started"),
        "done_steps": _("Steps done"),
        "steps_required": _("Steps required"),
        "percent": _("Progress (%)"),
        "completed_at": _("Completed"),
        "last_activity_at": _("Last activity"),
    }

    def dispatch(self, request, *args, course_id, **kwargs):
        course = get_object_or_404(CoursePage, pk=course_id)
        source_id = canonical_id(course)
        if source_id != course.pk:
            course = get_object_or_404(CoursePage, pk=source_id)
        self.course = course
        if not user_may_see_course_report(user=request.user, course=course):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.course.title

    def get_breadcrumbs_items(self):
        return [*super().get_breadcrumbs_items(), {"url": "", "label": self.course.title}]

    def get_index_url(self):
        return reverse("courses_reports:course", args=[self.course.pk])

    def get_index_results_url(self):
        return reverse("courses_reports:course_results", args=[self.course.pk])

    def get_filename(self):
        return f"course-{self.course.pk}-progress"

    @cached_property
    def header_buttons(self):
        buttons = []
        if self.course.permissions_for_user(self.request.user).can_edit():
            buttons.append(
                HeaderButton(
                    _("Edit course"),
                    url=reverse("wagtailadmin_pages:edit", args=[self.course.pk]),
                    icon_name="edit",
                )
            )
        if self.request.user.is_superuser:
            buttons.append(
                HeaderButton(
                    _("Trainers"),
                    url=reverse("courses_reports:trainers", args=[self.course.pk]),
                    icon_name="group",
                )
            )
        return buttons

    @cached_property
    def steps(self) -> dict[int, str]:
        return required_steps(course=self.course)

    def current_enrolments(self) -> QuerySet:
        return Enrolment.objects.filter(course=self.course, archived_at__isnull=True)

    def get_base_queryset(self):
        queryset = self.current_enrolments().select_related("user", "user__institution")
        if self.steps:
            done = Count("steps_done", filter=Q(steps_done__page_id__in=list(self.steps)))
        else:
            done = Value(0)
        return queryset.annotate(done_steps=done)

    def order_queryset(self, queryset):
        queryset = super().order_queryset(queryset)
        # A stable order across pages.
        return queryset.order_by(*queryset.query.order_by, "user__first_name", "pk")

    def decorate_paginated_queryset(self, object_list):
        # In place: the table holds this very (now evaluated) queryset.
        required = len(self.steps)
        for enrolment in object_list:
            user = enrolment.user
            enrolment.learner_name = user.get_full_name() or user.email
            enrolment.institution_name = user.institution.name if user.institution else ""
            enrolment.profession = user.get_profession_display()
            enrolment.steps_required = required
            enrolment.steps_display = f"{enrolment.done_steps} / {required}"
            enrolment.percent = _percent(enrolment.done_steps, required) or 0
            enrolment.percent_display = _percent_display(enrolment.percent)
        return object_list

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["course"] = self.course
        if not self.is_export:
            filtered = self.filter_queryset(self.current_enrolments())
            totals = filtered.aggregate(
                enrolled=Count("pk"), completed=Count("pk", filter=Q(completed_at__isnull=False))
            )
            context["totals"] = {
                **totals,
                "rate": _percent_display(_percent(totals["completed"], totals["enrolled"])),
            }
            context["modules"] = module_completion(
                course=self.course,
                enrolments=filtered,
                steps=self.steps,
                enrolled=totals["enrolled"],
            )
        return context


# --- Trainers of a course (administrators) --------------------------------------------------


class CourseTrainersView(WagtailAdminTemplateMixin, View):
    """Administrators give a course to trainers, or take it away."""

    template_name = "courses/admin/course_trainers.html"
    page_title = _("Trainers")
    header_icon = "group"

    def dispatch(self, request, *args, course_id, **kwargs):
        if not request.user.is_superuser:
            raise PermissionDenied
        course = get_object_or_404(CoursePage, pk=course_id)
        self.course = get_object_or_404(CoursePage, pk=canonical_id(course))
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.course.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("courses_reports:index"), "label": _("Course progress")},
            {
                "url": reverse("courses_reports:course", args=[self.course.pk]),
                "label": self.course.title,
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def get(self, request, *args, **kwargs):
        return self._render(AssignTrainerForm(course=self.course))

    def post(self, request, *args, **kwargs):
        if remove_id := request.POST.get("remove"):
            trainer = course_trainers(course=self.course).filter(pk=remove_id).first()
            if trainer is not None:
                course_unassign_trainer(course=self.course, user=trainer)
                messages.success(
                    request,
                    _("%(name)s can no longer edit this course.")
                    % {"name": trainer.get_full_name()},
                )
            return redirect(request.path)
        form = AssignTrainerForm(request.POST, course=self.course)
        if form.is_valid():
            trainer = form.cleaned_data["user"]
            try:
                course_assign_trainer(course=self.course, user=trainer)
            except ValidationError as error:
                form.add_error("user", error)
            else:
                messages.success(
                    request,
                    _("%(name)s can now edit this course.") % {"name": trainer.get_full_name()},
                )
                return redirect(request.path)
        return self._render(form)

    def _render(self, form):
        return self.render_to_response(
            self.get_context_data(
                course=self.course, form=form, trainers=course_trainers(course=self.course)
            )
        )

"""Trainers' quiz tools in the Wagtail admin: the quizzes they may manage, regrade (a dry
run, then confirm), item statistics with CSV / XLSX export, and the bank's import (a report,
then confirm; every import kept with its report) and export (Moodle XML, GIFT).

Who: administrators, and trainers who may edit the quiz's course (as for course reports).
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views import View
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from audit.api import AuditAction, audit_record
from courses.api import courses_reported_to, default_locale_id, user_may_see_course_reports

from .bank import bank_scope, refuse
from .interchange import (
    MAX_BYTES,
    MAX_XML_BYTES,
    export_gift,
    export_moodle_xml,
    import_confirm,
    import_discard,
    import_may_confirm,
    import_may_read,
    import_preview,
    imports_readable_by,
)
from .models import Language, QuestionCategory, QuestionImport, QuizPage
from .permissions import user_may_manage_quiz
from .selectors import canonical_quiz
from .services import regrade_apply, regrade_preview
from .statistics import quiz_statistics, statistics_csv, statistics_xlsx


def quizzes_managed_by(user):
    if not user_may_see_course_reports(user):
        return QuizPage.objects.none()
    courses = list(courses_reported_to(user))
    if not courses:
        return QuizPage.objects.none()
    within = Q()
    for course in courses:
        within |= Q(path__startswith=course.path)
    return QuizPage.objects.filter(within, locale_id=default_locale_id()).order_by("path")


class QuizIndexView(WagtailAdminTemplateMixin, View):
    template_name = "quizzes/admin/index.html"
    page_title = _("Quizzes")
    header_icon = "help"

    def get(self, request):
        if not user_may_see_course_reports(request.user):
            raise PermissionDenied
        return self.render_to_response(
            self.get_context_data(quizzes=quizzes_managed_by(request.user))
        )


class QuizToolView(WagtailAdminTemplateMixin, View):
    header_icon = "help"

    def dispatch(self, request, *args, quiz_id, **kwargs):
        quiz = get_object_or_404(QuizPage, pk=quiz_id)
        self.quiz = canonical_quiz(quiz)
        if not user_may_manage_quiz(user=request.user, quiz=self.quiz):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.quiz.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("quizzes_admin:index"), "label": _("Quizzes")},
            {"url": "", "label": f"{self.get_page_title()}: {self.quiz.title}"},
        ]


class RegradeView(QuizToolView):
    """GET: the dry run. POST: apply it (records who did it)."""

    template_name = "quizzes/admin/regrade.html"
    page_title = _("Regrade")

    def get(self, request):
        changes = regrade_preview(quiz=self.quiz)
        return self.render_to_response(
            self.get_context_data(
                quiz=self.quiz,
                changes=changes,
                outcome_changes=sum(c.outcome_changes for c in changes),
                regrades=self.quiz.regrades.select_related("actor")[:10],
            )
        )

    def post(self, request):
        regrade = regrade_apply(quiz=self.quiz, actor=request.user)
        messages.success(
            request,
            _("Regraded: %(count)s attempts changed.") % {"count": regrade.attempts_changed},
        )
        return redirect("quizzes_admin:regrade", self.quiz.pk)


class StatisticsView(QuizToolView):
    template_name = "quizzes/admin/statistics.html"
    page_title = _("Item statistics")

    def get(self, request):
        stats = quiz_statistics(quiz=self.quiz)
        export = request.GET.get("export")
        filename = f"quiz-{self.quiz.pk}-statistics"
        if export == "csv":
            response = HttpResponse(statistics_csv(stats), content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
            return response
        if export == "xlsx":
            response = HttpResponse(
                statistics_xlsx(stats),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
            response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
            return response
        return self.render_to_response(self.get_context_data(quiz=self.quiz, stats=stats))


def admin_urlpatterns():
    return [
        path("", QuizIndexView.as_view(), name="index"),
        path("import/", ImportView.as_view(), name="import"),
        path("import/history/", ImportHistoryView.as_view(), name="import_history"),
        path("import/<int:pk>/", ImportDetailView.as_view(), name="import_detail"),
        path("export/", export_view, name="export"),
        path("<int:quiz_id>/regrade/", RegradeView.as_view(), name="regrade"),
        path("<int:quiz_id>/statistics/", StatisticsView.as_view(), name="statistics"),
    ]


# --- Import and export --------------------------------------------------------------------


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Moodle XML (.xml) or GIFT (.txt, .gift) file"))
    category = forms.ModelChoiceField(
        label=_("Into category"), queryset=QuestionCategory.objects.none()
    )
    language = forms.ChoiceField(label=_("Language of the questions"), choices=Language.choices)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Only into the categories the user keeps (their courses'; the national bank for
        # senior trainers and administrators).
        self.fields["category"].queryset = bank_scope(user).editable_categories()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = MAX_XML_BYTES if upload.name.lower().endswith(".xml") else MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _("The file is larger than %(size)s MB.") % {"size": limit // (1024 * 1024)}
            )
        return upload


class ImportView(WagtailAdminTemplateMixin, View):
    """Upload: the file is parsed and kept as a pending import, whose report the trainer
    reads before confirming (`ImportDetailView`). Nothing of the bank changes here."""

    template_name = "quizzes/admin/import.html"
    page_title = _("Import questions")
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        if not user_may_see_course_reports(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return self._form(ImportForm(user=request.user))

    def _form(self, form):
        recent = imports_readable_by(self.request.user)[:5]
        return self.render_to_response(self.get_context_data(form=form, recent=recent))

    def post(self, request):
        form = ImportForm(request.POST, request.FILES, user=request.user)
        if not form.is_valid():
            return self._form(form)
        upload = form.cleaned_data["file"]
        record = import_preview(
            user=request.user,
            name=upload.name,
            data=upload.read(),
            category=form.cleaned_data["category"],
            language=form.cleaned_data["language"],
        )
        return redirect("quizzes_admin:import_detail", record.pk)


class ImportHistoryView(WagtailAdminTemplateMixin, View):
    """The imports whose category the user keeps (administrators: all), newest first."""

    template_name = "quizzes/admin/import_history.html"
    page_title = _("Imports")
    header_icon = "upload"

    def get(self, request):
        if not user_may_see_course_reports(request.user):
            raise PermissionDenied
        records = imports_readable_by(request.user)[:200]
        return self.render_to_response(self.get_context_data(records=records))


class ImportDetailView(WagtailAdminTemplateMixin, View):
    """An import's report. While pending, its uploader confirms ("Import the N importable
    questions") or discards it."""

    template_name = "quizzes/admin/import_detail.html"
    page_title = _("Import report")
    header_icon = "upload"

    def dispatch(self, request, *args, pk, **kwargs):
        if not user_may_see_course_reports(request.user):
            raise PermissionDenied
        self.record = get_object_or_404(
            QuestionImport.objects.select_related("category", "created_by"), pk=pk
        )
        if not import_may_read(user=request.user, record=self.record):
            return refuse(request)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        record = self.record
        return self.render_to_response(
            self.get_context_data(
                record=record,
                may_confirm=import_may_confirm(user=request.user, record=record),
                problems=record.report.get("problems", []),
                rows=record.report.get("questions", []),
            )
        )

    def post(self, request):
        if not import_may_confirm(user=request.user, record=self.record):
            return refuse(request)
        if request.POST.get("action") == "discard":
            import_discard(user=request.user, record=self.record)
            messages.success(request, _("The upload was discarded; nothing was imported."))
            return redirect("quizzes_admin:import")
        if not self.record.importable_count:
            return redirect("quizzes_admin:import_detail", self.record.pk)
        created = import_confirm(user=request.user, record=self.record)
        messages.success(request, _("%(count)s questions imported.") % {"count": len(created)})
        return redirect("quizzes_admin:import_detail", self.record.pk)


def export_view(request):
    """Moodle XML (or GIFT, `?format=gift`) of the questions, with their answers, of the
    categories the user keeps (a category and those below it, or all of them); every export
    is audit-logged. GIFT cannot hold cloze and ordering questions: they are left out and
    named in comments at the top of the file (and counted in the audit record)."""
    if not user_may_see_course_reports(request.user):
        raise PermissionDenied
    scope = bank_scope(request.user)
    questions = (
        scope.editable_questions()
        .select_related("category", "scenario", "case")
        .prefetch_related("options", "tags")
    )
    category = None
    if category_id := request.GET.get("category", ""):
        if not category_id.isdigit():
            raise PermissionDenied
        category = get_object_or_404(QuestionCategory, pk=int(category_id))
        if not scope.may_edit_category(category):
            return refuse(request)
        questions = questions.filter(category_id__in=category.subtree_ids())
    questions = list(questions.order_by("category_id", "pk"))
    gift = request.GET.get("format") == "gift"
    details = {
        "format": "gift" if gift else "moodle_xml",
        "with_answers": True,
        "category": category.pk if category else None,
        "questions": len(questions),
    }
    if gift:
        export = export_gift(questions)
        details["skipped"] = len(export.skipped)
        response = HttpResponse(export.text, content_type="text/plain; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="questions.gift.txt"'
    else:
        response = HttpResponse(
            export_moodle_xml(questions), content_type="application/xml; charset=utf-8"
        )
        response["Content-Disposition"] = 'attachment; filename="questions-moodle.xml"'
    audit_record(
        action=AuditAction.QUESTIONS_EXPORTED,
        actor=request.user,
        target=category,
        request=request,
        details=details,
    )
    return response

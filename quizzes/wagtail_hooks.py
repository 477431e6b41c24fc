"""The question bank in the Wagtail admin (snippets with revisions), and the trainers'
quiz tools: regrade, item statistics, import and export, and the essays to grade."""

from functools import wraps

import django_filters
from django.contrib.admin.utils import unquote
from django.db.models import ProtectedError
from django.shortcuts import get_object_or_404
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import chooser as snippet_chooser
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from courses.api import user_may_see_course_reports

from .admin_views import admin_urlpatterns
from .bank import (
    BankPermissionPolicy,
    QuestionCategoryForm,
    QuestionForm,
    bank_scope,
    refuse,
)
from .essay_admin import essay_urlpatterns, essays_waiting_for
from .models import Question, QuestionCategory, QuestionKind, QuizPage
from .permissions import user_may_manage_quiz
from .versions import question_versions_sync

# Before the viewsets: Wagtail looks the policies up when they are registered.
register_permission_policy(Question, BankPermissionPolicy(Question))
register_permission_policy(QuestionCategory, BankPermissionPolicy(QuestionCategory))


# --- Scope: every view of one question or category checks it --------------------------------

# The action each object view needs; any other view with a pk needs "change".
VIEW_ACTIONS = {
    snippet_views.DeleteView: "delete",
    snippet_views.CopyView: "view",
    snippet_views.UsageView: "view",
    snippet_views.InspectView: "view",
}


def _action_for(view_class) -> str:
    for base, action in VIEW_ACTIONS.items():
        if issubclass(view_class, base):
            return action
    return "change"


class ScopedChooserMixin:
    """Choosers list and return only what the user may read."""

    def get_object_list(self):
        return self.permission_policy_scoped(super().get_object_list())

    def get_object(self, pk):
        return self.permission_policy_scoped(self.model_class.objects.all()).get(pk=pk)

    def get_objects(self, pks):
        return self.permission_policy_scoped(self.model_class.objects.filter(pk__in=pks))

    def permission_policy_scoped(self, queryset):
        readable = BankPermissionPolicy(self.model_class).instances_user_has_permission_for(
            self.request.user, "choose"
        )
        return queryset.filter(pk__in=readable.values("pk"))


class ScopedChooseView(ScopedChooserMixin, snippet_chooser.ChooseView):
    pass


class ScopedChooseResultsView(ScopedChooserMixin, snippet_chooser.ChooseResultsView):
    pass


class ScopedChosenView(ScopedChooserMixin, snippet_chooser.SnippetChosenView):
    pass


class ScopedChosenMultipleView(ScopedChooserMixin, snippet_chooser.SnippetChosenMultipleView):
    pass


class ScopedChooserViewSet(snippet_chooser.SnippetChooserViewSet):
    choose_view_class = ScopedChooseView
    choose_results_view_class = ScopedChooseResultsView
    chosen_view_class = ScopedChosenView
    chosen_multiple_view_class = ScopedChosenMultipleView


class ProtectedDeleteView(snippet_views.DeleteView):
    """A question answered in attempts (or a category still holding questions or used by a
    quiz) cannot be deleted: say so instead of failing."""

    def post(self, request, *args, **kwargs):
        try:
            return super().post(request, *args, **kwargs)
        except ProtectedError:
            messages.error(request, self.protected_message())
            return self.render_to_response(self.get_context_data())

    def protected_message(self) -> str:
        if isinstance(self.object, Question):
            return _(
                "“%(name)s” cannot be deleted: learners have answered it in quiz attempts, "
                "or a quiz uses it. Its versions are kept for those attempts; move it to "
                "another category or stop using it in new quizzes instead."
            ) % {"name": self.object}
        return _(
            "“%(name)s” cannot be deleted while it holds sub-categories or questions, or a "
            "quiz draws from it."
        ) % {"name": self.object}


class BankViewSet(SnippetViewSet):
    """A snippet viewset whose every view keeps to the user's part of the bank."""

    chooser_viewset_class = ScopedChooserViewSet
    delete_view_class = ProtectedDeleteView

    def get_queryset(self, request):
        readable = BankPermissionPolicy(self.model).instances_user_has_permission_for(
            request.user, "view"
        )
        if self.model is Question:
            return readable.select_related("category")
        return readable.select_related("parent", "course")

    def construct_view(self, view_class, **kwargs):
        view = super().construct_view(view_class, **kwargs)
        action = _action_for(view_class)
        model = self.model

        @wraps(view)
        def scoped(request, *args, **view_kwargs):
            pk = view_kwargs.get("pk")
            if pk is not None:
                instance = get_object_or_404(model, pk=unquote(str(pk)))
                policy = BankPermissionPolicy(model)
                if not policy.user_has_permission_for_instance(request.user, action, instance):
                    return refuse(request)
            return view(request, *args, **view_kwargs)

        return scoped


class QuestionFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(label=_("Type"), choices=QuestionKind.choices)
    category = django_filters.ModelChoiceFilter(
        label=_("Category"),
        queryset=lambda request: bank_scope(request.user).readable_categories(),
    )

    class Meta:
        model = Question
        fields = ["kind", "language", "category"]


class QuestionViewSet(BankViewSet):
    model = Question
    icon = "help"
    menu_label = _("Questions")
    list_display = ["name", "kind", "category", "language", "marks"]
    filterset_class = QuestionFilterSet
    search_fields = ["name", "text"]
    edit_handler = ObjectList(Question.panels, base_form_class=QuestionForm)


class QuestionCategoryViewSet(BankViewSet):
    model = QuestionCategory
    icon = "folder-open-inverse"
    menu_label = _("Categories")
    list_display = ["full_name", "parent", "course"]
    edit_handler = ObjectList(QuestionCategory.panels, base_form_class=QuestionCategoryForm)


class QuestionBankGroup(SnippetViewSetGroup):
    items = (QuestionViewSet, QuestionCategoryViewSet)
    menu_icon = "help"
    menu_label = _("Question bank")
    menu_name = "question-bank"
    menu_order = 250


register_snippet(QuestionBankGroup)


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def version_saved_question(request, instance):
    """Every save of a question through the admin (edit, copy, revision revert) writes a
    new version when what learners see or are graded on changed."""
    if isinstance(instance, Question):
        question_versions_sync(question_ids=[instance.pk], user=request.user)


# --- Trainers' tools ----------------------------------------------------------------------


@hooks.register("register_admin_urls")
def register_quiz_admin_urls():
    return [
        path("quizzes/essays/", include((essay_urlpatterns(), "quizzes_essays"))),
        path("quizzes/", include((admin_urlpatterns(), "quizzes_admin"))),
    ]


class QuizzesMenuItem(MenuItem):
    def is_shown(self, request):
        return user_may_see_course_reports(request.user)


@hooks.register("register_reports_menu_item")
def register_quizzes_menu_item():
    return QuizzesMenuItem(
        _("Quizzes: statistics and regrade"),
        reverse("quizzes_admin:index"),
        name="quiz-tools",
        icon_name="help",
        order=110,
    )


# --- Essays to grade (quizzes.essay_admin) --------------------------------------------------


@hooks.register("register_admin_menu_item")
def register_essays_menu_item():
    return QuizzesMenuItem(
        _("Essays to grade"),
        reverse("quizzes_essays:queue"),
        name="essays-to-grade",
        icon_name="edit",
        order=255,
    )


class EssaysWaitingPanel(Component):
    """On the dashboard: how many essay answers wait for the user's grade (one count)."""

    name = "essays_waiting"
    order = 90
    template_name = "quizzes/admin/essays_panel.html"

    def __init__(self, count: int):
        self.count = count

    def get_context_data(self, parent_context=None):
        return {"count": self.count}


@hooks.register("construct_homepage_panels")
def essays_waiting_panel(request, panels):
    if user_may_see_course_reports(request.user):
        count = essays_waiting_for(request.user).count()
        if count:
            panels.append(EssaysWaitingPanel(count))


class QuizToolMenuItem(PageMenuItem):
    def is_shown(self, user):
        return user_may_manage_quiz(user=user, quiz=self.page.specific)


class QuizStatisticsMenuItem(QuizToolMenuItem):
    label = _("Item statistics")
    icon_name = "list-ul"
    url_name = "quizzes_admin:statistics"


class QuizRegradeMenuItem(QuizToolMenuItem):
    label = _("Regrade")
    icon_name = "resubmit"
    url_name = "quizzes_admin:regrade"


def _quiz_buttons(page, priority):
    if page.specific_class is not None and issubclass(page.specific_class, QuizPage):
        yield QuizStatisticsMenuItem(page=page, priority=priority)
        yield QuizRegradeMenuItem(page=page, priority=priority + 1)


@hooks.register("register_page_header_buttons")
def quiz_header_buttons(page, user, view_name=None, next_url=None):
    yield from _quiz_buttons(page, priority=67)


@hooks.register("register_page_listing_more_buttons")
def quiz_listing_buttons(page, user, next_url=None):
    yield from _quiz_buttons(page, priority=56)

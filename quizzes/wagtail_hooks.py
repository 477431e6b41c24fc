"""The question bank in the Wagtail admin (snippets with revisions), and the trainers'
quiz tools: regrade, item statistics, import and export."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from courses.reports import user_may_see_course_reports

from .admin_views import admin_urlpatterns
from .models import Question, QuestionCategory, QuizPage


class QuestionViewSet(SnippetViewSet):
    model = Question
    icon = "help"
    menu_label = _("Questions")
    list_display = ["name", "kind", "category", "language", "marks"]
    list_filter = ["kind", "language", "category"]
    search_fields = ["name", "text"]


class QuestionCategoryViewSet(SnippetViewSet):
    model = QuestionCategory
    icon = "folder-open-inverse"
    menu_label = _("Categories")
    list_display = ["full_name", "parent"]


class QuestionBankGroup(SnippetViewSetGroup):
    items = (QuestionViewSet, QuestionCategoryViewSet)
    menu_icon = "help"
    menu_label = _("Question bank")
    menu_name = "question-bank"
    menu_order = 250


register_snippet(QuestionBankGroup)


# --- Trainers' tools ----------------------------------------------------------------------


@hooks.register("register_admin_urls")
def register_quiz_admin_urls():
    return [path("quizzes/", include((admin_urlpatterns(), "quizzes_admin")))]


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


class QuizToolMenuItem(PageMenuItem):
    def is_shown(self, user):
        from .services import user_may_manage_quiz

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

"""Surveys and pre/post tests in the Wagtail admin, as snippets, for those who hold their
model permissions (senior trainers and administrators)."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import KnowledgeTest, Survey


class SurveyViewSet(SnippetViewSet):
    model = Survey
    icon = "form"
    menu_label = _("Surveys")
    list_display = ["title", "level", "course", "training", "anonymous", "is_open"]
    list_filter = ["level", "anonymous", "is_open"]


class KnowledgeTestViewSet(SnippetViewSet):
    model = KnowledgeTest
    icon = "tasks"
    menu_label = _("Pre- and post-tests")
    list_display = ["__str__", "pre_test", "post_test"]


class EvaluationGroup(SnippetViewSetGroup):
    items = (SurveyViewSet, KnowledgeTestViewSet)
    menu_icon = "form"
    menu_label = _("Evaluation")
    menu_order = 330


register_snippet(EvaluationGroup)

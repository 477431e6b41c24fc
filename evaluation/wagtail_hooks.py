"""Surveys in the Wagtail admin, as snippets, for those who hold the surveys' model
permissions (senior trainers and administrators)."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Survey


class SurveyViewSet(SnippetViewSet):
    model = Survey
    icon = "form"
    menu_label = _("Surveys")
    menu_order = 330
    add_to_admin_menu = True
    list_display = ["title", "level", "course", "training", "anonymous", "is_open"]
    list_filter = ["level", "anonymous", "is_open"]


register_snippet(SurveyViewSet)

"""The transliteration glossary in the Wagtail admin (a snippet: trainers keep it), and
the report of words the transliteration rules changed."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_views
from .models import GlossaryEntry


class GlossaryEntryViewSet(SnippetViewSet):
    model = GlossaryEntry
    icon = "openquote"
    menu_label = _("Transliteration glossary")
    add_to_admin_menu = False
    list_display = ["latin", "cyrillic", "kind", "note"]
    list_filter = ["kind"]
    search_fields = ["latin", "cyrillic", "note"]
    ordering = ["latin"]


register_snippet(GlossaryEntryViewSet)


@hooks.register("register_admin_urls")
def register_report_url():
    return [
        path(
            "transliteration/report/",
            admin_views.TransliterationReportView.as_view(),
            name="serbian_transliteration_report",
        )
    ]


class _ReportMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.may_see_report(request.user)


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return _ReportMenuItem(
        _("Transliteration to review"),
        reverse("serbian_transliteration_report"),
        icon_name="openquote",
        order=900,
    )

"""Case law in the Wagtail admin: the vocabularies and courts as snippets, the anonymity
warning after saving a case, and the import of cases."""

from django.contrib import messages
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import admin_views
from .anonymity import case_anonymity_warnings
from .models import Act, CasePage, Country, Court, ExploitationForm, LegalIssue, Means, Sector


class _TermViewSet(SnippetViewSet):
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name", "slug"]
    ordering = ["sort_order", "name"]


def _term_viewset(term_model, icon_name):
    return type(
        f"{term_model.__name__}ViewSet",
        (_TermViewSet,),
        {"model": term_model, "icon": icon_name},
    )


class CourtViewSet(SnippetViewSet):
    model = Court
    icon = "site"
    list_display = ["name", "short_name", "country", "level"]
    list_filter = ["level"]
    search_fields = ["name", "short_name"]


class CaseLawVocabularies(SnippetViewSetGroup):
    menu_label = _("Case-law vocabularies")
    menu_icon = "tag"
    menu_order = 310
    items = (
        CourtViewSet,
        _term_viewset(Country, "globe"),
        _term_viewset(Act, "tag"),
        _term_viewset(Means, "tag"),
        _term_viewset(ExploitationForm, "tag"),
        _term_viewset(Sector, "tag"),
        _term_viewset(LegalIssue, "tag"),
    )


register_snippet(CaseLawVocabularies)


def _warn_about_names(request, page):
    if not isinstance(page.specific_deferred, CasePage):
        return
    for warning in case_anonymity_warnings(page.specific_deferred):
        messages.warning(
            request,
            gettext(
                "This may be a person's full name; records use initials or the court's "
                "pseudonym. Check: %(where)s"
            )
            % {"where": warning},
        )


@hooks.register("after_create_page")
def warn_about_names_after_create(request, page):
    _warn_about_names(request, page)


@hooks.register("after_edit_page")
def warn_about_names_after_edit(request, page):
    _warn_about_names(request, page)


@hooks.register("register_admin_urls")
def register_case_import_urls():
    return admin_views.admin_urls()


class CaseImportMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.user_may_import_cases(request.user)


@hooks.register("register_admin_menu_item")
def register_case_import_menu_item():
    return CaseImportMenuItem(
        _("Import cases"),
        reverse("caselaw_import"),
        name="caselaw-import",
        icon_name="folder-open-inverse",
        order=320,
    )

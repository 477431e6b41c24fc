"""The case-law library page: the faceted search over the cases below it, rendered by
caselaw.library and cached through pagecache. It sits above the search it serves
(caselaw.library, caselaw.selectors, caselaw.models.cases), which never imports it."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from pagecache.api import serve_page
from serbian.api import SerbianScriptsPageMixin

from ..caching import LIBRARY
from ..library import case_library_html, library_query_is_shareable


class CaseIndexPage(SerbianScriptsPageMixin, Page):
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, *SerbianScriptsPageMixin.search_fields_scripts]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["caselaw.CasePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("case-law library")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["library"] = case_library_html(request=request, index=self)
        return context

    def serve(self, request, *args, **kwargs):
        """Through pagecache: the whole page for each filter combination the form accepts
        (its query string as sent), out of date with any change to the library."""
        if getattr(request, "is_preview", False):
            return super().serve(request, *args, **kwargs)
        return serve_page(
            page=self,
            request=request,
            whole_tree=False,
            also_depends_on={LIBRARY},
            query_ok=library_query_is_shareable(request.GET),
        )

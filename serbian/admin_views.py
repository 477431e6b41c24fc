"""The report of transliterated words to review, for those who keep the glossary."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from .report import DictionaryMissing, words_to_review


def may_see_report(user) -> bool:
    return user.is_active and user.has_perm("serbian.change_glossaryentry")


class TransliterationReportView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "serbian/admin/transliteration_report.html"
    page_title = _("Transliteration to review")
    header_icon = "openquote"

    def dispatch(self, request, *args, **kwargs):
        if not may_see_report(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        try:
            context["words"] = words_to_review()
        except DictionaryMissing as missing:
            context["words"], context["problem"] = [], str(missing)
        return context

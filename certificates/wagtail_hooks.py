"""Certificates in the Wagtail admin: signatories (administrators) and a way to the staff
screens (revoking, reissuing, ZIP downloads), which live under /<lang>/manage/certificates/."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Signatory
from .selectors import viewer_may_see_certificates_admin


class SignatoryViewSet(SnippetViewSet):
    model = Signatory
    icon = "edit"
    menu_label = _("Signatories")
    menu_name = "certificate-signatories"
    add_to_settings_menu = True
    list_display = ["name", "title", "sort_order", "is_active"]
    ordering = ["sort_order", "pk"]


register_snippet(SignatoryViewSet)


class CertificatesMenuItem(MenuItem):
    def is_shown(self, request):
        return viewer_may_see_certificates_admin(viewer=request.user)


@hooks.register("register_admin_menu_item")
def register_certificates_menu_item():
    return CertificatesMenuItem(
        _("Certificates"),
        reverse("certificates_manage:list"),
        icon_name="doc-full",
        order=560,
        name="certificates",
    )

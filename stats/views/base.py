"""What every statistics admin view shares: the viewer's scope (or 403), the breadcrumbs."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from ..selectors import stats_scope_for


def own_row(model, request, value: str):
    """The viewer's own row with the id given in a form, or None. An id that is not a
    number (or too long for the database) names nothing, like an unknown one."""
    value = value.strip()
    if not (value.isascii() and value.isdigit()) or len(value) > 18:
        return None
    return model.objects.filter(pk=int(value), user=request.user).first()


def scope_or_403(request):
    scope = stats_scope_for(viewer=request.user)
    if scope is None:
        raise PermissionDenied
    return scope


class StatsAdminView(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        self.scope = scope_or_403(request)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("stats_admin:dashboard"), "label": _("Statistics")},
            {"url": "", "label": self.get_page_title()},
        ]

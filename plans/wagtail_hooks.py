"""Training plans in the Wagtail admin: a way to the screens where administrators and
institution managers write and follow them (under /<lang>/manage/plans/)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .selectors import viewer_may_plan


class PlansMenuItem(MenuItem):
    def is_shown(self, request):
        return viewer_may_plan(viewer=request.user)


@hooks.register("register_admin_menu_item")
def register_plans_menu_item():
    return PlansMenuItem(
        _("Training plans"), reverse("plans:list"), icon_name="tasks", order=555, name="plans"
    )

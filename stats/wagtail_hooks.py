"""Statistics in the Wagtail admin: /admin/stats/ (dashboard, API tokens, subscriptions)."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from . import views
from .selectors import stats_scope_for


@hooks.register("register_admin_urls")
def register_stats_urls():
    return [path("stats/", include((views.urlpatterns, "stats_admin")))]


class StatsMenuItem(MenuItem):
    def is_shown(self, request):
        return stats_scope_for(viewer=request.user) is not None


stats_menu = Menu(
    register_hook_name="register_stats_menu_item", construct_hook_name="construct_stats_menu"
)


@hooks.register("register_stats_menu_item")
def register_dashboard_item():
    return StatsMenuItem(
        _("Dashboard"),
        reverse("stats_admin:dashboard"),
        name="stats-dashboard",
        icon_name="table",
        order=100,
    )


@hooks.register("register_stats_menu_item")
def register_tokens_item():
    return StatsMenuItem(
        _("API tokens"),
        reverse("stats_admin:tokens"),
        name="stats-tokens",
        icon_name="key",
        order=200,
    )


@hooks.register("register_stats_menu_item")
def register_subscriptions_item():
    return StatsMenuItem(
        _("Report subscriptions"),
        reverse("stats_admin:subscriptions"),
        name="stats-subscriptions",
        icon_name="mail",
        order=300,
    )


class StatsSubmenuItem(SubmenuMenuItem):
    def is_shown(self, request):
        return stats_scope_for(viewer=request.user) is not None


@hooks.register("register_admin_menu_item")
def register_stats_menu():
    return StatsSubmenuItem(
        _("Statistics"), stats_menu, name="statistics", icon_name="table", order=250
    )

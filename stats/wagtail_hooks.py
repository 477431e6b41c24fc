"""Statistics in the Wagtail admin: /admin/stats/ (dashboard, API tokens, subscriptions, programme
reports)."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from rest_framework.authentication import SessionAuthentication
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet

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


@hooks.register("register_stats_menu_item")
def register_programme_reports_item():
    return StatsMenuItem(
        _("Programme reports"),
        reverse("stats_admin:programme_reports"),
        name="stats-programme-reports",
        icon_name="doc-full",
        order=400,
    )


class StatsSubmenuItem(SubmenuMenuItem):
    def is_shown(self, request):
        return stats_scope_for(viewer=request.user) is not None


@hooks.register("register_admin_menu_item")
def register_stats_menu():
    return StatsSubmenuItem(
        _("Statistics"), stats_menu, name="statistics", icon_name="table", order=250
    )


# --- Wagtail's own admin API ------------------------------------------------------------------
# The REST framework's default authentication is the statistics API's bearer token only
# (config/settings/base.py). Wagtail's admin API for pages names its session authentication
# itself; the one for images and documents relies on the default, so it is named here
# (after Wagtail's own hooks, which register the endpoints first).


class SessionImagesAdminAPIViewSet(ImagesAdminAPIViewSet):
    authentication_classes = [SessionAuthentication]


class SessionDocumentsAdminAPIViewSet(DocumentsAdminAPIViewSet):
    authentication_classes = [SessionAuthentication]


@hooks.register("construct_admin_api", order=100)
def admin_api_by_session(router):
    router.register_endpoint("images", SessionImagesAdminAPIViewSet)
    router.register_endpoint("documents", SessionDocumentsAdminAPIViewSet)

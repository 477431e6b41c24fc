"""Who may enter the Wagtail admin, and what someone who may not is shown.

Wagtail answers a signed-in person without admin access by sending them to sign in; the
sign-in page sends a signed-in person back where they came from, and the two loop. Here such a
person gets a 403 page instead (in their language, with a link home); people who are not
signed in are still sent to sign in by Wagtail.

Wagtail also answers a staff member who lacks one permission by redirecting to the dashboard
with a message. A redirect is not recognisably a refusal (a write that succeeded redirects
too), so that becomes a 403 as well.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils import translation
from wagtail.admin import auth

from home.api import forbidden

# Admin URLs that Wagtail itself serves to everyone (sign-in and sign-out, the script
# catalogue and icon sprite its pages load, password-reset forms that only redirect).
OPEN_ADMIN_URL_NAMES = {
    "wagtailadmin_login_redirect",
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
}
OPEN_ADMIN_URL_PREFIXES = ("wagtailadmin_password_reset",)


def user_may_enter_admin(user) -> bool:
    return bool(user.is_authenticated and user.has_perm("wagtailadmin.access_admin"))


def admin_url_is_open(url_name: str | None) -> bool:
    return bool(url_name) and (
        url_name in OPEN_ADMIN_URL_NAMES or url_name.startswith(OPEN_ADMIN_URL_PREFIXES)
    )


class AdminAccessMiddleware:
    """/admin/ for a signed-in person without admin access: a 403 page, not a sign-in loop."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.path_info.startswith("/admin/"):
            return None
        user = request.user
        if not user.is_authenticated or user_may_enter_admin(user):
            return None
        match = request.resolver_match
        if admin_url_is_open(match.url_name if match else None):
            return None
        # /admin/ has no language prefix: the page speaks the person's own language.
        with translation.override(user.preferred_language or translation.get_language()):
            return forbidden(request, admin_area=True)


def _refuse(request):
    raise PermissionDenied


def admin_refusals_as_403() -> None:
    """Make Wagtail's "permission denied" (a redirect to the dashboard) raise PermissionDenied,
    which Django answers with the site's 403 page (`handler403`). Wagtail's admin-access
    decorator looks the function up in its module at each call, so replacing it there is
    enough; called once from AccountsConfig.ready()."""
    auth.permission_denied = _refuse

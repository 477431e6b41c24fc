"""Staff must pass a second factor before they reach the admin or any statistics."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from .mfa import session_has_mfa, user_has_mfa

# Paths that show content authoring or other people's data.
STAFF_PATH_PREFIXES = ("/admin/", "/stats/", "/manage/")
# Pages a staff member needs in order to set MFA up.
EXEMPT_PATH_PREFIXES = ("/admin/logout/",)


def path_needs_staff_mfa(path: str) -> bool:
    # Strip the language prefix: /sr-latn/manage/… is /manage/…
    parts = path.split("/", 2)
    if len(parts) > 2 and parts[1] in {"sr-latn", "sr", "en"}:
        path = "/" + parts[2]
    if path.startswith(EXEMPT_PATH_PREFIXES):
        return False
    return path.startswith(STAFF_PATH_PREFIXES)


class StaffMFARequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # The path test comes first: it keeps the session (a database read) untouched
        # on every other request.
        if not path_needs_staff_mfa(request.path):
            return self.get_response(request)
        user = request.user
        if user.is_authenticated and user.is_staff_role and not session_has_mfa(request):
            if user_has_mfa(user):
                # MFA exists but this session never passed it: sign in again.
                logout(request)
                messages.warning(request, _("Please sign in again with your second factor."))
                return redirect_to_login(request.get_full_path())
            messages.warning(
                request,
                _(
                    "Your role gives you access to other people's data. Set up "
                    "two-factor authentication to continue."
                ),
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)

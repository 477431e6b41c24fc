"""Signing out empties the device: the browser drops every offline copy, queued record
and the service worker (Clear-Site-Data), whatever the page's JavaScript managed first.

A signed-in reader's pages also name their reader (`X-Offline-Learner`, the opaque name of
offline.sync.learner_token): the service worker refreshes a saved page from the network only
with a page for the same learner, never with what an anonymous reader (a session that ended)
or another learner on the same device is shown."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from .sync import learner_token

LOGOUT_VIEW = "account_logout"
CLEAR_SITE_DATA = '"cache", "storage"'
LEARNER_HEADER = "X-Offline-Learner"


def signed_out(request: HttpRequest, response: HttpResponse) -> bool:
    """The response to a sign-out that went through (allauth's logout POST)."""
    match = getattr(request, "resolver_match", None)
    return (
        request.method == "POST"
        and match is not None
        and match.view_name == LOGOUT_VIEW
        and response.status_code < 400
    )


class ClearSiteDataOnSignOutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if signed_out(request, response):
            response["Clear-Site-Data"] = CLEAR_SITE_DATA
        elif _is_page(request, response):
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated:
                response[LEARNER_HEADER] = learner_token(user)
        return response


def _is_page(request: HttpRequest, response: HttpResponse) -> bool:
    """A page a learner may save (HTML answered to a GET with a session): the reader was
    already read for it, so naming them costs nothing more."""
    return (
        request.method == "GET"
        and response.status_code == 200
        and settings.SESSION_COOKIE_NAME in request.COOKIES
        and response.get("Content-Type", "").startswith("text/html")
    )

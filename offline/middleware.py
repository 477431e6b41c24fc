"""Signing out empties the device: the browser drops every offline copy, queued record
and the service worker (Clear-Site-Data), whatever the page's JavaScript managed first."""

from django.http import HttpRequest, HttpResponse

LOGOUT_VIEW = "account_logout"
CLEAR_SITE_DATA = '"cache", "storage"'


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
        return response

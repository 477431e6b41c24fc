"""How the statistics API knows and limits its callers: a personal bearer token, the only
authentication the REST framework accepts (settings.REST_FRAMEWORK), and two throttles on
the shared cache (Redis in production): one per token, one per client address.

Kept apart from the API views so that the framework's settings can name these classes
without importing the views (which are built on those settings)."""

from __future__ import annotations

from django.utils import formats
from rest_framework import authentication, exceptions, throttling
from rest_framework.settings import api_settings

from audit.api import client_ip

from .services import TokenExpired, api_token_authenticate


class BearerTokenAuthentication(authentication.BaseAuthentication):
    """`Authorization: Bearer st_…` with a personal token made in the admin."""

    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].decode(errors="replace").lower() != self.keyword.lower():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed("Give one token after 'Bearer'.")
        try:
            key = header[1].decode()
        except UnicodeDecodeError as error:
            raise exceptions.AuthenticationFailed("The token is not valid.") from error
        try:
            token = api_token_authenticate(key)
        except TokenExpired as expired:
            day = formats.date_format(expired.expires_at, "Y-m-d")
            raise exceptions.AuthenticationFailed(
                f"The token expired on {day}. Make a new one under Statistics → API tokens."
            ) from expired
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed("The token is not valid or has been revoked.")
        return token.user, token

    def authenticate_header(self, request):
        return f'{self.keyword} realm="statistics"'


class _SettingsRate:
    """The rate read from the settings at each request (the framework reads it once, at
    import), so that changing REST_FRAMEWORK takes effect."""

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class AddressRateThrottle(_SettingsRate, throttling.SimpleRateThrottle):
    """Requests per client address (as the audit log and allauth see it, behind the
    trusted proxies), whoever they claim to be. Rate: DEFAULT_THROTTLE_RATES["address"]."""

    scope = "address"

    def get_cache_key(self, request, view):
        ident = client_ip(request) or request.META.get("REMOTE_ADDR", "")
        return self.cache_format % {"scope": self.scope, "ident": ident}


class TokenRateThrottle(_SettingsRate, throttling.SimpleRateThrottle):
    """Requests per personal token. Rate: DEFAULT_THROTTLE_RATES["token"]."""

    scope = "token"

    def get_cache_key(self, request, view):
        token = getattr(request, "auth", None)
        if token is None or not getattr(token, "pk", None):
            return None
        return self.cache_format % {"scope": self.scope, "ident": token.pk}

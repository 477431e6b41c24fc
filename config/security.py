"""Response headers that tell browsers what a page may load, embed and be embedded in.

The public site runs under a strict Content Security Policy (no inline scripts or style
elements: every script and stylesheet is a static file). The Wagtail admin still ships some
inline script and style, so /admin/ gets the same policy relaxed for those two, and may frame
itself (page previews); nothing else on the site may be framed by anyone.
"""

from __future__ import annotations

import http.client as http_client

from csp.constants import HEADER, HEADER_REPORT_ONLY, SELF, UNSAFE_INLINE
from csp.middleware import CheckableLazyObject, CSPMiddleware, PolicyParts
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

ADMIN_PREFIXES = ("/admin/",)

ADMIN_POLICY_UPDATE = {
    "script-src": [UNSAFE_INLINE],
    "style-src": [UNSAFE_INLINE],
    "img-src": ["blob:"],
}
ADMIN_POLICY_REPLACE = {"frame-ancestors": [SELF]}

PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


# A response whose policy nothing changes (no nonce, no view decorator, not the admin)
# carries the policy of the settings alone: built once per process, not twice a request.
PER_RESPONSE_ATTRIBUTES = (
    "_csp_config",
    "_csp_update",
    "_csp_replace",
    "_csp_exempt",
    "_csp_config_ro",
    "_csp_update_ro",
    "_csp_replace_ro",
    "_csp_exempt_ro",
)
_settings_policies: dict[bool, str] = {}


def settings_policy(*, report_only: bool) -> str:
    """The policy (or report-only policy) of the settings, as django-csp builds it."""
    policy = _settings_policies.get(report_only)
    if policy is None:
        policy = _settings_policies[report_only] = build_policy(report_only=report_only)
    return policy


@receiver(setting_changed)
def _forget_settings_policies(*, setting, **kwargs):
    if setting.startswith("CONTENT_SECURITY_POLICY"):
        _settings_policies.clear()


def is_admin_path(path: str) -> bool:
    return path.startswith(ADMIN_PREFIXES)


class SecurityHeadersMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's relaxations and a Permissions-Policy."""

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if is_admin_path(request.path_info):
            parts.update = {**ADMIN_POLICY_UPDATE, **(parts.update or {})}
            parts.replace = {**ADMIN_POLICY_REPLACE, **(parts.replace or {})}
            # A nonce would make browsers ignore 'unsafe-inline'.
            parts.nonce = None
        return parts

    def process_response(self, request, response):
        if self._policy_of_settings_alone(request, response):
            self._set_settings_policies(request, response)
        else:
            response = super().process_response(request, response)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if "Content-Security-Policy" in response.headers:
            # Where the policy's report-to sends violations (the Reporting API wants an
            # absolute address).
            endpoint = request.build_absolute_uri(settings.CSP_REPORT_PATH)
            response.headers.setdefault(
                "Reporting-Endpoints", f'{settings.CSP_REPORTING_ENDPOINT}="{endpoint}"'
            )
        return response

    @staticmethod
    def _policy_of_settings_alone(request, response) -> bool:
        debug_page = settings.DEBUG and response.status_code in (
            http_client.INTERNAL_SERVER_ERROR,
            http_client.NOT_FOUND,
        )
        return not (
            debug_page
            or is_admin_path(request.path_info)
            or getattr(request, "_csp_nonce", None) is not None
            or HEADER in response
            or HEADER_REPORT_ONLY in response
            or any(hasattr(response, name) for name in PER_RESPONSE_ATTRIBUTES)
        )

    def _set_settings_policies(self, request, response) -> None:
        """What django-csp's process_response does for such a response, with the
        policies built once."""
        for report_only, header, setting in (
            (False, HEADER, "CONTENT_SECURITY_POLICY"),
            (True, HEADER_REPORT_ONLY, "CONTENT_SECURITY_POLICY_REPORT_ONLY"),
        ):
            policy = settings_policy(report_only=report_only)
            excluded = (getattr(settings, setting, None) or {}).get("EXCLUDE_URL_PREFIXES") or ()
            if policy and not request.path_info.startswith(tuple(excluded)):
                response[header] = policy
        # As django-csp: a nonce asked for after the header is written is an error.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)

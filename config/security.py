"""Response headers that tell browsers what a page may load, embed and be embedded in.

The public site runs under a strict Content Security Policy (no inline scripts or style
elements: every script and stylesheet is a static file). The Wagtail admin still ships some
inline script and style, so /admin/ gets the same policy relaxed for those two, and may frame
itself (page previews); nothing else on the site may be framed by anyone.
"""

from __future__ import annotations

from csp.constants import SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings

ADMIN_PREFIXES = ("/admin/",)

ADMIN_POLICY_UPDATE = {
    "script-src": [UNSAFE_INLINE],
    "style-src": [UNSAFE_INLINE],
    "img-src": ["blob:"],
}
ADMIN_POLICY_REPLACE = {"frame-ancestors": [SELF]}

PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


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

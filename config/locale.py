"""Django's LocaleMiddleware, minus one guess that misfires on this site.

On a 404, Django redirects /x/ to /<language>/x/ whenever that path resolves. Wagtail's page
route under the language prefix resolves every path, so a missing admin screen, document or
API address became a redirect into the site instead of a 404. Paths that live outside
`i18n_patterns` keep their 404.
"""

from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers

UNPREFIXED_PATHS = ("/admin/", "/documents/", "/api/", "/i18n/", "/healthz")


class LocaleMiddleware(DjangoLocaleMiddleware):
    def process_response(self, request, response):
        if response.status_code == 404 and request.path_info.startswith(UNPREFIXED_PATHS):
            patch_vary_headers(response, ("Accept-Language",))
            response.headers.setdefault("Content-Language", translation.get_language())
            return response
        return super().process_response(request, response)

"""The library page's results (search form, facets, one page of cases), rendered once
per filter combination, language (hence script) and release, and cached under the
library's version (caselaw.caching).

Nothing in the fragment depends on the reader: it is built from the URL's parameters
only (unknown ones dropped), so anonymous readers, learners and staff share it. The page
around it (header, menus, Wagtail's user bar) is rendered per request as before. An
address with a filter the form rejects is rendered every time and never stored, so its
message always shows and a typo cannot fill the cache.
"""

from __future__ import annotations

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from .caching import FRAGMENT_TIMEOUT, library_fragment_key, library_params
from .parameters import LIBRARY_PARAMETERS
from .selectors import case_search, case_search_errors

FRAGMENT_TEMPLATE = "caselaw/_library.html"


def case_library_html(*, request, index) -> SafeString:
    """The rendered results for `request.GET`, from the cache when possible."""
    params = library_params(request.GET)
    key = library_fragment_key(
        index_id=index.pk,
        language=get_language() or "",
        host=request.get_host(),
        params=params,
    )
    html = cache.get(key)
    if html is not None:
        return mark_safe(html)  # noqa: S308 - our own rendering, stored as it was made
    search = case_search(params=params, index=index)
    html = render_to_string(
        FRAGMENT_TEMPLATE,
        # No context processors: nothing per reader. `request` only lets {% pageurl %}
        # pick relative URLs for the request's site (the host is in the key).
        {"page": index, "search": search, "params": params, "request": request},
    )
    if not search.errors:
        cache.set(key, str(html), FRAGMENT_TIMEOUT)
    return mark_safe(html)  # noqa: S308


def library_query_is_shareable(params) -> bool:
    """May the page for these parameters be cached as a whole? Only when the form accepts
    them all and none is foreign (`?utm_source=…` would split the cache for nothing)."""
    if any(key not in LIBRARY_PARAMETERS for key in params):
        return False
    return not case_search_errors(params=library_params(params))

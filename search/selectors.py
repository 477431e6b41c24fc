"""Site search (reads): courses and lessons, in whichever script the query and content are in.

Pages index their text also in Latin and without diacritics (serbian.pages); the query
is turned into Latin here, so "трговина", "trgovina" and "zrtve" all find content
written as "Trgovina … žrtve" or "Трговина … жртве".
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import get_language
from wagtail.models import Locale, Page, PageViewRestriction
from wagtail.query import PageQuerySet

from courses.api import course_paths_hidden_from
from serbian.api import to_latin

MAX_QUERY_LENGTH = 200
MAX_RESULTS = 200


@dataclass
class SearchHit:
    page: Page
    kind: str


def _content_locale() -> Locale:
    try:
        return Locale.get_active()
    except Locale.DoesNotExist:
        return Locale.get_default()


def pages_readable_by(pages: PageQuerySet, *, request) -> PageQuerySet:
    """`pages` without those under a Wagtail view restriction (privacy setting) the reader
    has not passed: anonymous readers get public pages only; signed-in readers also pages
    restricted to signed-in people, to groups they are in, or by a password they gave in this
    session (Wagtail's own test, `accept_request`)."""
    if not request.user.is_authenticated:
        return pages.public()
    for restriction in PageViewRestriction.objects.select_related("page").prefetch_related(
        "groups"
    ):
        if not restriction.accept_request(request):
            pages = pages.not_descendant_of(restriction.page, inclusive=True)
    return pages


def site_search(*, query: str, request) -> list[SearchHit]:
    """Live pages of the reader's content language matching every word of `query`,
    without pages the reader may not open: view-restricted ones they have not passed and
    those of restricted courses not meant for them (best first)."""
    user = request.user
    query = " ".join(query.split())[:MAX_QUERY_LENGTH]
    if not query:
        return []
    latin = to_latin(query) if get_language() in ("sr", "sr-latn") else query
    pages = pages_readable_by(Page.objects.live().filter(locale=_content_locale()), request=request)
    results = list(pages.specific().search(latin, operator="and")[:MAX_RESULTS])
    hidden = course_paths_hidden_from(user=user)
    return [
        SearchHit(page=page, kind=str(page._meta.verbose_name))
        for page in results
        if page.depth > 2 and not any(page.path.startswith(path) for path in hidden)
    ]

"""Site search: courses and lessons, in whichever script the query and content are in.

Pages index their text also in Latin and without diacritics (serbian.pages); the query
is turned into Latin here, so "трговина", "trgovina" and "zrtve" all find content
written as "Trgovina … žrtve" or "Трговина … жртве".
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import get_language
from wagtail.models import Locale, Page

from courses.models import CoursePage
from courses.selectors import course_is_visible_to
from serbian.transliteration import to_latin

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


def site_search(*, query: str, user) -> list[SearchHit]:
    """Live pages of the reader's content language matching every word of `query`,
    without pages of restricted courses the reader may not see (best first)."""
    query = " ".join(query.split())[:MAX_QUERY_LENGTH]
    if not query:
        return []
    latin = to_latin(query) if get_language() in ("sr", "sr-latn") else query
    results = list(
        Page.objects.live()
        .filter(locale=_content_locale())
        .specific()
        .search(latin, operator="and")[:MAX_RESULTS]
    )
    hidden = [
        course.path
        for course in CoursePage.objects.live()
        .filter(access="restricted")
        .prefetch_related("restricted_institutions")
        if not course_is_visible_to(course=course, user=user)
    ]
    return [
        SearchHit(page=page, kind=str(page._meta.verbose_name))
        for page in results
        if page.depth > 2 and not any(page.path.startswith(path) for path in hidden)
    ]

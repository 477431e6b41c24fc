from django import template
from django.core.cache import cache
from django.utils.translation import get_language
from wagtail.models import Locale

from courses.models import CourseIndexPage

register = template.Library()


@register.simple_tag(takes_context=True)
def course_catalogue_url(context) -> str:
    """The catalogue's URL in the active language; cached, since every page's menu shows it."""
    language = get_language()
    key = f"course-catalogue-url:{language}"
    url = cache.get(key)
    if url is None:
        index = (
            CourseIndexPage.objects.live().filter(locale=Locale.get_active()).first()
            or CourseIndexPage.objects.live().first()
        )
        url = index.get_url(context.get("request")) if index else ""
        cache.set(key, url, 300)
    return url

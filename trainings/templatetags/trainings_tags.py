from django import template
from django.core.cache import cache
from django.utils.translation import get_language
from wagtail.models import Locale

from ..models import TrainingIndexPage

register = template.Library()


@register.simple_tag(takes_context=True)
def training_calendar_url(context) -> str:
    """The training calendar's URL in the active language ("" when there is none); cached,
    since every page's menu shows it."""
    key = f"training-calendar-url:{get_language()}"
    url = cache.get(key)
    if url is None:
        index = (
            TrainingIndexPage.objects.live().filter(locale=Locale.get_active()).first()
            or TrainingIndexPage.objects.live().first()
        )
        url = index.get_url(context.get("request")) if index else ""
        cache.set(key, url, 300)
    return url

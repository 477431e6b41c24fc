"""Each interface language named in itself, with the BCP 47 tag of that name.

    {% load language_names %}
    {% own_language_names as languages %}
    {% for code, name, lang in languages %}<button lang="{{ lang }}">{{ name }}</button>{% endfor %}

`{% get_available_languages %}` translates the names into the current language ("Engleski"
on a Serbian page); a language's own name belongs in that language: "English".
"""

from django import template
from django.conf import settings

register = template.Library()

# The script is part of the tag: screen readers and hyphenation need it.
NAME_LANG = {"sr-latn": "sr-Latn", "sr": "sr-Cyrl", "en": "en"}


@register.simple_tag
def own_language_names() -> list[tuple[str, str, str]]:
    """(code, own name, lang of that name) for every interface language, in order."""
    return [(code, str(name), NAME_LANG.get(code, code)) for code, name in settings.LANGUAGES]

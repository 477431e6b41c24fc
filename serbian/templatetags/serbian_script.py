"""Serbian content in the reader's script.

    {% load serbian_script %}
    {{ page.title|script }}
    {% script %}{% for block in page.body %}{% include_block block %}{% endfor %}{% endscript %}

Content is authored once, in either script; a reader under `/sr/` sees Cyrillic and a
reader under `/sr-latn/` sees Latin. HTML tags, URLs, codes, case numbers, acronyms and
author-marked spans are left as written (serbian.transliteration). Wrap content, never a
person's name: names are shown as the person wrote them.
"""

from django import template
from django.utils.safestring import mark_safe

from serbian.transliteration import for_reader

register = template.Library()


@register.filter(is_safe=True)
def script(value):
    """A value (a title, a summary) in the reader's script."""
    if not isinstance(value, str):
        value = "" if value is None else str(value)
    return for_reader(value)


class ScriptNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        # The nodelist's output is already escaped HTML; transliteration keeps tags intact.
        return mark_safe(for_reader(self.nodelist.render(context)))  # noqa: S308


@register.tag("script")
def script_block(parser, token):
    """Everything between {% script %} and {% endscript %} in the reader's script."""
    nodelist = parser.parse(("endscript",))
    parser.delete_first_token()
    return ScriptNode(nodelist)

"""Serbian content in the reader's script.

    {% load serbian_script %}
    {{ page.title|script }}
    {{ certificate.serial|code }}
    {% script %}{% for block in page.body %}{% include_block block %}{% endfor %}{% endscript %}

Content is authored once, in either script; a reader under `/sr/` sees Cyrillic and a
reader under `/sr-latn/` sees Latin. HTML tags, URLs, codes, case numbers, acronyms and
author-marked spans are left as written (serbian.transliteration). Wrap content, never a
person's name: names are shown as the person wrote them. Codes (serials, verification
codes, institution codes, case numbers, any value of a code field) go through `code`:
they are marked so that no transliteration touches them, in whatever {% script %} block
the template is included.
"""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from serbian.transliteration import for_reader

register = template.Library()


@register.filter(is_safe=True)
def script(value):
    """A value (a title, a summary) in the reader's script."""
    if not isinstance(value, str):
        value = "" if value is None else str(value)
    return for_reader(value)


@register.filter(is_safe=True)
def code(value):
    """A code value, never transliterated: `<span translate="no">CT-2026-000001</span>`
    (`translate="no"` also tells browsers' translators to leave it)."""
    if value is None or value == "":
        return ""
    return format_html('<span translate="no" class="code-value">{}</span>', value)


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

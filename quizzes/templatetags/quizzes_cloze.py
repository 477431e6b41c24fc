"""The text of a cloze question with its gaps in place:

    {% load quizzes_cloze %}{% cloze_text q readonly %}

The text (already without its answers: `cloze_pages.text_with_markers`) is rendered as any
question text is (Wagtail rich text, in the reader's script); each marker is then replaced
by its gap (`quizzes/_cloze_gap.html`)."""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from wagtail.templatetags.wagtailcore_tags import richtext

from quizzes.cloze_pages import MARKER_PATTERN
from serbian.api import for_reader

register = template.Library()


@register.simple_tag
def cloze_text(q, readonly=False):
    gaps = {gap.number: gap for gap in q.gaps}
    html = for_reader(str(richtext(q.text)))

    def gap_html(match):
        gap = gaps.get(int(match.group(1)))
        if gap is None:
            return ""
        return render_to_string(
            "quizzes/_cloze_gap.html", {"q": q, "gap": gap, "readonly": readonly}
        ).strip()

    # The text is the trainer's rich text, trusted as every question text is; the gaps
    # are rendered by a template, which escapes what they show.
    return mark_safe(MARKER_PATTERN.sub(gap_html, html))  # noqa: S308


@register.filter
def cloze_reviewed(gaps):
    """The gaps with something for the review to say (a correct answer, feedback)."""
    return [gap for gap in gaps if gap.correct_text or gap.feedback]

"""Imported HTML cleaned to what the bank's rich text fields hold (nh3, the Rust sanitiser
ammonia): paragraphs, line breaks, bold, italic, lists, links (http, https, mailto) and
images (a file of the question, `@@PLUGINFILE@@/name`, becomes a Wagtail image on import).
Everything else goes: scripts and styles with their content, other tags keeping their text,
event handlers, style and class attributes, `javascript:` links.

`html_clean(html)` gives the clean HTML and what was removed (for the import report);
`html_to_plain(html)` gives the text of an option, which the bank keeps as plain text.
"""

from __future__ import annotations

import re
from html import escape, unescape
from html.parser import HTMLParser

import nh3

TAGS = {"p", "br", "b", "strong", "i", "em", "ol", "ul", "li", "a", "img"}
ATTRIBUTES = {"a": {"href"}, "img": {"src", "alt", "width", "height"}}
SCHEMES = {"http", "https", "mailto"}
# Removed with their content: nothing of them is text a learner should read.
DROPPED_WITH_CONTENT = {"script", "style", "template", "iframe", "object", "noscript"}
# Tags that only wrap text: removing them changes no meaning worth a warning.
HARMLESS = {"span", "div", "font", "u", "sub", "sup", "h1", "h2", "h3", "h4", "h5", "h6",
            "blockquote", "pre", "code", "small", "big", "tt", "center", "hr"}  # fmt: skip
HARMLESS_ATTRIBUTES = {"dir", "lang", "title", "id"}


class _Inventory(HTMLParser):
    """What of `html` the cleaner will remove, as "<tag>" and "tag@attribute" names."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.removed: set[str] = set()

    def handle_starttag(self, tag, attrs):
        if tag not in TAGS:
            if tag not in HARMLESS:
                self.removed.add(f"<{tag}>")
            return
        allowed = ATTRIBUTES.get(tag, set())
        for name, value in attrs:
            if name not in allowed:
                if name not in HARMLESS_ATTRIBUTES:
                    self.removed.add(f"{name}=" if not name.startswith("on") else "on…=")
            elif name in ("href", "src") and not _url_allowed(value or ""):
                self.removed.add(f"{name}={(value or '').split(':', 1)[0]}:")

    handle_startendtag = handle_starttag

    def handle_comment(self, data):
        self.removed.add("<!-- -->")


def _url_allowed(url: str) -> bool:
    head = url.strip().split("/", 1)[0]
    if ":" not in head:
        return True  # relative (@@PLUGINFILE@@/…, /media/…)
    return head.split(":", 1)[0].lower() in SCHEMES


def html_clean(html: str) -> tuple[str, list[str]]:
    """The HTML with only what the bank's rich text holds, and what was removed (sorted
    names such as "<script>", "on…=", "style=")."""
    if not html or "<" not in html and "&" not in html:
        return html or "", []
    inventory = _Inventory()
    inventory.feed(html)
    inventory.close()
    clean = nh3.clean(
        html,
        tags=TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes=ATTRIBUTES,
        url_schemes=SCHEMES,
        link_rel=None,
        strip_comments=True,
    )
    return clean.strip(), sorted(inventory.removed)


def html_to_plain(html: str, *, lines: bool = False) -> str:
    """The text of an HTML fragment, entities decoded: an option's text in the bank (line
    breaks and paragraphs as spaces) or, with `lines`, a category's description (each
    paragraph or line break a line)."""
    if "<" not in html and "&" not in html:
        return html.strip()
    mark = "\n" if lines else " "
    for tag in ("<br", "</p>", "</li>", "</div>"):
        html = re.sub(re.escape(tag), lambda m: "\ue000" + m.group(0), html, flags=re.I)
    text = unescape(nh3.clean(html, tags=set(), clean_content_tags=DROPPED_WITH_CONTENT))
    if not lines:
        return " ".join(text.replace("\ue000", " ").split())
    parts = [" ".join(part.split()) for part in text.replace("\n", " ").split("\ue000")]
    return mark.join(part for part in parts if part)


def plain_to_html(text: str) -> str:
    """A plain text with lines (a category's description) as HTML paragraphs."""
    return "".join(f"<p>{escape(line)}</p>" for line in (text or "").splitlines() if line.strip())

"""Demo content files: YAML, with Markdown wherever the site shows rich text.

Each app keeps its demo content in its own `demo_content/` folder and reads it through this
module, so that every file is read and checked the same way: a missing or unknown field, a
block type a page does not have, a value that is not one of the choices, is refused with
the file, the place in it and the reason (`DemoContentError`), before anything is written.

Text is wrapped freely in the files. A plain-text value is read with each run of
whitespace folded into one space, and a blank line kept as a paragraph break; a rich-text
value is Markdown (paragraphs, `- ` lists, `**bold**`, `*italic*`, `[links](https://…)`),
turned into the HTML Wagtail stores (`<p>`, `<ul><li>`, `<b>`, `<i>`, `<a href>`).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings
from markdown_it import MarkdownIt
from wagtail import blocks

_BLANK_LINE = re.compile(r"\n\s*\n")
_BETWEEN_TAGS = re.compile(r">\n")


class DemoContentError(Exception):
    """A demo content file that cannot be loaded: `file: place: reason`."""

    def __init__(self, file: Path | str, place: str, reason: str):
        self.file, self.place, self.reason = _relative(file), place, reason
        super().__init__(f"{self.file}: {place}: {reason}" if place else f"{self.file}: {reason}")


def _relative(file: Path | str) -> str:
    path = Path(file)
    try:
        return str(path.resolve().relative_to(Path(settings.BASE_DIR).resolve()))
    except ValueError:
        return str(path)


# --- Reading --------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoFile:
    """A parsed file; `check`, `text` and `rich_text` read its values, naming the place
    of a wrong one."""

    path: Path
    data: Any

    def error(self, place: str, reason: str) -> DemoContentError:
        return DemoContentError(self.path, place, reason)

    def check(
        self,
        value: Any,
        place: str,
        *,
        required: Iterable[str] = (),
        optional: Iterable[str] = (),
    ) -> dict:
        """`value` as a mapping with every `required` key and no key outside both lists."""
        if not isinstance(value, dict):
            raise self.error(place, f"expected a mapping of fields, found {_kind(value)}")
        required, optional = tuple(required), tuple(optional)
        missing = [key for key in required if key not in value]
        if missing:
            raise self.error(place, f"missing field(s): {', '.join(missing)}")
        unknown = [str(key) for key in value if key not in required and key not in optional]
        if unknown:
            allowed = ", ".join((*required, *optional))
            raise self.error(place, f"unknown field(s): {', '.join(unknown)} (allowed: {allowed})")
        return value

    def items(self, value: Any, place: str) -> list:
        if not isinstance(value, list):
            raise self.error(place, f"expected a list, found {_kind(value)}")
        return value

    def text(self, value: Any, place: str) -> str:
        if not isinstance(value, str):
            raise self.error(place, f"expected text, found {_kind(value)}")
        return text_tidy(value)

    def rich_text(self, value: Any, place: str) -> str:
        if not isinstance(value, str):
            raise self.error(place, f"expected text (Markdown), found {_kind(value)}")
        return markdown_to_html(value)

    def choice(self, value: Any, place: str, choices: Iterable[str]) -> str:
        choices = [str(c) for c in choices]
        if value not in choices:
            raise self.error(place, f"{value!r} is not one of: {', '.join(choices)}")
        return value


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    return {dict: "a mapping", list: "a list", str: "text"}.get(type(value), type(value).__name__)


def demo_file_read(path: Path) -> DemoFile:
    """Parse one YAML file; a file that is missing or not valid YAML is refused."""
    if not path.is_file():
        raise DemoContentError(path, "", "no such file")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        place = f"line {mark.line + 1}" if mark else ""
        reason = getattr(error, "problem", None) or str(error)
        raise DemoContentError(path, place, f"not valid YAML: {reason}") from error
    return DemoFile(path, data)


def demo_folder(app_module_file: str) -> Path:
    """An app's `demo_content/` folder, given the app module's `__file__`."""
    return Path(app_module_file).resolve().parent / "demo_content"


# --- Text -----------------------------------------------------------------------------


def text_tidy(text: str) -> str:
    """Whitespace inside a paragraph becomes one space; a blank line is kept as one."""
    parts = _BLANK_LINE.split(text.strip())
    return "\n\n".join(" ".join(part.split()) for part in parts)


def _markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False})
    # What Wagtail's rich-text fields take: paragraphs, lists, bold, italic and links.
    md.disable(
        ["heading", "lheading", "code", "fence", "blockquote", "hr", "html_block"]
        + ["html_inline", "image", "backticks", "reference"]
    )
    rules = {
        "strong_open": "<b>",
        "strong_close": "</b>",
        "em_open": "<i>",
        "em_close": "</i>",
        "softbreak": " ",
        "hardbreak": "<br/>",
    }
    for rule, output in rules.items():
        md.add_render_rule(rule, lambda *args, _output=output, **kwargs: _output)
    md.add_render_rule(
        "text", lambda self, tokens, idx, options, env: html.escape(tokens[idx].content, False)
    )
    return md


_MARKDOWN = _markdown()


def markdown_to_html(text: str) -> str:
    """Markdown as Wagtail's rich-text HTML, with no line breaks between the tags."""
    return _BETWEEN_TAGS.sub(">", _MARKDOWN.render(text.strip())).strip()


# --- StreamField bodies ---------------------------------------------------------------


def stream_read(
    file: DemoFile, items: Any, place: str, stream_block: blocks.StreamBlock
) -> list[tuple[str, Any]]:
    """A body written as a list of one-key mappings (`- paragraph: …`, `- heading: {…}`)
    as the (block type, value) pairs of `stream_block`."""
    result = []
    for index, item in enumerate(file.items(items, place)):
        here = f"{place}[{index}]"
        if not isinstance(item, dict) or len(item) != 1:
            raise file.error(here, "expected one block: `- <block type>: <its value>`")
        ((kind, value),) = item.items()
        child = stream_block.child_blocks.get(kind)
        if child is None:
            known = ", ".join(stream_block.child_blocks)
            raise file.error(here, f"unknown block type {kind!r} (known: {known})")
        result.append((kind, _block_value(file, child, value, f"{here}.{kind}")))
    return result


def _block_value(file: DemoFile, block: blocks.Block, value: Any, place: str) -> Any:
    if isinstance(block, blocks.StructBlock):
        required = [n for n, b in block.child_blocks.items() if _required(b)]
        optional = [n for n in block.child_blocks if n not in required]
        file.check(value, place, required=required, optional=optional)
        result = {
            name: _block_value(file, block.child_blocks[name], item, f"{place}.{name}")
            for name, item in value.items()
        }
        # A chooser names a database object: a file cannot, so it starts empty.
        for name, child in block.child_blocks.items():
            if isinstance(child, blocks.ChooserBlock) and name not in result:
                result[name] = None
        return result
    if isinstance(block, blocks.ListBlock):
        return [
            _block_value(file, block.child_block, item, f"{place}[{index}]")
            for index, item in enumerate(file.items(value, place))
        ]
    if isinstance(block, blocks.RichTextBlock):
        return file.rich_text(value, place)
    if isinstance(block, blocks.ChoiceBlock):
        return file.choice(value, place, [str(key) for key, _label in block.field.choices if key])
    if isinstance(block, blocks.ChooserBlock):
        if value is not None:
            raise file.error(place, "a chooser is left empty in a file (set it in the admin)")
        return None
    if isinstance(block, blocks.BooleanBlock):
        if not isinstance(value, bool):
            raise file.error(place, f"expected true or false, found {_kind(value)}")
        return value
    if value is None or value == "":
        if _required(block):
            raise file.error(place, "this field may not be empty")
        return value
    if isinstance(block, blocks.FieldBlock) and isinstance(value, str):
        return file.text(value, place)
    raise file.error(place, f"expected text, found {_kind(value)}")


def _required(block: blocks.Block) -> bool:
    if isinstance(block, blocks.ChooserBlock):
        return False
    return bool(getattr(block, "required", False))


def texts_in(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """Every string in a parsed file, with its place (for the spell check)."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from texts_in(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from texts_in(item, f"{path}[{index}]")

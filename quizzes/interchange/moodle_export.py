"""Moodle XML export of the bank: every type we hold, grouped by category (with its
description and idnumber), category paths relative to the exported categories' common root,
scenarios as "description" questions followed by their sub-questions, images and documents
as `@@PLUGINFILE@@` files beside their text, our own fields as tags Moodle keeps."""

from __future__ import annotations

from decimal import Decimal
from xml.sax.saxutils import escape

from django.utils.html import escape as html_escape
from wagtail.rich_text import expand_db_html

from ..models import Question, QuestionKind
from .common import SCENARIO_SEPARATOR, category_path_text, moodle_fraction
from .embedded_files import file_elements, files_export
from .html_cleaning import plain_to_html
from .moodle_import import AUDIENCE_TAG, CASE_TAG, LANGUAGE_TAG

EXPORT_KINDS = {
    QuestionKind.SINGLE: "multichoice",
    QuestionKind.MULTIPLE: "multichoice",
    QuestionKind.TRUE_FALSE: "truefalse",
    QuestionKind.SHORT_TEXT: "shortanswer",
    QuestionKind.NUMERIC: "numerical",
    QuestionKind.MATCHING: "matching",
    QuestionKind.ORDERING: "ordering",
    QuestionKind.SCENARIO: "description",
    QuestionKind.ESSAY: "essay",
    QuestionKind.CLOZE: "cloze",
}


def _rich(tag: str, html: str) -> str:
    """A rich text element: Wagtail's references made plain HTML, files beside it."""
    html, files = files_export(html or "")
    if "linktype=" in html or "<embed" in html:
        html = expand_db_html(html)
    return f'<{tag} format="html"><text>{escape(html)}</text>{file_elements(files)}</{tag}>'


def _plain_html(tag: str, text: str, extra: str = "", fraction: str = "") -> str:
    """An option the bank keeps as plain text, written as the HTML Moodle expects."""
    attributes = f' fraction="{fraction}"' if fraction else ""
    return (
        f'<{tag}{attributes} format="html"><text>{escape(html_escape(text or ""))}</text>'
        f"{extra}</{tag}>"
    )


def _fraction(value: Decimal) -> str:
    """A fraction as Moodle's per cent, set to Moodle's own grade when it is one."""
    grade = moodle_fraction(value)
    return format(((grade if grade is not None else value) * 100).normalize(), "f")


def _feedback(text: str) -> str:
    return _plain_html("feedback", text) if text else ""


def export_moodle_xml(questions) -> bytes:
    """The questions as a Moodle XML file, grouped by category; scenarios as descriptions
    followed by their sub-questions."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>', "<quiz>"]
    current = None
    ordered: list[Question] = []
    for q in questions:
        if q.scenario_id is None:
            ordered.append(q)
            if q.kind == QuestionKind.SCENARIO:
                ordered.extend(
                    q.sub_questions.order_by("scenario_position", "pk")
                    .select_related("category", "case")
                    .prefetch_related("options", "tags")
                )
    chains = {q.category_id: _category_chain(q.category) for q in ordered}
    root = _common_prefix([[(c.pk, c.name) for c in chain] for chain in chains.values()])
    written: set[int] = set()
    for q in ordered:
        if q.category_id != current:
            current = q.category_id
            # Relative to the categories' common root: a re-import lands where it was.
            chain = chains[q.category_id][len(root) :]
            for depth, category in enumerate(chain[:-1], 1):  # described ones above it
                if category.pk not in written and (category.description or category.idnumber):
                    out.append(_category(chain[:depth]))
            written.update(c.pk for c in chain)
            out.append(_category(chain))
        out.append(_export_one(q))
    out.append("</quiz>")
    return "\n".join(out).encode("utf-8")


def _category(chain) -> str:
    """A category record: its path, description (HTML paragraphs) and idnumber."""
    path = category_path_text([c.name for c in chain])
    description = chain[-1].description if chain else ""
    info = (
        f'<info format="html"><text>{escape(plain_to_html(description))}</text></info>'
        if description
        else ""
    )
    idnumber = (
        f"<idnumber>{escape(chain[-1].idnumber)}</idnumber>" if chain and chain[-1].idnumber else ""
    )
    return (
        f'<question type="category"><category><text>{escape(path)}</text></category>'
        f"{info}{idnumber}</question>"
    )


def _category_chain(category) -> list:
    """The category's ancestors from the top of its tree down to itself."""
    chain = []
    while category is not None:
        chain.append(category)
        category = category.parent
    return chain[::-1]


def _common_prefix(chains: list[list[tuple[int, str]]]) -> list[tuple[int, str]]:
    if not chains:
        return []
    prefix = chains[0]
    for chain in chains[1:]:
        length = 0
        while length < min(len(prefix), len(chain)) and prefix[length] == chain[length]:
            length += 1
        prefix = prefix[:length]
    return prefix


def _case_reference(case) -> str:
    """How a cited case is found again: its first application number, ECLI or number."""
    numbers = [n.strip() for n in (case.application_numbers or "").split(",") if n.strip()]
    return (numbers[0] if numbers else "") or case.ecli or case.case_number


def _export_one(q: Question) -> str:
    name = q.name if q.scenario_id is None else f"{q.scenario.name}{SCENARIO_SEPARATOR}{q.name}"
    parts = [
        f'<question type="{EXPORT_KINDS[q.kind]}">',
        f"<name><text>{escape(name)}</text></name>",
        _rich("questiontext", q.text),
        _rich("generalfeedback", q.general_feedback),
        f"<defaultgrade>{q.marks}</defaultgrade>",
    ]
    if q.idnumber:
        parts.append(f"<idnumber>{escape(q.idnumber)}</idnumber>")
    options = list(q.options.all())
    if q.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        parts.append(f"<single>{'true' if q.kind == QuestionKind.SINGLE else 'false'}</single>")
    parts.append(f"<shuffleanswers>{int(q.shuffle_options)}</shuffleanswers>")
    if q.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        for o in options:
            parts.append(
                _plain_html("answer", o.text, _feedback(o.feedback), _fraction(o.fraction))
            )
    elif q.kind == QuestionKind.SHORT_TEXT:
        parts.append("<usecase>0</usecase>")
        for o in options:  # plain text in Moodle
            parts.append(
                f'<answer fraction="{_fraction(o.fraction)}" format="moodle_auto_format">'
                f"<text>{escape(o.text)}</text>{_feedback(o.feedback)}</answer>"
            )
    elif q.kind == QuestionKind.TRUE_FALSE:
        for value in ("true", "false"):
            right = (value == "true") == bool(q.true_false_answer)
            parts.append(
                f'<answer fraction="{100 if right else 0}" format="moodle_auto_format">'
                f"<text>{value}</text></answer>"
            )
    elif q.kind == QuestionKind.NUMERIC:
        parts.append(
            f'<answer fraction="100" format="moodle_auto_format"><text>{q.numeric_answer}'
            f"</text><tolerance>{q.numeric_tolerance}</tolerance></answer>"
        )
        for o in options:  # partial credit: the number, its tolerance in match_text
            parts.append(
                f'<answer fraction="{_fraction(o.fraction)}" format="moodle_auto_format">'
                f"<text>{escape(o.text)}</text>{_feedback(o.feedback)}"
                f"<tolerance>{escape(o.match_text or '0')}</tolerance></answer>"
            )
    elif q.kind == QuestionKind.ORDERING:
        for position, o in enumerate(options, 1):  # qtype_ordering: the fraction is the place
            parts.append(_plain_html("answer", o.text, fraction=str(position)))
    elif q.kind == QuestionKind.MATCHING:
        for o in options:
            parts.append(
                _plain_html("subquestion", o.text, f"<answer><text>{escape(o.match_text)}"
                            "</text></answer>")
            )  # fmt: skip
    elif q.kind == QuestionKind.ESSAY:
        parts.append(_essay(q))
    parts.append(_tags(q))
    parts.append("</question>")
    return "".join(parts)


def _essay(q: Question) -> str:
    template = escape(q.essay_response_template or "")
    return (
        "<responseformat>plain</responseformat><responserequired>1</responserequired>"
        "<responsefieldlines>15</responsefieldlines>"
        f"<minwordlimit>{q.essay_min_words or ''}</minwordlimit>"
        f"<maxwordlimit>{q.essay_max_words or ''}</maxwordlimit>"
        "<attachments>0</attachments><attachmentsrequired>0</attachmentsrequired>"
        "<maxbytes>0</maxbytes><filetypeslist></filetypeslist>"
        + _rich("graderinfo", q.essay_grader_info)
        + f'<responsetemplate format="plain_text"><text>{template}</text></responsetemplate>'
    )


def _tags(q: Question) -> str:
    """Our own fields as tags Moodle keeps (it shows them and exports them back)."""
    values = [f"{LANGUAGE_TAG}{q.language}"]
    if q.case_id and q.case is not None:
        reference = _case_reference(q.case)
        if reference:
            values.append(f"{CASE_TAG}{reference}")
    values += [f"{AUDIENCE_TAG}{p}" for p in q.audience_professions or []]
    values += [t.name for t in q.tags.all()]
    return "<tags>" + "".join(f"<tag><text>{escape(v)}</text></tag>" for v in values) + "</tags>"

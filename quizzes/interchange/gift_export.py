"""GIFT export of the bank, as Moodle writes GIFT: `$CATEGORY:` lines, `::name::`,
`[html]` texts, answers with their weights and feedback, `####` general feedback, numeric
answers with tolerance and partial credit, matching pairs, `{}` for an essay and a block
without braces for a scenario (Moodle's description). Moodle's comment line
"// [id:…] [tag:…]" carries the idnumber, the tags and our own fields ("lang:sr", …).

GIFT cannot hold everything: a cloze or ordering question is not written (the file says so
in a comment at its place and in the list at its top, and `GiftExport.skipped` names them
for the page); an essay loses its word limits, response template and grader information,
and images stay out (GIFT has no files): both are said in the list at the top too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from wagtail.rich_text import expand_db_html

from ..models import Question, QuestionKind
from .common import SCENARIO_SEPARATOR, category_path_text, percent
from .moodle_export import _case_reference, _category_chain, _common_prefix
from .moodle_import import AUDIENCE_TAG, CASE_TAG, LANGUAGE_TAG

_SPECIAL = re.compile(r"([~=#{}:\\])")


def _escape(text: str) -> str:
    """Text inside a GIFT question: its special characters escaped, on one line."""
    return _SPECIAL.sub(r"\\\1", " ".join((text or "").split()))


_EMBED = re.compile(r"<embed\b[^>]*/?>", re.I)


def _html(html: str) -> str:
    """Rich text as GIFT's [html]: images left out (GIFT has no files), Wagtail's links
    made plain links."""
    html = _EMBED.sub("", html or "")
    if "linktype=" in html:
        html = expand_db_html(html)
    return f"[html]{_escape(html)}" if html else ""


@dataclass
class GiftExport:
    text: str
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (name, why)
    changed: list[tuple[str, str]] = field(default_factory=list)  # (name, what is lost)


def export_gift(questions) -> GiftExport:
    ordered: list[Question] = []
    for q in questions:
        if q.scenario_id is None:
            ordered.append(q)
            if q.kind == QuestionKind.SCENARIO:
                ordered.extend(q.sub_questions.order_by("scenario_position", "pk"))
    chains = {q.category_id: _category_chain(q.category) for q in ordered}
    root = _common_prefix([[(c.pk, c.name) for c in chain] for chain in chains.values()])
    export = GiftExport(text="")
    body: list[str] = []
    current = None
    for q in ordered:
        name = q.name if q.scenario_id is None else f"{q.scenario.name}{SCENARIO_SEPARATOR}{q.name}"
        if q.kind in (QuestionKind.CLOZE, QuestionKind.ORDERING):
            why = (
                _("GIFT has no embedded answers (cloze); export to Moodle XML.")
                if q.kind == QuestionKind.CLOZE
                else _("GIFT has no ordering questions; export to Moodle XML.")
            )
            export.skipped.append((name, why))
            body.append(f"// {_('Not exported')}: {name}: {why}\n")
            continue
        if q.category_id != current:
            current = q.category_id
            path = category_path_text([c.name for c in chains[q.category_id][len(root) :]])
            body.append(f"$CATEGORY: $course$/top{'/' + path if path else ''}\n")
        lost = []
        if q.kind == QuestionKind.ESSAY and (
            q.essay_min_words or q.essay_max_words or q.essay_response_template
            or q.essay_grader_info
        ):  # fmt: skip
            lost.append(_("essay settings"))
        if "<embed" in (q.text + q.general_feedback) or 'linktype="document"' in q.text:
            lost.append(_("images and files"))
        if lost:
            export.changed.append((name, ", ".join(lost)))
        body.append(_comment(q) + "\n" + _question(q, name) + "\n")
    head = ["// " + _("Exported from the question bank as GIFT.")]
    for name, why in export.skipped:
        head.append(f"// {_('Not exported')}: {name}: {why}")
    for name, what in export.changed:
        head.append(f"// {_('Exported without')} {what}: {name}")
    export.text = "\n".join(head) + "\n\n" + "\n".join(body)
    return export


def _comment(q: Question) -> str:
    parts = [f"[id:{q.idnumber}]"] if q.idnumber else []
    values = [f"{LANGUAGE_TAG}{q.language}"]
    if q.case_id and q.case is not None and _case_reference(q.case):
        values.append(f"{CASE_TAG}{_case_reference(q.case)}")
    values += [f"{AUDIENCE_TAG}{p}" for p in q.audience_professions or []]
    values += [t.name for t in q.tags.all()]
    parts += [f"[tag:{v.replace(']', '')}]" for v in values]
    return "// " + " ".join(parts)


def _weight(fraction, *, right_is_equals: bool) -> str:
    if right_is_equals and fraction == 1:
        return "="
    if fraction == 0:
        return "~"
    return f"~%{percent(fraction)}%"


def _feedback(text: str) -> str:
    return f"#{_escape(text)}" if text else ""


def _question(q: Question, name: str) -> str:
    head = f"::{_escape(name)}::{_html(q.text)}"
    general = f" ####{_html(q.general_feedback)}" if q.general_feedback else ""
    options = list(q.options.all())
    if q.kind == QuestionKind.SCENARIO:
        return head
    if q.kind == QuestionKind.ESSAY:
        return head + " {" + general + "}"
    if q.kind == QuestionKind.TRUE_FALSE:
        return head + " {" + ("T" if q.true_false_answer else "F") + general + "}"
    if q.kind == QuestionKind.SINGLE:
        answers = [
            f"{_weight(o.fraction, right_is_equals=True)}{_escape(o.text)}{_feedback(o.feedback)}"
            for o in options
        ]
    elif q.kind == QuestionKind.MULTIPLE:
        answers = [
            f"~%{percent(o.fraction)}%{_escape(o.text)}{_feedback(o.feedback)}" for o in options
        ]
    elif q.kind == QuestionKind.SHORT_TEXT:
        answers = [
            ("=" if o.fraction == 1 else f"=%{percent(o.fraction)}%")
            + f"{_escape(o.text)}{_feedback(o.feedback)}"
            for o in options
        ]
    elif q.kind == QuestionKind.NUMERIC:
        answers = [f"=%100%{q.numeric_answer}:{q.numeric_tolerance}"] + [
            f"=%{percent(o.fraction)}%{o.text}:{o.match_text or 0}{_feedback(o.feedback)}"
            for o in options
        ]
        return head + " {#" + " ".join(answers) + general + "}"
    else:  # matching
        answers = [f"={_escape(o.text)} -> {_escape(o.match_text)}" for o in options]
    return head + " {\n\t" + "\n\t".join(answers) + general + "\n}"

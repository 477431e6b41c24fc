"""Quiz questions in the Serbian spelling report: registered with serbian's report in
QuizzesConfig.ready() (serbian sits below quizzes and cannot read them itself)."""

from __future__ import annotations

from collections.abc import Iterator

from django.utils.html import strip_tags

from .models import Question


def serbian_question_texts() -> Iterator[tuple[str, str]]:
    """(question name, its text and general feedback) for every Serbian question."""
    for question in Question.objects.filter(language="sr").only("name", "text", "general_feedback"):
        text = " ".join(
            [strip_tags(question.text or ""), strip_tags(question.general_feedback or "")]
        )
        yield question.name, text

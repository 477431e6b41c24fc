"""Which quiz a page is: attempts and results are kept on the quiz in the default locale,
whatever translation the learner takes it in; random draws come from the bank in the
page's language."""

from __future__ import annotations

from typing import TYPE_CHECKING

from wagtail.models import Page

from courses import api as courses_api

if TYPE_CHECKING:
    from .models.pages import QuizPage


def canonical_quiz(quiz: QuizPage) -> QuizPage:
    """The quiz in the default locale, where attempts and results are kept."""
    pk = courses_api.canonical_id(quiz)
    # The same page type (the type is not imported: quiz pages serve through code that
    # imports this module).
    return quiz if pk == quiz.pk else type(quiz).objects.get(pk=pk)


def quiz_language(page: Page) -> str:
    """The bank language of a quiz page's questions drawn at random."""
    code = page.locale.language_code if page.locale_id else "sr"
    return "en" if code.startswith("en") else "sr"

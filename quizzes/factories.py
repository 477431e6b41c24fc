"""Factories for quiz tests: categories, every question type, quiz pages."""

from decimal import Decimal

import factory
import wagtail_factories

from courses.factories import CoursePageFactory, LessonPageFactory, ModulePageFactory

from .cloze import CHOICE as CLOZE_CHOICE
from .cloze import MULTI, cloze_gaps
from .cloze_pages import gap_field, gap_purpose
from .forms import CHOICE, ITEM, OPTION, PROMPT, TRUE_FALSE, answer_tokens
from .grading import correct_response
from .models import (
    Question,
    QuestionCategory,
    QuestionKind,
    QuestionOption,
    QuizPage,
    QuizSlot,
    RubricCriterion,
)


class QuestionCategoryFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Category {n}")

    class Meta:
        model = QuestionCategory


class QuestionFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Question {n}")
    kind = QuestionKind.SINGLE
    category = factory.SubFactory(QuestionCategoryFactory)
    language = "sr"
    text = "<p>Which element is the purpose?</p>"
    marks = Decimal("1")

    class Meta:
        model = Question


def option(question, text="", fraction=0, feedback="", match_text="", order=None):
    return QuestionOption.objects.create(
        question=question,
        text=text,
        fraction=Decimal(str(fraction)),
        feedback=feedback,
        match_text=match_text,
        sort_order=order if order is not None else question.options.count(),
    )


def single_choice(**kwargs) -> Question:
    """Right: "Exploitation" (feedback "Yes"); wrong: "Recruitment", "Deception"."""
    q = QuestionFactory(kind=QuestionKind.SINGLE, **kwargs)
    option(q, "Recruitment", 0, feedback="That is an act.")
    option(q, "Exploitation", 1, feedback="SECRET-FEEDBACK-right")
    option(q, "Deception", 0, feedback="That is a means.")
    return q


def multiple_response(**kwargs) -> Question:
    """Right: "Threat", "Deception" (½ each); wrong: "Transport", "Harbouring"."""
    q = QuestionFactory(kind=QuestionKind.MULTIPLE, text="<p>Which are means?</p>", **kwargs)
    option(q, "Threat", 0.5)
    option(q, "Transport", 0)
    option(q, "Deception", 0.5)
    option(q, "Harbouring", -0.5)
    return q


def true_false(answer=True, **kwargs) -> Question:
    return QuestionFactory(kind=QuestionKind.TRUE_FALSE, true_false_answer=answer, **kwargs)


def matching(**kwargs) -> Question:
    q = QuestionFactory(kind=QuestionKind.MATCHING, text="<p>Match each word.</p>", **kwargs)
    option(q, "Recruitment", match_text="Act")
    option(q, "Threat", match_text="Means")
    option(q, "Forced labour", match_text="Purpose")
    option(q, "", match_text="Defence")  # a distractor
    return q


def ordering(**kwargs) -> Question:
    q = QuestionFactory(kind=QuestionKind.ORDERING, text="<p>Order the steps.</p>", **kwargs)
    option(q, "Identify")
    option(q, "Refer")
    option(q, "Protect")
    option(q, "Reintegrate")
    return q


def numeric(answer="388", tolerance="0", **kwargs) -> Question:
    return QuestionFactory(
        kind=QuestionKind.NUMERIC,
        numeric_answer=Decimal(answer),
        numeric_tolerance=Decimal(tolerance),
        **kwargs,
    )


def short_text(*answers, **kwargs) -> Question:
    q = QuestionFactory(kind=QuestionKind.SHORT_TEXT, **kwargs)
    for text in answers or ("eksploatacija",):
        option(q, text, 1)
    return q


CLOZE_TEXT = (
    "<p>The Protocol signed in {2:SHORTANSWER:=cloze-tajni-odgovor#CLOZE-FEEDBACK-secret"
    "~%50%cloze-tajni*#Almost} in the year {1:NUMERICAL:=4711.25:0.5~%50%4711:2}. "
    "Its purpose element is {1:MULTICHOICE_S:=Eksploatacija#Yes~Vrbovanje#An act~Obmana}; "
    "the means are {1:MULTIRESPONSE_S:=Pretnja~=Prevara~Prevoz~Smeštaj}.</p>"
)


def cloze(text: str = CLOZE_TEXT, **kwargs) -> Question:
    """Embedded answers: a short answer worth 2 ("cloze-tajni-odgovor", "cloze-tajni*" half),
    a number (4711.25 ± 0.5; 4711 ± 2 half), a shuffled drop-down (right: "Eksploatacija")
    and shuffled tick boxes (right: "Pretnja", "Prevara")."""
    return QuestionFactory(kind=QuestionKind.CLOZE, text=text, **kwargs)


def scenario(**kwargs) -> Question:
    """A vignette with a single-choice and a true/false sub-question."""
    s = QuestionFactory(
        kind=QuestionKind.SCENARIO, text="<p>A man recruits a girl by deception…</p>", **kwargs
    )
    a = single_choice(scenario=s, scenario_position=1, category=s.category)
    b = true_false(answer=False, scenario=s, scenario_position=2, category=s.category)
    return s, a, b


def essay(*, rubric=(), min_words=None, max_words=None, template="", **kwargs) -> Question:
    """A written case analysis graded by a trainer; `rubric`: (description, max points)."""
    kwargs.setdefault("marks", Decimal("10"))
    kwargs.setdefault("text", "<p>Analyse the case: which offence, and why?</p>")
    q = QuestionFactory(
        kind=QuestionKind.ESSAY,
        essay_min_words=min_words,
        essay_max_words=max_words,
        essay_response_template=template,
        essay_grader_info="<p>GRADER-INFO-secret: Article 388, the three elements.</p>",
        **kwargs,
    )
    for index, (description, most) in enumerate(rubric):
        RubricCriterion.objects.create(
            question=q, description=description, max_points=Decimal(str(most)), sort_order=index
        )
    return q


ESSAY_ANSWER = "The act is recruitment by deception for forced labour: Article 388 applies."


class QuizPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Quiz {n}")
    slug = factory.Sequence(lambda n: f"quiz-{n}")
    pass_mark = Decimal("70")
    attempts_allowed = 3
    questions_per_page = 5

    class Meta:
        model = QuizPage


def quiz_in_course(*, questions=(), course=None, lessons: int = 0, **quiz_kwargs) -> QuizPage:
    """A live quiz in a module of a (new) course, with `questions` as fixed slots."""
    course = course or CoursePageFactory()
    module = ModulePageFactory(parent=course)
    for _ in range(lessons):
        LessonPageFactory(parent=module)
    quiz = QuizPageFactory(parent=module, **quiz_kwargs)
    for index, question in enumerate(questions):
        QuizSlot.objects.create(page=quiz, question=question, sort_order=index)
    return quiz


def right_answers(attempt):
    """POST data answering every question of `attempt` right, page by page, in the page's
    own field names and tokens (tests and bench/quiz.py)."""
    pages = {}
    for aq in attempt.questions.select_related("version").order_by("slot"):
        q = aq.content
        key = correct_response(q)
        tokens = answer_tokens(aq)
        name = tokens.field
        data = pages.setdefault(aq.page, {})
        if q.kind == QuestionKind.SINGLE:
            data[name] = tokens.token(OPTION, key)
        elif q.kind == QuestionKind.MULTIPLE:
            data[name] = [tokens.token(OPTION, k) for k in key]
        elif q.kind == QuestionKind.TRUE_FALSE:
            data[name] = tokens.token(TRUE_FALSE, key)
        elif q.kind == QuestionKind.ORDERING:
            for position, pk in enumerate(key, 1):
                data[f"{name}_{tokens.token(ITEM, pk)}"] = str(position)
        elif q.kind == QuestionKind.MATCHING:
            by_text = {o.match_text: o.pk for o in q.options.all() if o.pk in aq.option_order}
            for prompt, match in key.items():
                choice = tokens.token(CHOICE, by_text[match])
                data[f"{name}_{tokens.token(PROMPT, int(prompt))}"] = choice
        elif q.kind == QuestionKind.NUMERIC:
            data[name] = str(key)
        elif q.kind == QuestionKind.SHORT_TEXT:
            data[name] = key[0]
        elif q.kind == QuestionKind.CLOZE:
            for gap in cloze_gaps(q.text):
                value = key[str(gap.number)]
                if gap.kind in (MULTI, CLOZE_CHOICE):
                    index = {a.text: i for i, a in enumerate(gap.answers)}
                    chosen = value if gap.kind == MULTI else [value]
                    value = [tokens.token(gap_purpose(gap.number), index[t]) for t in chosen]
                data[gap_field(name, gap)] = value
        elif q.kind == QuestionKind.ESSAY:  # an answer; its grade is the trainer's
            data[name] = ESSAY_ANSWER
    return pages

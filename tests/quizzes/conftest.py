import pytest

from courses.services import enrolment_create
from quizzes import factories as f


@pytest.fixture
def quiz_setup(learner):
    """A course with one lesson and a quiz of a single choice, a multiple response and a
    true/false question; the learner is enrolled."""
    questions = [f.single_choice(), f.multiple_response(), f.true_false(answer=True)]
    quiz = f.quiz_in_course(questions=questions, questions_per_page=2, attempts_allowed=2)
    from courses.selectors import course_of

    course = course_of(quiz)
    enrolment_create(user=learner, course=course)
    return {"quiz": quiz, "course": course, "questions": questions, "learner": learner}


def option_id(question, text):
    return next(o.pk for o in question.options.all() if o.text == text)


def right_answers(attempt):
    """POST data answering every question of `attempt` right, page by page."""
    from quizzes.grading import correct_response
    from quizzes.models import QuestionKind

    pages = {}
    for aq in attempt.questions.select_related("question").order_by("slot"):
        q = aq.question
        key = correct_response(q)
        data = pages.setdefault(aq.page, {})
        if q.kind == QuestionKind.SINGLE:
            data[f"q{aq.pk}"] = str(key)
        elif q.kind == QuestionKind.MULTIPLE:
            data[f"q{aq.pk}"] = [str(k) for k in key]
        elif q.kind == QuestionKind.TRUE_FALSE:
            data[f"q{aq.pk}"] = "true" if key else "false"
        elif q.kind == QuestionKind.ORDERING:
            for position, pk in enumerate(key, 1):
                data[f"q{aq.pk}_{pk}"] = str(position)
        elif q.kind == QuestionKind.MATCHING:
            by_text = {o.match_text: o.pk for o in q.options.all() if o.pk in aq.option_order}
            for prompt, match in key.items():
                data[f"q{aq.pk}_{prompt}"] = str(by_text[match])
        elif q.kind == QuestionKind.NUMERIC:
            data[f"q{aq.pk}"] = str(key)
        elif q.kind == QuestionKind.SHORT_TEXT:
            data[f"q{aq.pk}"] = key[0]
    return pages

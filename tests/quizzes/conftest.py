import pytest

from courses.services import enrolment_create
from quizzes import factories as f
from quizzes.factories import right_answers  # noqa: F401 (the tests import it from here)


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


@pytest.fixture
def trainer_course(trainer):
    """A course the `trainer` authors (its bank is theirs to keep)."""
    from courses.authoring import course_assign_trainer
    from courses.factories import CoursePageFactory

    course = CoursePageFactory()
    course_assign_trainer(course=course, user=trainer)
    return course


def field(aq):
    """The form field name of an attempt question (its slot, not its id)."""
    from quizzes.forms import answer_tokens

    return answer_tokens(aq).field


def token(aq, text):
    """The value the attempt page gives the option of `aq` whose text is `text`."""
    from quizzes.forms import OPTION, answer_tokens

    return answer_tokens(aq).token(OPTION, option_id(aq.question, text))


def finish(client, attempt):
    """Submit from the summary page, as the learner does (with the confirmation)."""
    from django.urls import reverse

    return client.post(reverse("quizzes:submit", args=[attempt.pk]), {"confirm": "1"})

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

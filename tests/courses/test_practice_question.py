"""Practice questions in lessons: ungraded self-checks whose answers are in the page, so
that they work offline. The block refuses a question a learner could not answer, renders
radios or checkboxes, a "Show the answer" for readers without JavaScript, and goes through
the reader's script like the rest of the lesson."""

import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from wagtail.models import Revision
from wagtail.test.utils.form_data import (
    nested_form_data,
    querydict_from_html,
    rich_text,
    streamfield,
)

from courses.blocks import LessonStreamBlock, PracticeQuestionBlock
from courses.demo import load_courses
from courses.factories import LessonPageFactory, ModulePageFactory, course_with_lessons
from courses.models import LessonPage
from courses.services import enrolment_create

RECORD_TASKS_ONLY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def choice(text, correct=False, feedback=""):
    return {"text": text, "correct": correct, "feedback": feedback}


def question(**overrides):
    value = {
        "question": "Must the prosecution prove a means when the victim is a child?",
        "choices": [
            choice("Yes, as for an adult", feedback="That is the rule for adults."),
            choice("No: the act and the purpose are enough", correct=True, feedback="Art. 3(c)."),
        ],
        "explanation": "<p>The Palermo Protocol, Article 3(c).</p>",
    }
    value.update(overrides)
    return value


def cleaned(value):
    block = PracticeQuestionBlock()
    return block.clean(block.to_python(value))


def choices_error(error: ValidationError) -> list[str]:
    return [str(message) for message in error.block_errors["choices"].non_block_errors]


def rendered(value) -> str:
    block = PracticeQuestionBlock()
    return block.render(block.to_python(value))


# --- Validation -----------------------------------------------------------------------


def test_a_question_with_a_correct_choice_is_accepted():
    value = cleaned(question())
    assert [c["correct"] for c in value["choices"]] == [False, True]


@pytest.mark.usefixtures("english")
def test_a_question_without_a_correct_choice_is_refused_with_a_clear_message():
    value = question(choices=[choice("Yes"), choice("No")])
    with pytest.raises(ValidationError) as caught:
        cleaned(value)
    assert choices_error(caught.value) == ["Mark at least one choice as correct."]


@pytest.mark.usefixtures("english")
def test_a_question_with_one_choice_is_refused_with_a_clear_message():
    value = question(choices=[choice("Yes", correct=True)])
    with pytest.raises(ValidationError) as caught:
        cleaned(value)
    assert choices_error(caught.value) == ["Give at least two choices."]


def test_more_than_eight_choices_are_refused():
    value = question(choices=[choice(f"Answer {n}", correct=n == 0) for n in range(9)])
    with pytest.raises(ValidationError) as caught:
        cleaned(value)
    assert "choices" in caught.value.block_errors


@pytest.mark.usefixtures("english")
def test_the_missing_correct_choice_is_reported_beside_other_errors():
    value = question(question="", choices=[choice("Yes"), choice("No")])
    with pytest.raises(ValidationError) as caught:
        cleaned(value)
    assert "question" in caught.value.block_errors
    assert choices_error(caught.value) == ["Mark at least one choice as correct."]


def choices_form_data(choices):
    """A ListBlock's inputs as the admin's JavaScript draws them."""
    data = {"count": len(choices)}
    for index, item in enumerate(choices):
        value = {"text": item["text"], "feedback": item["feedback"]}
        if item["correct"]:
            value["correct"] = "on"
        data[index] = {"value": value, "deleted": "", "order": index, "id": ""}
    return data


@pytest.mark.usefixtures("english")
def test_the_admin_refuses_a_question_without_a_correct_choice_and_says_why(
    client, mfa_login, administrator
):
    course = course_with_lessons(modules=1, lessons=1)
    lesson = LessonPage.objects.descendant_of(course).get()
    revisions = Revision.objects.count()
    mfa_login(client, administrator)
    edit_url = f"/admin/pages/{lesson.pk}/edit/"
    data = querydict_from_html(client.get(edit_url).content.decode(), form_id="page-edit-form")
    data.setlist("restricted_institutions", [])
    value = {
        "question": "Is consent relevant?",
        "choices": choices_form_data([choice("Yes"), choice("No")]),
        "explanation": rich_text("<p>Article 3(b).</p>"),
    }
    data.update(nested_form_data({"body": streamfield([("practice_question", value)])}))

    response = client.post(edit_url, data)

    assert response.status_code == 200
    html = response.content.decode()
    assert "The page could not be saved due to validation errors" in html
    assert "Mark at least one choice as correct." in html
    assert Revision.objects.count() == revisions

    value["choices"] = choices_form_data([choice("Yes"), choice("No", correct=True)])
    data.update(nested_form_data({"body": streamfield([("practice_question", value)])}))
    response = client.post(edit_url, data)
    assert response.status_code == 302
    assert Revision.objects.count() == revisions + 1


def test_a_lesson_stream_takes_a_practice_question():
    stream_block = LessonStreamBlock()
    stream = stream_block.to_python([{"type": "practice_question", "value": question()}])
    stream_block.clean(stream)


# --- Rendering ------------------------------------------------------------------------


def option_inputs(html: str) -> list[str]:
    return re.findall(r'<input type="(\w+)" name="(practice-[\w-]+)"', html)


@pytest.mark.usefixtures("english")
def test_one_correct_answer_gives_radios_in_a_fieldset_with_the_question_as_legend():
    html = rendered(question())
    assert "<fieldset" in html
    assert "<legend" in html and "prove a means when the victim is a child" in html
    inputs = option_inputs(html)
    assert [kind for kind, _name in inputs] == ["radio", "radio"]
    assert len({name for _kind, name in inputs}) == 1
    assert "Choose one answer." in html


@pytest.mark.usefixtures("english")
def test_several_correct_answers_give_checkboxes():
    value = question(
        choices=[choice("Debt", correct=True), choice("Threats", correct=True), choice("None")]
    )
    html = rendered(value)
    assert [kind for kind, _name in option_inputs(html)] == ["checkbox"] * 3
    assert "Choose every answer that applies." in html
    assert "The correct answers:" in html


@pytest.mark.usefixtures("english")
def test_the_answer_without_javascript_lists_only_the_correct_choices_and_the_explanation():
    html = rendered(question())
    details = re.search(r"<details[^>]*>(.*?)</details>", html, re.S).group(1)
    assert "Show the answer" in details
    assert "The correct answer:" in details
    assert "No: the act and the purpose are enough" in details
    assert "Yes, as for an adult" not in details
    assert "The Palermo Protocol, Article 3(c)." in details


@pytest.mark.usefixtures("english")
def test_each_choice_carries_its_mark_and_feedback_hidden_until_checked():
    html = rendered(question())
    results = re.findall(r'<div class="practice-result"[^>]*hidden>(.*?)</div>', html, re.S)
    assert len(results) == 2
    assert "Wrong answer" in results[0] and "That is the rule for adults." in results[0]
    assert "Correct answer" in results[1] and "Art. 3(c)." in results[1]
    # Not colour alone: a sign and a word, the sign hidden from screen readers.
    assert '<span aria-hidden="true">✓</span>' in results[1]
    assert 'data-correct="true"' in html and 'data-correct="false"' in html


def test_the_feedback_goes_to_a_live_region_and_the_check_button_waits_for_javascript():
    html = rendered(question())
    assert re.search(r'<div class="practice-status" role="status">\s*<p', html)
    assert re.search(r"<p class=\"practice-actions\" data-practice-actions hidden>", html)
    assert "<script" not in html and "style=" not in html


def test_the_same_question_renders_the_same_way():
    assert rendered(question()) == rendered(question())


def test_two_questions_of_a_lesson_do_not_share_their_inputs(client, learner):
    course = course_with_lessons(modules=0)
    module = ModulePageFactory(parent=course)
    lesson = LessonPageFactory(
        parent=module,
        body=[
            ("practice_question", question()),
            ("practice_question", question(question="Another question?")),
        ],
    )
    enrolment_create(user=learner, course=course)
    client.force_login(learner)
    html = client.get(lesson.url).content.decode()
    names = {name for _kind, name in option_inputs(html)}
    assert len(names) == 2
    assert 'src="/static/js/practice.js"' in html


# --- The reader's script --------------------------------------------------------------


@pytest.fixture
def lesson_with_question(db):
    course = course_with_lessons(modules=0)
    module = ModulePageFactory(parent=course)
    value = question(
        question="Šta tužilaštvo mora da dokaže?",
        choices=[
            choice("Radnju, sredstvo i cilj.", feedback="To važi za odrasle."),
            choice("Radnju i cilj eksploatacije.", correct=True, feedback="Dete ne pristaje."),
        ],
        explanation="<p>Član 3(c) Palermo protokola.</p>",
    )
    return course, LessonPageFactory(parent=module, body=[("practice_question", value)])


def test_a_cyrillic_reader_sees_the_question_choices_feedback_and_explanation_in_cyrillic(
    client, learner, lesson_with_question
):
    course, lesson = lesson_with_question
    enrolment_create(user=learner, course=course)
    client.force_login(learner)
    html = client.get(lesson.url.replace("/sr-latn/", "/sr/", 1)).content.decode()
    for text in (
        "Шта тужилаштво мора да докаже?",
        "Радњу, средство и циљ.",
        "Радњу и циљ експлоатације.",
        "То важи за одрасле.",
        "Дете не пристаје.",
        "Члан 3(ц) Палермо протокола.",
    ):
        assert text in html, text
    assert "tužilaštvo" not in html


def test_a_latin_reader_sees_them_in_latin(client, learner, lesson_with_question):
    course, lesson = lesson_with_question
    enrolment_create(user=learner, course=course)
    client.force_login(learner)
    html = client.get(lesson.url).content.decode()
    assert "Šta tužilaštvo mora da dokaže?" in html
    assert "Радњу" not in html


# --- The demo -------------------------------------------------------------------------


@override_settings(TASKS=RECORD_TASKS_ONLY)
def test_the_demo_has_practice_questions_and_loads_twice_without_writing(db):
    load_courses()
    questions = [
        (lesson, block.value)
        for lesson in LessonPage.objects.all()
        for block in lesson.body
        if block.block_type == "practice_question"
    ]
    languages = {lesson.locale.language_code for lesson, _value in questions}
    assert languages == {"sr", "en"}
    assert all(value.correct_choices() for _lesson, value in questions)
    assert any(value.multiple_answers() for _lesson, value in questions)
    assert any(not value.multiple_answers() for _lesson, value in questions)

    revisions = Revision.objects.count()
    out = io.StringIO()
    load_courses(stdout=out)
    assert "0 pages created, 0 updated" in out.getvalue()
    assert Revision.objects.count() == revisions

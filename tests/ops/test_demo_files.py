"""Demo content files that cannot be loaded are refused with the file, the place in it and
the reason, and nothing they would have written stays behind. Each test breaks a copy of
the real files in tmp_path."""

import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page

from caselaw import demo as caselaw_demo
from config.api import DemoContentError, demo_file_read, markdown_to_html, text_tidy
from courses import demo as courses_demo
from courses.factories import CoursePageFactory, ModulePageFactory
from institutions.models import Institution
from quizzes import demo as quizzes_demo
from quizzes.models import Question, QuestionCategory

NRM = "nrm-coordination"
FIRST_LESSON = f"{NRM}/sistem-i-akteri/sta-je-mehanizam-upucivanja.yaml"


@pytest.fixture
def curriculum(tmp_path) -> Path:
    """A copy of the demo curriculum's files."""
    folder = tmp_path / "courses"
    shutil.copytree(courses_demo.FOLDER, folder)
    return folder


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_real_files_read_without_error():
    curriculum = courses_demo.demo_curriculum()
    assert len(curriculum.courses) == 4
    assert len(caselaw_demo.demo_library()[1]) == 8
    assert len(quizzes_demo.demo_quizzes()) == 4


def test_a_missing_field_is_refused_with_the_file_and_the_place(curriculum):
    edit(curriculum / FIRST_LESSON, "minutes: 15\n", "")
    with pytest.raises(DemoContentError) as refused:
        courses_demo.demo_curriculum(curriculum)
    assert refused.value.file.endswith(FIRST_LESSON)
    assert "missing field(s): minutes" in str(refused.value)


def test_a_missing_field_inside_a_block_is_refused(curriculum):
    edit(curriculum / FIRST_LESSON, "        term: Nacionalni mehanizam upućivanja (NMU)\n", "")
    with pytest.raises(DemoContentError, match=r"sr\.body\[1\]\.glossary_term: missing field"):
        courses_demo.demo_curriculum(curriculum)


def test_an_unknown_block_type_is_refused(curriculum):
    edit(curriculum / FIRST_LESSON, "    - glossary_term:", "    - glossary:")
    with pytest.raises(DemoContentError) as refused:
        courses_demo.demo_curriculum(curriculum)
    message = str(refused.value)
    assert FIRST_LESSON in message
    assert "sr.body[1]: unknown block type 'glossary'" in message
    assert "glossary_term" in message  # the types that exist are listed


def test_a_value_outside_the_choices_is_refused(curriculum):
    edit(curriculum / f"{NRM}/course.yaml", "level: introductory", "level: expert")
    with pytest.raises(DemoContentError, match=r"course\.yaml: level: 'expert' is not one of"):
        courses_demo.demo_curriculum(curriculum)


def test_a_lesson_the_course_names_but_has_no_file_is_refused(curriculum):
    (curriculum / FIRST_LESSON).unlink()
    with pytest.raises(DemoContentError, match=r"modules\[0\]\.lessons\[0\]: no lesson file"):
        courses_demo.demo_curriculum(curriculum)


def test_a_file_that_is_not_yaml_is_refused_at_its_line(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("title: one\n  body: [unclosed\n", encoding="utf-8")
    with pytest.raises(DemoContentError, match=r"broken\.yaml: line \d+: not valid YAML"):
        demo_file_read(path)


@pytest.mark.django_db
def test_a_page_the_model_refuses_leaves_no_page_behind(curriculum):
    """The last lesson of the last course has a slug no page may have: every page made
    before it is rolled back."""
    lesson = (
        curriculum
        / "protection-asylum/non-refoulement-i-trajna-resenja/oporavak-i-reintegracija.yaml"
    )
    text = lesson.read_text(encoding="utf-8")
    slug = text.split("  slug: ", 1)[1].split("\n", 1)[0]
    edit(lesson, f"  slug: {slug}\n", "  slug: not a slug!\n")
    pages = Page.objects.count()
    with pytest.raises(DemoContentError) as refused:
        courses_demo.load_courses(folder=curriculum)
    assert refused.value.file.endswith(lesson.name)
    assert "refused" in str(refused.value) and "slug" in str(refused.value)
    assert Page.objects.count() == pages


@pytest.mark.django_db
def test_a_quiz_naming_a_module_the_course_lacks_is_refused_and_writes_nothing(tmp_path):
    course = CoursePageFactory(slug="nacionalni-mehanizam-upucivanja")
    ModulePageFactory(parent=course, slug="sistem-i-akteri")
    folder = tmp_path / "quizzes"
    folder.mkdir()
    shutil.copy(quizzes_demo.FOLDER / f"{NRM}.yaml", folder)
    # The final exam's module does not exist in this course.
    with pytest.raises(DemoContentError) as refused:
        quizzes_demo.load_quizzes(folder)
    assert refused.value.file.endswith(f"{NRM}.yaml")
    assert refused.value.place == "final"
    assert "no module 'podaci-i-saradnja' in the course nacionalni-mehanizam-upucivanja" in (
        refused.value.reason
    )
    assert not QuestionCategory.objects.exists()
    assert not Question.objects.exists()


@pytest.mark.django_db
def test_a_quiz_for_a_course_that_does_not_exist_is_refused(tmp_path):
    folder = tmp_path / "quizzes"
    folder.mkdir()
    shutil.copy(quizzes_demo.FOLDER / f"{NRM}.yaml", folder)
    with pytest.raises(DemoContentError, match="course: no demo course with the slug"):
        quizzes_demo.load_quizzes(folder)


@pytest.mark.django_db
def test_load_demo_stops_on_a_broken_file_and_leaves_nothing(tmp_path, monkeypatch):
    """The quizzes load after institutions, accounts, home, courses and case law: a broken
    quiz file stops the command, and none of what came before stays."""
    folder = tmp_path / "quizzes"
    shutil.copytree(quizzes_demo.FOLDER, folder)
    edit(folder / f"{NRM}.yaml", "    kind: single\n", "    kind: calculated\n")
    monkeypatch.setattr(quizzes_demo, "FOLDER", folder)
    with pytest.raises(CommandError) as refused:
        call_command("load_demo", stdout=StringIO())
    message = str(refused.value)
    assert f"{NRM}.yaml: module_questions[0].kind: 'calculated' is not one of" in message
    assert not Institution.objects.exists()
    assert Page.objects.count() == 2  # Wagtail's root and the home page of the migrations


def test_markdown_gives_the_html_wagtail_stores():
    assert markdown_to_html("One **two**\nthree *four*.\n\n- a\n- b\n") == (
        "<p>One <b>two</b> three <i>four</i>.</p><ul><li>a</li><li>b</li></ul>"
    )
    assert markdown_to_html("[HUDOC](https://hudoc.echr.coe.int/)") == (
        '<p><a href="https://hudoc.echr.coe.int/">HUDOC</a></p>'
    )
    assert markdown_to_html('A "quote" & <tag>') == '<p>A "quote" &amp; &lt;tag&gt;</p>'


def test_plain_text_folds_lines_and_keeps_paragraphs():
    assert text_tidy("  one\n two  three\n\n  four\n") == "one two three\n\nfour"

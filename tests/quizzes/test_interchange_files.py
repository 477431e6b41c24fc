"""Issue 19, finding 5: files inside Moodle XML texts (`@@PLUGINFILE@@` with base64 `<file>`
elements) become Wagtail images and documents in the course's collection, the text points at
them, bad files are a warning of their question, and export writes them back."""

import base64
import re
from pathlib import Path

import pytest
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection
from wagtail.rich_text import expand_db_html

from courses.factories import CoursePageFactory
from quizzes import factories as f
from quizzes.interchange import export_moodle_xml, parse_moodle_xml, questions_import
from quizzes.models import Question, QuestionCategory

FILES = Path(__file__).parent / "files"

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def _parsed():
    result = parse_moodle_xml((FILES / "files.xml").read_bytes())
    assert result.problems == []
    return {q.name: q for q in result.questions}


def test_files_are_checked_while_reading_and_nothing_is_saved():
    q = _parsed()
    assert set(q["Map"].files) == {"border map.png", "interview.mp3", "report.pdf", "road.png"}
    assert q["Map"].files["border map.png"].is_image
    assert not q["Map"].files["report.pdf"].is_image
    assert q["Map"].warnings == []
    bad = " ".join(q["Bad files"].warnings)
    assert "“photo.png” is not an image we can keep" in bad
    assert "“page.html”: files of this type are not kept" in bad
    assert "“gone.png” is shown in the text but not kept" in bad
    assert "Images from other sites are taken out" in bad
    assert "@@PLUGINFILE@@" not in q["Bad files"].text and "tracker" not in q["Bad files"].text
    assert "options are plain text" in q["Picture option"].warnings[0]
    assert q["Picture option"].options[0][0] == "Stop"
    assert not get_image_model().objects.exists() and not get_document_model().objects.exists()


def test_import_stores_images_and_documents_in_the_courses_collection():
    course = CoursePageFactory(title="Identifying victims")
    top = QuestionCategory.objects.create(name="Bank", course=course)
    result = parse_moodle_xml((FILES / "files.xml").read_bytes())
    questions_import(result=result, category=top, language="en")
    question = Question.objects.get(name="Map")
    images = get_image_model().objects.order_by("pk")
    assert [i.title for i in images] == ["border_map", "road"]
    assert {i.collection.name for i in images} == {"Identifying victims"}
    border = images[0]
    assert (border.width, border.height) == (4, 3)
    assert (
        f'<embed embedtype="image" id="{border.pk}" format="fullwidth" alt="Border map"/>'
        in question.text
    )
    documents = {d.title: d for d in get_document_model().objects.all()}
    assert set(documents) == {"interview", "report"}
    assert f'<a linktype="document" id="{documents["report"].pk}">' in question.text
    assert 'alt="Road"' in question.general_feedback
    rendered = expand_db_html(question.text)
    assert "<img" in rendered and documents["interview"].url in rendered
    assert "@@PLUGINFILE@@" not in question.text
    # Imported again into the course: the same bytes are reused.
    sub = QuestionCategory.objects.create(name="Again", parent=top)
    questions_import(result=parse_moodle_xml((FILES / "files.xml").read_bytes()),
                     category=sub, language="en")  # fmt: skip
    assert get_image_model().objects.count() == 2
    # The national bank's imports go to their own collection.
    national = QuestionCategory.objects.create(name="National")
    questions_import(result=parse_moodle_xml((FILES / "files.xml").read_bytes()),
                     category=national, language="en")  # fmt: skip
    assert get_image_model().objects.filter(collection__name="Question bank imports").count() == 2
    assert Collection.objects.filter(name="Question bank imports").count() == 1


def test_export_writes_the_files_back_and_a_round_trip_keeps_them():
    top = QuestionCategory.objects.create(name="Bank")
    questions_import(
        result=parse_moodle_xml((FILES / "files.xml").read_bytes()), category=top, language="en"
    )
    question = Question.objects.get(name="Map")
    original = {i.title: i.file.read() for i in get_image_model().objects.all()}
    xml = export_moodle_xml(Question.objects.filter(pk=question.pk))
    # (The storage may add a suffix to a name it already holds.)
    image = re.search(rb'&lt;img src="@@PLUGINFILE@@/(border_map[^"]*)" alt="Border map"&gt;', xml)
    assert image and b'<file name="%s" path="/" encoding="base64">' % image.group(1) in xml
    assert re.search(rb'&lt;a href="@@PLUGINFILE@@/report[^"]*.pdf"&gt;', xml)
    # Into a site that no longer has the files: they come back from the XML.
    get_image_model().objects.all().delete()
    get_document_model().objects.all().delete()
    result = parse_moodle_xml(xml)
    assert result.questions[0].warnings == []
    target = QuestionCategory.objects.create(name="Again")
    (copy,) = questions_import(result=result, category=target, language="en")
    images = {i.title: i for i in get_image_model().objects.all()}
    assert {t: images[t].file.read() for t in images} == original
    assert f'id="{images["border_map"].pk}"' in copy.text
    assert get_document_model().objects.count() == 2


def test_a_file_over_the_size_limit_is_a_warning(settings):
    from quizzes.interchange import embedded_files

    big = base64.b64encode(b"%PDF" + b"0" * (embedded_files.EMBEDDED_MAX_BYTES + 1)).decode()
    xml = (
        '<quiz><question type="truefalse"><name><text>T</text></name><questiontext '
        'format="html"><text><![CDATA[<p>Read <a href="@@PLUGINFILE@@/big.pdf">this</a>.</p>]]>'
        f'</text><file name="big.pdf" encoding="base64">{big}</file></questiontext>'
        '<answer fraction="100"><text>true</text></answer></question></quiz>'
    ).encode()
    (q,) = parse_moodle_xml(xml).questions
    assert q.importable and "larger than 5 MB" in q.warnings[0]
    assert "@@PLUGINFILE@@" not in q.text


@pytest.mark.parametrize(
    ("name", "safe"),
    [("../../etc/passwd.png", "passwd.png"), ("a b/ c?.PNG", "c.png"), ("...", "file")],
)
def test_file_names_are_made_safe(name, safe):
    from quizzes.interchange.embedded_files import safe_name

    assert safe_name(name) == safe


def test_a_rich_text_image_of_the_bank_is_exported():
    from wagtail.images.tests.utils import get_test_image_file

    image = get_image_model().objects.create(title="Chart", file=get_test_image_file())
    question = f.true_false()
    question.text = (
        f'<p>See:</p><embed embedtype="image" id="{image.pk}" format="left" alt="A chart"/>'
    )
    question.save()
    xml = export_moodle_xml(Question.objects.filter(pk=question.pk))
    assert b'alt="A chart"' in xml and b'encoding="base64"' in xml

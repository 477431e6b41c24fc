import csv
import io
import json

from django.urls import reverse

from caselaw.factories import CasePageFactory
from courses.factories import CoursePageFactory, LessonPageFactory, ModulePageFactory
from tests.conftest import in_serbian


def test_drafts_are_not_visible_to_learners(client, learner, library):
    client.force_login(learner)
    draft = library["draft"]
    listing = client.get(library["index"].url + "?country=gr").content.decode()
    assert "Unpublished draft" not in listing
    assert "Chowdury" in listing
    assert client.get(reverse("caselaw:case_json", args=[draft.pk])).status_code == 404
    assert client.get(reverse("caselaw:case_citation", args=[draft.pk])).status_code == 404
    export = client.get(reverse("caselaw:export_csv") + "?country=gr").content.decode()
    assert "Unpublished draft" not in export
    assert "Chowdury" in export


def test_case_page_shows_citation_related_cases_and_citing_lessons(client, learner, library):
    france = library["france"]
    france.application_numbers = "73316/01"
    france.ecli = "ECLI:CE:ECHR:2005:0726JUD007331601"
    france.save_revision().publish()
    course = CoursePageFactory()
    module = ModulePageFactory(parent=course)
    lesson = LessonPageFactory(
        parent=module,
        title="Servitude at home",
        body=[("case_law", {"case": france, "citation": "", "holding": "", "link_url": ""})],
    )
    hidden = LessonPageFactory(
        parent=module,
        title="Draft lesson",
        live=False,
        body=[("case_law", {"case": france, "citation": "", "holding": "", "link_url": ""})],
    )
    client.force_login(learner)
    html = client.get(france.url).content.decode()
    assert (
        "Siliadin v. France, no. 73316/01, ECtHR, 26 July 2005, ECLI:CE:ECHR:2005:0726JUD007331601"
        in html
    )
    assert lesson.url in html and hidden.title not in html
    # Related: shares positive obligations and domestic servitude.
    assert "J. and Others v. Austria" in html.split(in_serbian("Related cases"))[1]
    lesson_html = client.get(lesson.url).content.decode()
    assert "case-card" in lesson_html and france.url in lesson_html
    assert "Criminal law must effectively punish" in lesson_html


def test_exports(client, library):
    case = library["greek_farm"]
    data = json.loads(client.get(reverse("caselaw:case_json", args=[case.pk])).content)
    assert data["countries"] == ["gr"] and data["forms"] == ["forced-labour"]
    assert data["victims"][0]["count"] == 42
    text = client.get(reverse("caselaw:case_citation", args=[case.pk])).content.decode()
    assert text.startswith("Chowdury and Others v. Greece, ECtHR")


def test_csv_export_neutralises_formulas(client, library):
    CasePageFactory(title='=HYPERLINK("http://evil")', holding="+1+1", countries=["cy"])
    body = client.get(reverse("caselaw:export_csv") + "?country=cy").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0][0] == "title"
    assert rows[1][0] == '\'=HYPERLINK("http://evil")'
    assert rows[1][rows[0].index("holding")] == "'+1+1"


def test_csv_export_takes_a_bounded_number_of_queries(
    client, library, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    url = reverse("caselaw:export_csv")
    with django_assert_max_num_queries(60) as before:
        client.get(url)
    with django_capture_on_commit_callbacks(execute=True):  # a new version: built again
        for _ in range(10):
            CasePageFactory(countries=["gr"], forms=["slavery"], issues=["consent"])
    with django_assert_max_num_queries(len(before.captured_queries)):
        body = client.get(url).content.decode("utf-8-sig")
    assert len(body.strip().splitlines()) == 16

from wagtail.models import Locale, Revision

from caselaw.demo import case_pages_cited_by_demo, demo_library, load_caselaw
from caselaw.models import CaseIndexPage, CasePage
from courses.demo import load_courses

CASES = demo_library()[1]


def test_demo_library_is_loaded_linked_into_lessons_and_idempotent(db):
    load_courses()
    first = load_caselaw()
    assert first["created"] == 2 + 2 * len(CASES)  # both libraries, each case twice
    english = Locale.objects.get(language_code="en")
    assert CaseIndexPage.objects.filter(locale=english).exists()
    assert CasePage.objects.live().count() == 2 * len(CASES)

    cited = case_pages_cited_by_demo()
    assert len(cited) == 2 * len(CASES)
    uncited = [title for title, lessons in cited.items() if not lessons]
    assert uncited == []

    revisions = Revision.objects.count()
    load_courses()
    second = load_caselaw()
    assert second["created"] == 0 and second["updated"] == 0
    assert second["lessons linked"] == 0
    assert Revision.objects.count() == revisions
    assert all(lessons for lessons in case_pages_cited_by_demo().values())


def test_demo_cases_pass_validation_and_have_no_names(db):
    from caselaw.anonymity import case_anonymity_warnings

    load_courses()
    load_caselaw()
    for case in CasePage.objects.all():
        case.full_clean()
        assert case_anonymity_warnings(case) == [], case.title


def test_demo_library_reads_in_every_interface_language(client, db):
    load_courses()
    load_caselaw()
    english = Locale.objects.get(language_code="en")
    index_sr = CaseIndexPage.objects.exclude(locale=english).get()
    index_en = CaseIndexPage.objects.get(locale=english)
    cyrillic = client.get("/sr" + index_sr.url[len("/sr-latn") :] + "?form=forced-labour")
    assert cyrillic.status_code == 200
    html = cyrillic.content.decode()
    assert "chowdury-i-drugi-protiv-grcke" in html  # the case, linked
    assert "Принудни рад" in html  # the vocabulary, in the reader's script
    english_page = client.get(index_en.url + "?q=strawberry").content.decode()
    assert "Chowdury and Others v. Greece" in english_page
    assert "Forced labour" in english_page
    case_en = CasePage.objects.get(locale=english, slug="siliadin-v-france")
    html = client.get(case_en.url).content.decode()
    assert "Siliadin v. France, no. 73316/01, ECtHR, 26 July 2005" in html
    assert "ECLI:CE:ECHR:2005:0726JUD007331601" in html

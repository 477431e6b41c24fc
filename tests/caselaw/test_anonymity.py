import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from caselaw.anonymity import names_in
from caselaw.factories import case_index
from caselaw.models import CasePage, Country, Court


@pytest.mark.parametrize(
    "text",
    [
        "The victim, Marko Petrović, was recruited in Niš.",
        "Марко Петровић је врбован у Нишу.",
        "<p>Witness Ana-Marija Kovač testified.</p>",
        "Jean-Pierre Dubois employed her.",
    ],
)
def test_full_names_are_spotted_in_either_script(text):
    assert names_in(text)


@pytest.mark.parametrize(
    "text",
    [
        "Siliadin v. France",
        "Chowdury and Others v. Greece",
        "V.C.L. and A.N. v. the United Kingdom",
        "The European Court of Human Rights, Grand Chamber, held on 25 June 2020.",
        "Mrs Siliadin worked in Paris.",
        "Viši sud u Beogradu, Republika Srbija",
        "L.E. was recognised as a victim by the Athens Court.",
        "Criminal Code, Article 388",
    ],
)
def test_initials_courts_and_countries_are_not_names(text):
    assert names_in(text) == []


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser(email="editor@example.org", password="x")


def _case_form(summary: str, victim_label: str = "") -> dict:
    court = Court.objects.get(short_name="ECtHR")
    data = nested_form_data(
        {
            "title": "A.B. v. Serbia",
            "slug": "ab-v-serbia",
            "court": court.pk,
            "decision_date": "2020-01-01",
            "language": "English",
            "scope": "unknown",
            "organised_group": "",
            "outcome": "violation",
            "holding": "The State failed to investigate.",
            "summary": rich_text(summary),
            "significance": rich_text(""),
            "provisions": inline_formset([]),
            "victim_groups": inline_formset(
                [
                    {
                        "count": 1,
                        "sex": "female",
                        "age_group": "adult",
                        "status": "citizen",
                        "nationality": "",
                        "label": victim_label,
                    }
                ]
            ),
            "defendant_groups": inline_formset([]),
        }
    )
    data["countries"] = [Country.objects.get(slug="rs").pk]
    return data


def _create(client, data):
    index = case_index()
    url = reverse("wagtailadmin_pages:add", args=("caselaw", "casepage", index.pk))
    return client.post(url, data)


def test_editor_is_warned_but_may_save_a_case_that_names_a_person(client, editor, mfa_login):
    mfa_login(client, editor)
    response = _create(client, _case_form("<p>Milica Jovanović was recruited.</p>"))
    assert response.status_code == 302, [
        (k, v) for k, v in response.context["form"].errors.items()
    ] + [response.context["form"].formsets[n].errors for n in response.context["form"].formsets]
    assert CasePage.objects.filter(slug="ab-v-serbia").exists()
    warnings = [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
    assert any("Milica Jovanović" in w for w in warnings)


def test_victim_group_label_with_a_full_name_is_warned_about(client, editor, mfa_login):
    mfa_login(client, editor)
    response = _create(client, _case_form("<p>The applicant was recruited.</p>", "Jelena Ilić"))
    assert response.status_code == 302
    warnings = [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
    assert any("Jelena Ilić" in w for w in warnings)


def test_no_warning_for_initials(client, editor, mfa_login):
    mfa_login(client, editor)
    response = _create(client, _case_form("<p>A.B. was recruited in Niš.</p>", "A.B."))
    assert response.status_code == 302
    warnings = [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
    assert warnings == []


@pytest.mark.parametrize(
    "text",
    [
        "C.N. protiv Ujedinjenog Kraljevstva",
        "Veliko veće Evropskog suda",
        "Ujedinjenih Arapskih Emirata",
    ],
)
def test_inflected_serbian_country_and_court_names_are_not_names(text):
    assert names_in(text) == []


def test_the_editor_shows_the_notice_when_opening_a_case(client, editor, mfa_login, english):
    from caselaw.factories import CasePageFactory

    case = CasePageFactory(summary="<p>Marija Petrović was recruited.</p>")
    mfa_login(client, editor)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[case.pk])).content.decode()
    assert "may hold a person&#x27;s full name" in html or "may hold a person's full name" in html
    assert "Marija Petrović" in html
    clean = CasePageFactory(summary="<p>M.P. was recruited.</p>")
    html = client.get(reverse("wagtailadmin_pages:edit", args=[clean.pk])).content.decode()
    assert "full name. Records" not in html

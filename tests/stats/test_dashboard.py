import io

import pytest
from openpyxl import load_workbook

from .conftest import enrol

URL = "/admin/stats/"


@pytest.fixture
def figures(tree, people, course):
    bg, ni = people["bg"], people["ni"]
    for person in bg[:4]:
        enrol(person, course, completed="2026-01-20")
    enrol(bg[4], course, started="2026-02-03")
    enrol(bg[5], course)
    enrol(ni[0], course, completed="2026-01-11")
    enrol(ni[1], course)
    return people


def test_dashboard_needs_mfa_and_a_statistics_role(client, analyst, learner, trainer, mfa_login):
    client.force_login(analyst)
    response = client.get(URL)
    assert response.status_code == 302  # to MFA setup
    mfa_login(client, trainer)
    assert client.get(URL).status_code in (302, 403)
    mfa_login(client, analyst)
    assert client.get(URL).status_code == 200


def test_dashboard_shows_headline_table_and_charts(client, analyst, figures, course, mfa_login):
    mfa_login(client, analyst)
    response = client.get(URL, {"course": course.pk})
    assert response.status_code == 200
    html = response.content.decode()
    assert "PU-BG" in html and "PU-NI" in html
    assert 'role="img"' in html
    assert "<svg" in html
    assert "?institution=PU-BG" in html or "institution=PU-BG" in html


def test_drill_down_and_out_of_scope_code(client, analyst_bg, figures, course, mfa_login):
    mfa_login(client, analyst_bg)
    response = client.get(URL, {"course": course.pk, "institution": "PU-NI"})
    assert response.status_code == 400
    assert "PS-NI-1" not in response.content.decode()
    response = client.get(URL, {"course": course.pk, "institution": "MUP"})
    assert response.status_code == 400


def test_export_xlsx_and_csv_match_the_table(client, administrator, figures, course, mfa_login):
    mfa_login(client, administrator)
    params = {"course": course.pk, "institution": "MUP", "view": "institution"}
    response = client.get(URL, {**params, "export": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    data = {r[1]: r for r in rows if len(r) > 4}
    assert data["PU-BG"][2:5] == (6, 5, 4)
    csv = client.get(URL, {**params, "export": "csv"}).content.decode("utf-8-sig")
    assert "PU-NI" in csv


def test_sort_is_server_side(client, administrator, figures, course, mfa_login):
    mfa_login(client, administrator)
    html = client.get(
        URL, {"course": course.pk, "institution": "MUP", "sort": "-enrolled"}
    ).content.decode()
    assert html.index("PU-BG") < html.index("PU-NI")
    html = client.get(
        URL, {"course": course.pk, "institution": "MUP", "sort": "enrolled"}
    ).content.decode()
    assert html.index("PU-NI") < html.index("PU-BG")


def test_invalid_filters_are_refused_with_reasons(client, administrator, mfa_login):
    mfa_login(client, administrator)
    response = client.get(URL, {"from": "2026-05-01", "to": "2026-01-01", "course": "x"})
    assert response.status_code == 400


@pytest.mark.parametrize("view", ["institution", "profession", "region", "month", "people"])
def test_every_view_exports(client, administrator, figures, course, mfa_login, view):
    mfa_login(client, administrator)
    response = client.get(URL, {"course": course.pk, "view": view, "export": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')


def test_people_list_is_for_managers_only(client, analyst, manager_bg, figures, course, mfa_login):
    mfa_login(client, analyst)
    refused = client.get(URL, {"course": course.pk, "view": "people"})
    assert refused.status_code == 403
    mfa_login(client, manager_bg)
    response = client.get(URL, {"course": course.pk, "view": "people"})
    assert response.status_code == 200
    assert figures["bg"][5].email in response.content.decode()
    assert figures["ni"][1].email not in response.content.decode()
    response = client.get(URL, {"course": course.pk, "view": "people", "institution": "PU-NI"})
    assert response.status_code == 400


def test_formula_cells_are_neutralised_in_csv():
    from stats.exports import as_csv

    text = as_csv(["a"], [["=HYPERLINK(1)"], ["@SUM"], [-3], ["+HYPERLINK(1)"]])
    lines = text.decode("utf-8-sig").splitlines()
    assert lines[1:] == ["'=HYPERLINK(1)", "'@SUM", "-3", "'+HYPERLINK(1)"]


def test_formula_cells_are_text_cells_in_xlsx():
    from stats.exports import as_xlsx

    content = as_xlsx(
        ["=a"], [["=HYPERLINK(1)"], ["@SUM"], [-3]], title="t", preamble=[["=b", "+c"]]
    )
    sheet = load_workbook(io.BytesIO(content)).active
    cells = [c for row in sheet.iter_rows() for c in row if c.value is not None]
    assert [c.value for c in cells] == ["=b", "+c", "=a", "=HYPERLINK(1)", "@SUM", -3]
    assert [c.data_type for c in cells] == ["s", "s", "s", "s", "s", "n"]


@pytest.mark.parametrize("export", ["csv", "xlsx"])
@pytest.mark.parametrize("code", ["PU-NI", "PS-NI-1", "MUP"])
def test_export_url_with_another_subtrees_code_is_refused(
    client, analyst_bg, figures, course, mfa_login, export, code
):
    mfa_login(client, analyst_bg)
    response = client.get(URL, {"course": course.pk, "institution": code, "export": export})
    assert response.status_code == 400
    assert "Content-Disposition" not in response


def test_export_of_the_own_subtree_has_only_its_rows(
    client, analyst_bg, figures, course, mfa_login
):
    mfa_login(client, analyst_bg)
    csv = client.get(URL, {"course": course.pk, "export": "csv"}).content.decode("utf-8-sig")
    assert "PS-BG-1" in csv
    assert "PU-NI" not in csv and "PS-NI-1" not in csv


def test_dashboard_queries_do_not_grow_with_institutions(
    client, administrator, tree, course, mfa_login, django_assert_max_num_queries
):
    from accounts.factories import UserFactory
    from institutions.factories import InstitutionFactory

    for i in range(25):
        station = InstitutionFactory(parent=tree["belgrade"], code=f"PS-BG-Q{i}")
        enrol(UserFactory(institution=station), course, completed="2026-01-20")
    mfa_login(client, administrator)
    client.get(URL, {"course": course.pk, "institution": "PU-BG"})  # warm caches
    with django_assert_max_num_queries(45):
        response = client.get(URL, {"course": course.pk, "institution": "PU-BG"})
    assert response.status_code == 200
    assert response.content.decode().count("PS-BG-Q") >= 25


def test_protected_dashboard_queries_do_not_grow_with_institutions(
    client, analyst, tree, course, mfa_login, django_assert_max_num_queries
):
    """The disclosure control adds a fixed number of grouped queries per table (one per
    filter it looks across, and the period's edge months), not one per row."""
    from accounts.factories import UserFactory
    from institutions.factories import InstitutionFactory

    for i in range(25):
        station = InstitutionFactory(parent=tree["belgrade"], code=f"PS-BG-Q{i}")
        for _ in range(2):
            enrol(UserFactory(institution=station), course, completed="2026-01-20")
    mfa_login(client, analyst)
    params = {"course": course.pk, "institution": "PS-BG-Q1", "region": "national"}
    params |= {"profession": "police_officer", "from": "2026-01-01", "to": "2026-03-31"}
    client.get(URL, params)  # warm caches
    with django_assert_max_num_queries(150):
        response = client.get(URL, params)
    assert response.status_code == 200
    with django_assert_max_num_queries(150):
        response = client.get(URL, {**params, "institution": "PU-BG"})
    assert response.status_code == 200
    assert response.content.decode().count("PS-BG-Q") >= 25


def test_charts_read_right_in_serbian(client, analyst, figures, course, mfa_login):
    """SVG coordinates stay numbers in a language with a decimal comma, and the chart
    titles are translated."""
    import re

    from tests.conftest import in_serbian

    mfa_login(client, analyst)
    html = client.get(URL, {"course": course.pk}).content.decode()
    svg = "".join(re.findall(r"<svg.*?</svg>", html, flags=re.S))
    assert svg
    for value in re.findall(r'\b(?:x|y|x1|x2|y1|y2|width|height)="([^"]*)"', svg):
        assert re.fullmatch(r"-?\d+(\.\d+)?", value), value
    assert in_serbian("Completions per month") != "Completions per month"
    assert in_serbian("Completions per month") in html

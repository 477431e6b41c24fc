import io

import pytest
from openpyxl import load_workbook

from stats.models import ApiToken
from stats.selectors import SUPPRESSED
from stats.services import api_token_create

from .conftest import enrol


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


def bearer(key):
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_token_is_stored_as_a_digest_only(analyst):
    token, key = api_token_create(user=analyst, name="Sheets")
    row = ApiToken.objects.get(pk=token.pk)
    assert key not in (row.digest, row.prefix, row.name)
    assert len(row.digest) == 64
    assert key.startswith(row.prefix)


def test_token_page_shows_a_new_token_once(client, analyst, mfa_login):
    mfa_login(client, analyst)
    response = client.post("/admin/stats/tokens/", {"name": "Monthly"}, follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    token = ApiToken.objects.get(user=analyst)
    start = html.index('id="new-token">') + len('id="new-token">')
    key = html[start : html.index("</code>", start)]
    assert key.startswith(token.prefix) and len(key) > 30
    assert "no-store" in response["Cache-Control"]
    again = client.get("/admin/stats/tokens/").content.decode()
    assert key not in again
    assert token.prefix in again


def test_api_needs_a_live_token(client, analyst, figures):
    assert client.get("/api/v1/stats/summary/").status_code == 401
    assert client.get("/api/v1/stats/summary/", **bearer("st_nonsense")).status_code == 401
    token, key = api_token_create(user=analyst, name="x")
    assert client.get("/api/v1/stats/summary/", **bearer(key)).status_code == 200
    from stats.services import api_token_revoke

    api_token_revoke(token=token, actor=analyst)
    response = client.get("/api/v1/stats/summary/", **bearer(key))
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_revoke_through_the_admin_page(client, analyst, mfa_login, figures):
    token, key = api_token_create(user=analyst, name="x")
    mfa_login(client, analyst)
    client.post("/admin/stats/tokens/", {"revoke": token.pk})
    assert client.get("/api/v1/stats/summary/", **bearer(key)).status_code == 401


def test_someone_elses_token_cannot_be_revoked(client, analyst, manager_bg, mfa_login):
    token, _key = api_token_create(user=analyst, name="x")
    mfa_login(client, manager_bg)
    response = client.post("/admin/stats/tokens/", {"revoke": token.pk})
    assert response.status_code == 400
    token.refresh_from_db()
    assert token.revoked_at is None


def test_learner_token_is_refused(client, learner):
    _token, key = api_token_create(user=learner, name="x")
    assert client.get("/api/v1/stats/summary/", **bearer(key)).status_code == 403


def test_token_follows_the_owners_roles(client, analyst, tree):
    from accounts.models import Role
    from accounts.services import role_revoke

    _token, key = api_token_create(user=analyst, name="x")
    role_revoke(user=analyst, role=Role.MINISTRY_ANALYST, institution=tree["ministry"])
    assert client.get("/api/v1/stats/summary/", **bearer(key)).status_code == 403


@pytest.mark.parametrize(
    "params, field",
    [
        ({"institution": "PU-NI"}, "institution"),
        ({"institution": "MUP"}, "institution"),
        ({"institution": "NO-SUCH"}, "institution"),
        ({"course": "abc"}, "course"),
        ({"course": "999999"}, "course"),
        ({"from": "2026-13-01"}, "from"),
        ({"from": "2026-05-01", "to": "2026-01-01"}, "to"),
        ({"profession": "astronaut"}, "profession"),
        ({"region": "atlantis"}, "region"),
    ],
)
def test_bad_or_out_of_scope_parameters_are_400_with_reason(
    client, analyst_bg, figures, params, field
):
    _token, key = api_token_create(user=analyst_bg, name="x")
    for endpoint in ("summary", "by-institution", "by-profession", "by-region", "by-month"):
        response = client.get(f"/api/v1/stats/{endpoint}/", params, **bearer(key))
        assert response.status_code == 400, endpoint
        assert field in response.json()["errors"]
        assert "PS-NI-1" not in response.content.decode()


def test_api_is_scoped_to_the_owner(client, analyst_bg, figures, course, settings):
    settings.STATS_MIN_CELL = 1  # scope, not disclosure control (test_disclosure.py)
    _token, key = api_token_create(user=analyst_bg, name="x")
    data = client.get("/api/v1/stats/by-institution/", **bearer(key)).json()
    assert [r["code"] for r in data["results"]] == ["PS-BG-1"]
    summary = client.get("/api/v1/stats/summary/", **bearer(key)).json()
    assert summary["figures"]["enrolled"] == 6


def test_pagination(client, administrator, figures):
    _token, key = api_token_create(user=administrator, name="x")
    data = client.get(
        "/api/v1/stats/by-institution/", {"institution": "MUP", "page_size": 1}, **bearer(key)
    ).json()
    assert data["count"] == 2
    assert len(data["results"]) == 1
    assert "page=2" in data["next"]


def test_figures_agree_across_dashboard_export_and_api(client, analyst, figures, course, mfa_login):
    """The same analyst, the same filters: the dashboard's table, the XLSX and the API."""
    params = {"course": course.pk, "institution": "MUP"}
    _token, key = api_token_create(user=analyst, name="x")
    api_rows = {
        r["code"]: r
        for r in client.get("/api/v1/stats/by-institution/", params, **bearer(key)).json()[
            "results"
        ]
    }
    mfa_login(client, analyst)
    xlsx = client.get("/admin/stats/", {**params, "view": "institution", "export": "xlsx"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    xlsx_rows = {r[1]: r for r in sheet.iter_rows(values_only=True) if r[1] in api_rows}
    html = client.get("/admin/stats/", params).content.decode()
    names = ["enrolled", "started", "completed"]
    for code, row in api_rows.items():
        assert list(xlsx_rows[code][2:5]) == [row[n] for n in names]
        for n in names:
            assert f"<td>{row[n]}</td>" in html
    # PU-NI has 2 enrolled, 1 completed: hidden from the ministry analyst everywhere, and
    # PU-BG's figures with it (the total would give PU-NI's away).
    assert api_rows["PU-NI"]["enrolled"] == SUPPRESSED
    assert xlsx_rows["PU-NI"][2] == SUPPRESSED
    assert api_rows["PU-BG"]["enrolled"] == xlsx_rows["PU-BG"][2] == SUPPRESSED


def test_schema_and_docs_are_served_without_cdn(client):
    schema = client.get("/api/v1/schema/", {"format": "json"})
    assert schema.status_code == 200
    assert "/api/v1/stats/summary/" in schema.json()["paths"]
    docs = client.get("/api/v1/docs/")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "swagger-ui" in html
    assert "cdn." not in html and "jsdelivr" not in html
    # No inline script (the site's CSP refuses it): the start-up script is its own request.
    assert "<script>" not in html
    assert "script-src 'self'" in docs["Content-Security-Policy"]
    start_up = client.get("/api/v1/docs/", {"script": ""})
    assert start_up.status_code == 200
    assert "/api/v1/schema/" in start_up.content.decode()


def test_page_out_of_range_is_a_bad_parameter(client, administrator, figures):
    _token, key = api_token_create(user=administrator, name="x")
    response = client.get("/api/v1/stats/by-region/", {"page": 99}, **bearer(key))
    assert response.status_code == 400
    assert "page" in response.json()["errors"]

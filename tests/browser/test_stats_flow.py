"""A ministry analyst (TOTP passed) opens the statistics dashboard, drills down from the
ministry to a police administration, downloads the XLSX, makes an API token and pulls the
same figures from the API."""

import io
import re

from openpyxl import load_workbook
from playwright.sync_api import expect

from accounts.factories import UserFactory
from courses.factories import CoursePageFactory
from tests.stats.conftest import enrol


def _staff_session_cookie(live_server, user, mfa_login) -> dict:
    from django.test import Client

    client = mfa_login(Client(), user)
    return {"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}


def test_analyst_drills_down_exports_and_pulls_the_api(
    page, live_server, tree, analyst, mfa_login, tmp_path
):
    course = CoursePageFactory(title="Identifying victims")
    for _ in range(6):
        enrol(UserFactory(institution=tree["station_bg"]), course, completed="2026-01-20")
    for _ in range(2):
        enrol(UserFactory(institution=tree["station_bg"]), course, started="2026-02-01")
    # Five in Niš: a hidden Niš would hide Belgrade with it (9 − 8), and the drill-down too.
    for _ in range(5):
        enrol(UserFactory(institution=tree["station_ni"]), course)

    page.context.add_cookies([_staff_session_cookie(live_server, analyst, mfa_login)])
    page.goto(f"/admin/stats/?course={course.pk}")
    table = page.locator("table.stats-table")
    expect(table).to_contain_text("PU-BG")
    expect(page.locator("svg[role=img]").first).to_be_visible()

    # Drill down: the ministry → the Belgrade police administration.
    table.locator("tr", has_text="PU-BG").get_by_role("link").click()
    expect(page).to_have_url(re.compile(r"institution=PU-BG"))
    expect(table).to_contain_text("PS-BG-1")
    row = table.locator("tr", has_text="PS-BG-1")
    expect(row.locator("td").nth(0)).to_have_text("8")  # enrolled
    expect(row.locator("td").nth(2)).to_have_text("6")  # completed

    with page.expect_download() as download_info:
        page.locator("a[href*='export=xlsx']").first.click()
    path = tmp_path / "statistics.xlsx"
    download_info.value.save_as(path)
    rows = list(load_workbook(io.BytesIO(path.read_bytes())).active.iter_rows(values_only=True))
    station = next(r for r in rows if r[1] == "PS-BG-1")
    # "started" rests on a month with fewer than K starts: protected for an analyst, the
    # same in every door.
    assert station[2:5] == (8, "x", 6)

    # A token, shown once, and the same figures from the API.
    page.goto("/admin/stats/tokens/")
    page.locator("input[name=name]").fill("Spreadsheet")
    page.locator("main form button[type=submit]").last.click()
    key = page.locator("#new-token").inner_text()
    response = page.request.get(
        f"/api/v1/stats/by-institution/?course={course.pk}&institution=PU-BG",
        headers={"Authorization": f"Bearer {key}"},
    )
    assert response.ok
    api_row = next(r for r in response.json()["results"] if r["code"] == "PS-BG-1")
    assert (api_row["enrolled"], api_row["started"], api_row["completed"]) == (8, "x", 6)
    page.reload()
    expect(page.locator("#new-token")).to_have_count(0)


def test_statistics_filters_do_not_cover_each_other(page, live_server, tree, analyst, mfa_login):
    CoursePageFactory(title="Identifying and referring victims of trafficking in human beings " * 2)
    page.context.add_cookies([_staff_session_cookie(live_server, analyst, mfa_login)])
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto("/admin/stats/")
        boxes = page.evaluate(
            "[...document.querySelectorAll("
            "'.stats-filters__fields select, .stats-filters__fields input:not([type=hidden])'"
            ")].map(e => { const r = e.getBoundingClientRect();"
            " return [e.name, r.left, r.top, r.right, r.bottom]; })"
        )
        assert len(boxes) >= 3
        for i, (name_a, *a) in enumerate(boxes):
            for name_b, *b in boxes[i + 1 :]:
                overlap = (
                    a[0] < b[2] - 1 and b[0] < a[2] - 1 and a[1] < b[3] - 1 and b[1] < a[3] - 1
                )
                assert not overlap, f"{name_a} covers {name_b} at {width} px"

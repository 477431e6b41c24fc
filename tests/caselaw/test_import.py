import csv
import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from caselaw.exports import CSV_COLUMNS
from caselaw.factories import case_index
from caselaw.models import CasePage

GOOD = {
    "title": "A.B. v. Serbia",
    "court": "ECtHR",
    "countries": "rs",
    "application_numbers": "12345/20",
    "ecli": "ECLI:CE:ECHR:2023:0101JUD001234520",
    "decision_date": "2023-01-01",
    "forms": "forced-labour;domestic-servitude",
    "legal_issues": "positive-obligations",
    "outcome": "violation",
    "key_case": "yes",
    "holding": "The State did not investigate.",
    "summary": "The applicant worked without pay.",
    "audience_professions": "judge;prosecutor",
}

pytestmark = pytest.mark.usefixtures("english")


def csv_file(rows, name="cases.csv"):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
    return SimpleUploadedFile(name, out.getvalue().encode("utf-8"), content_type="text/csv")


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser(email="importer@example.org", password="x")


def post(client, upload, publish=False):
    data = {"file": upload, "index": case_index().pk}
    if publish:
        data["publish"] = "on"
    return client.post(reverse("caselaw_import"), data)


def test_a_good_csv_is_imported_as_drafts(client, editor, mfa_login):
    mfa_login(client, editor)
    second = {**GOOD, "title": "C.D. v. Serbia", "ecli": "", "countries": "rs;hr"}
    response = post(client, csv_file([GOOD, second]))
    assert response.status_code == 302
    cases = CasePage.objects.order_by("title")
    assert [c.title for c in cases] == ["A.B. v. Serbia", "C.D. v. Serbia"]
    assert not any(c.live for c in cases)
    first = cases[0]
    assert {f.slug for f in first.exploitation_forms.all()} == {
        "forced-labour",
        "domestic-servitude",
    }
    assert first.key_case and first.audience_professions == ["judge", "prosecutor"]
    assert first.summary == "<p>The applicant worked without pay.</p>"
    assert {c.slug for c in cases[1].countries.all()} == {"rs", "hr"}


def test_bad_rows_import_nothing_and_say_what_is_wrong(client, editor, mfa_login):
    mfa_login(client, editor)
    rows = [
        GOOD,
        {**GOOD, "title": "E.F. v. Serbia", "ecli": "ECLI:bad", "forms": "dancing"},
        {
            **GOOD,
            "title": "G.H. v. Serbia",
            "ecli": "",
            "court": "Moon Court",
            "decision_date": "2023-13-01",
        },
        {**GOOD, "ecli": ""},  # same title as row 1: same address
    ]
    response = post(client, csv_file(rows), publish=True)
    assert response.status_code == 400
    assert CasePage.objects.count() == 0
    html = response.content.decode()
    assert "3 rows have problems; nothing was imported." in html
    assert "Row 2" in html and "ECLI:&lt;country&gt;" in html and "“dancing”" in html
    assert "Row 3" in html and "Moon Court" in html and "decision_date" in html
    assert "Row 4" in html and "“ab-v-serbia” exists already" in html
    assert "Row 1:" not in html


def test_json_import_with_groups_and_a_name_warning(client, editor, mfa_login):
    mfa_login(client, editor)
    case = {
        **GOOD,
        "countries": ["rs"],
        "forms": ["forced-labour"],
        "key_case": True,
        "summary": "<p>Petar Nikolić recruited the workers.</p>",
        "provisions": [{"instrument": "ECHR", "article": "Art. 4", "outcome": "violation"}],
        "victims": [{"count": 12, "sex": "male", "age_group": "adult", "status": "citizen"}],
        "defendants": [{"count": 1, "sex": "male", "role": "recruiter"}],
    }
    upload = SimpleUploadedFile("cases.json", json.dumps([case]).encode(), "application/json")
    response = post(client, upload, publish=True)
    assert response.status_code == 302
    imported = CasePage.objects.get()
    assert imported.live
    assert imported.victim_groups.get().count == 12
    assert imported.provisions.get().article == "Art. 4"
    warnings = [str(m) for m in response.wsgi_request._messages if m.level_tag == "warning"]
    assert any("Petar Nikolić" in w for w in warnings)


def test_json_with_a_bad_group_imports_nothing(client, editor, mfa_login):
    mfa_login(client, editor)
    case = {**GOOD, "victims": [{"count": 2, "sex": "robot", "age_group": "adult"}]}
    upload = SimpleUploadedFile("cases.json", json.dumps([case]).encode(), "application/json")
    response = post(client, upload)
    assert response.status_code == 400
    assert "victims 1" in response.content.decode()
    assert CasePage.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("cases.txt", b"x", "Upload a .csv or a .json file."),
        ("cases.json", b"{not json", "not valid JSON"),
        ("cases.json", b"[1, 2]", "list of cases"),
        ("cases.csv", b"\xff\xfe\x00", "not UTF-8"),
        ("cases.csv", b"title,court\n", "no cases"),
    ],
)
def test_unreadable_files_are_refused_clearly(client, editor, mfa_login, name, content, message):
    mfa_login(client, editor)
    response = post(client, SimpleUploadedFile(name, content))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert CasePage.objects.count() == 0


def test_a_trainer_without_page_permission_cannot_import(client, trainer, mfa_login):
    case_index()
    mfa_login(client, trainer)
    response = client.get(reverse("caselaw_import"))
    assert response.status_code in (302, 403)
    response = post(client, csv_file([GOOD]))
    assert response.status_code in (302, 403)
    assert CasePage.objects.count() == 0


def test_a_trainer_given_the_library_may_import_drafts_only(client, trainer, mfa_login):
    from django.contrib.auth.models import Group
    from wagtail.models import GroupPagePermission

    index = case_index()
    group = Group.objects.get(name="Trainers")
    GroupPagePermission.objects.create(group=group, page=index, permission_type="add")
    mfa_login(client, trainer)
    assert client.get(reverse("caselaw_import")).status_code == 200
    assert post(client, csv_file([GOOD]), publish=True).status_code in (302, 403)
    assert CasePage.objects.count() == 0
    assert post(client, csv_file([GOOD])).status_code == 302
    assert CasePage.objects.get().live is False

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from accounts import imports
from accounts.factories import UserFactory
from accounts.imports import import_progress_key
from accounts.models import Role, User
from institutions.models import ImportJob, ImportStatus, Institution
from tests.accounts.import_samples import (
    INSTITUTION_HEADER,
    USER_HEADER,
    csv_bytes,
    csv_upload,
    institution_row,
    user_row,
    xlsx_upload,
)

pytestmark = pytest.mark.django_db

UPLOAD_URL = "/en/manage/import/"


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def manager_ni(tree):
    return UserFactory(institution=tree["nis"], roles=[(Role.INSTITUTION_MANAGER, tree["nis"])])


def job_of(user, **fields):
    fields = {"kind": "institutions", "file_name": "old.csv", "total_rows": 10, **fields}
    return ImportJob.objects.create(created_by=user, **fields)


def post(client, kind, upload):
    return client.post(UPLOAD_URL, {"kind": kind, "file": upload})


def test_url_names_resolve_under_manage():
    assert reverse("onboarding:import_upload") == "/sr-latn/manage/import/"
    assert reverse("onboarding:import_job", kwargs={"pk": 3}) == "/sr-latn/manage/import/3/"
    assert (
        reverse("onboarding:import_template", kwargs={"kind": "users"})
        == "/sr-latn/manage/import/templates/users.csv"
    )


# --- Who may use the pages -----------------------------------------------------------


def test_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get(UPLOAD_URL)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("fixture", ["learner", "trainer", "analyst"])
@pytest.mark.parametrize(
    "url", [UPLOAD_URL, "/en/manage/import/templates/users.csv"], ids=["upload", "template"]
)
def test_people_without_an_import_role_get_403(client, mfa_login, request, fixture, url):
    mfa_login(client, request.getfixturevalue(fixture))
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("fixture", ["learner", "trainer", "analyst"])
def test_people_without_an_import_role_cannot_upload(client, mfa_login, request, fixture, tree):
    mfa_login(client, request.getfixturevalue(fixture))
    response = post(client, "institutions", csv_upload([INSTITUTION_HEADER, institution_row("X")]))
    assert response.status_code == 403
    assert not Institution.objects.filter(code="X").exists()
    assert not ImportJob.objects.exists()


@pytest.mark.parametrize("fixture", ["learner", "trainer", "analyst"])
def test_people_without_an_import_role_cannot_see_a_job(
    client, mfa_login, request, fixture, administrator
):
    job = job_of(administrator)
    mfa_login(client, request.getfixturevalue(fixture))
    assert client.get(f"/en/manage/import/{job.pk}/").status_code == 403


def test_manager_without_mfa_session_is_sent_to_set_it_up(client, manager_bg):
    client.force_login(manager_bg)
    response = client.get(UPLOAD_URL)
    assert response.status_code == 302
    assert "/2fa/totp/activate/" in response["Location"]


def test_manager_cannot_reach_another_managers_job(client, mfa_login, manager_bg, manager_ni):
    job = job_of(manager_ni)
    mfa_login(client, manager_bg)
    assert client.get(f"/en/manage/import/{job.pk}/").status_code == 404


def test_manager_does_not_see_another_managers_jobs_in_the_list(
    client, mfa_login, manager_bg, manager_ni
):
    job_of(manager_ni, status=ImportStatus.DONE, file_name="their-file.csv")
    job_of(manager_bg, status=ImportStatus.DONE, file_name="my-file.csv")
    mfa_login(client, manager_bg)
    page = client.get(UPLOAD_URL).content.decode()
    assert "my-file.csv" in page
    assert "their-file.csv" not in page


def test_administrator_can_follow_a_managers_job(client, mfa_login, administrator, manager_bg):
    job = job_of(manager_bg, status=ImportStatus.DONE)
    mfa_login(client, administrator)
    assert client.get(f"/en/manage/import/{job.pk}/").status_code == 200


def test_manager_can_follow_their_own_job(client, mfa_login, manager_bg):
    job = job_of(manager_bg, status=ImportStatus.DONE)
    mfa_login(client, manager_bg)
    assert client.get(f"/en/manage/import/{job.pk}/").status_code == 200


# --- Upload page and templates -----------------------------------------------------------


@pytest.mark.parametrize("fixture", ["administrator", "manager_bg"])
def test_upload_page_lists_columns_and_allowed_values(client, mfa_login, request, fixture):
    mfa_login(client, request.getfixturevalue(fixture))
    response = client.get(UPLOAD_URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'enctype="multipart/form-data"' in page
    for value in ("court_basic", "police_officer", "nisava", "sr-latn", "institution_code"):
        assert value in page
    assert "/en/manage/import/templates/institutions.csv" in page
    assert "/en/manage/import/templates/users.csv" in page
    assert "<script" not in page.split("</main>")[0].split('<main id="main"')[1]


@pytest.mark.parametrize(
    ("kind", "header"), [("institutions", INSTITUTION_HEADER), ("users", USER_HEADER)]
)
def test_csv_template_can_be_downloaded(client, mfa_login, administrator, kind, header):
    mfa_login(client, administrator)
    response = client.get(f"/en/manage/import/templates/{kind}.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert f'filename="{kind}-template.csv"' in response["Content-Disposition"]
    assert response.content.decode("utf-8-sig").strip().split(",") == header


def test_template_of_an_unknown_kind_is_404(client, mfa_login, administrator):
    mfa_login(client, administrator)
    assert client.get("/en/manage/import/templates/passwords.csv").status_code == 404


# --- Uploading ----------------------------------------------------------------------------


def test_good_csv_of_institutions_is_imported_and_the_job_page_says_so(
    client, mfa_login, administrator, tree
):
    mfa_login(client, administrator)
    upload = csv_upload(
        [
            INSTITUTION_HEADER,
            institution_row("PS-BG-2", "PU-BG"),
            institution_row("PS-BG-3", "PU-BG"),
        ]
    )
    response = post(client, "institutions", upload)
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/en/manage/import/{job.pk}/"
    assert job.status == ImportStatus.DONE
    assert Institution.objects.filter(code__in=["PS-BG-2", "PS-BG-3"]).count() == 2
    page = client.get(response["Location"]).content.decode()
    assert "2 institutions were added." in page
    assert 'http-equiv="refresh"' not in page


def test_good_xlsx_of_users_from_a_manager_is_imported_and_invitations_go_out(
    client, mfa_login, manager_bg, tree, django_capture_on_commit_callbacks
):
    mfa_login(client, manager_bg)
    upload = xlsx_upload(
        [USER_HEADER, user_row("ana@example.org", "PS-BG-1"), user_row("bo@example.org", "PU-BG")]
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, "users", upload)
    assert response.status_code == 302
    assert set(
        User.objects.filter(institution__code__in=["PS-BG-1", "PU-BG"]).values_list(
            "email", flat=True
        )
    ) >= {"ana@example.org", "bo@example.org"}
    assert sorted(message.to[0] for message in mail.outbox) == ["ana@example.org", "bo@example.org"]
    assert "http://testserver/" in mail.outbox[0].body
    page = client.get(response["Location"]).content.decode()
    assert "2 rows were imported." in page


def test_every_bad_row_is_listed_with_its_line_and_nothing_is_imported(
    client, mfa_login, administrator, tree, django_capture_on_commit_callbacks
):
    mfa_login(client, administrator)
    upload = csv_upload(
        [
            USER_HEADER,
            user_row("good@example.org"),
            user_row("not-an-email"),
            user_row("other@example.org", "NOWHERE"),
            user_row("good@example.org"),
        ]
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, "users", upload)
    assert response.status_code == 200
    assert [t.name for t in response.templates][0] == "institutions/import_invalid.html"
    errors = [(e.line, e.column) for e in response.context["errors"]]
    assert errors == [(3, "email"), (4, "institution_code"), (5, "email")]
    page = response.content.decode()
    assert "3 of the 4 rows" in page
    assert "Nothing was imported." in page
    assert "There is no institution with the code “NOWHERE”." in page
    assert not User.objects.filter(email="good@example.org").exists()
    assert not ImportJob.objects.exists()
    assert mail.outbox == []


def test_manager_importing_users_into_another_subtree_gets_a_row_error(
    client, mfa_login, manager_bg, tree
):
    mfa_login(client, manager_bg)
    upload = csv_upload(
        [USER_HEADER, user_row("a@example.org", "PS-BG-1"), user_row("b@example.org", "PS-NI-1")]
    )
    response = post(client, "users", upload)
    assert response.status_code == 200
    assert [(e.line, e.column) for e in response.context["errors"]] == [(3, "institution_code")]
    assert "You may only add people to the institutions you manage." in response.content.decode()
    assert not User.objects.filter(email__in=["a@example.org", "b@example.org"]).exists()


# --- Who has an account: only within the uploader's subtree ---------------------------------


def _preview(client, rows):
    """The checking page for a file that also has one bad row (so nothing is imported)."""
    response = post(client, "users", csv_upload([USER_HEADER, *rows, user_row("not-an-email")]))
    assert response.status_code == 200
    return response


def test_preview_does_not_tell_a_manager_about_an_account_outside_their_subtree(
    client, mfa_login, manager_bg, other_learner
):
    """Finding 7: an address registered in Niš reads, to the manager of Belgrade, exactly like
    an address nobody has: no error on its row, nothing that names it."""
    mfa_login(client, manager_bg)
    elsewhere = _preview(client, [user_row(other_learner.email.upper(), "PS-BG-1")])
    nobody = _preview(client, [user_row("nobody-yet@example.org", "PS-BG-1")])
    assert [(e.line, e.column, e.message) for e in elsewhere.context["errors"]] == [
        (e.line, e.column, e.message) for e in nobody.context["errors"]
    ]
    assert [(e.line, e.column) for e in elsewhere.context["errors"]] == [(3, "email")]
    page = elsewhere.content.decode()
    assert other_learner.email not in page.lower()
    assert "already registered" not in page
    assert page.replace(other_learner.email.upper(), "X") == nobody.content.decode().replace(
        "nobody-yet@example.org", "X"
    ).replace(_csrf(nobody), _csrf(elsewhere))


def _csrf(response) -> str:
    import re

    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode())
    return found.group(1) if found else ""


def test_preview_reports_an_account_within_the_managers_subtree(
    client, mfa_login, manager_bg, learner
):
    mfa_login(client, manager_bg)
    response = _preview(client, [user_row(learner.email, "PS-BG-1")])
    assert [(e.line, e.column) for e in response.context["errors"]] == [(2, "email"), (3, "email")]
    assert "already registered" in response.content.decode()


def test_import_leaves_an_account_outside_the_subtree_alone_and_says_nothing_about_it(
    client, mfa_login, manager_bg, other_learner, django_capture_on_commit_callbacks
):
    before = User.objects.filter(pk=other_learner.pk).values().get()
    mfa_login(client, manager_bg)
    upload = csv_upload(
        [
            USER_HEADER,
            user_row(other_learner.email.upper(), "PS-BG-1"),
            user_row("new-person@example.org", "PS-BG-1"),
        ]
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, "users", upload)
    assert response.status_code == 302
    job = ImportJob.objects.get()
    assert job.status == ImportStatus.DONE and job.created_count == 2
    # The account in Niš is untouched: not moved, renamed, re-invited or duplicated.
    assert User.objects.filter(pk=other_learner.pk).values().get() == before
    assert User.objects.filter(email__iexact=other_learner.email).count() == 1
    assert User.objects.get(email="new-person@example.org").institution.code == "PS-BG-1"
    # Its owner is told; the new person is invited.
    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {other_learner.email, "new-person@example.org"}
    with translation.override(other_learner.preferred_language):
        assert gettext("Your account on %(site_name)s").split("%")[0] in (
            by_address[other_learner.email].subject
        )
    # (a notice carries no set-password link: the account keeps its password)
    assert "/password/reset/key/" not in by_address[other_learner.email].body
    assert "/password/reset/key/" in by_address["new-person@example.org"].body
    # The manager reads the same outcome as for two new people.
    page = client.get(response["Location"]).content.decode()
    assert "2 rows were imported." in page
    assert other_learner.email not in page.lower()
    assert "Nothing was imported" not in page


def test_manager_cannot_add_an_institution_under_another_subtree(
    client, mfa_login, manager_bg, tree
):
    mfa_login(client, manager_bg)
    response = post(
        client,
        "institutions",
        csv_upload([INSTITUTION_HEADER, institution_row("PS-NI-9", "PU-NI")]),
    )
    assert [(e.line, e.column) for e in response.context["errors"]] == [(2, "parent_code")]
    assert not Institution.objects.filter(code="PS-NI-9").exists()


def test_file_that_cannot_be_read_is_a_form_error(client, mfa_login, administrator):
    mfa_login(client, administrator)
    data = csv_bytes([INSTITUTION_HEADER]) + b"A,MUP,Ni\xe8,Nis,other,\r\n"
    response = post(client, "institutions", SimpleUploadedFile("x.csv", data))
    assert response.status_code == 200
    assert "line 2" in response.context["form"].errors["file"][0]
    assert not ImportJob.objects.exists()


def test_file_with_a_wrong_extension_is_a_form_error(client, mfa_login, administrator):
    mfa_login(client, administrator)
    upload = csv_upload([INSTITUTION_HEADER, institution_row("X")], name="institutions.xls")
    response = post(client, "institutions", upload)
    assert ".csv or .xlsx" in response.context["form"].errors["file"][0]


def test_large_upload_runs_in_the_background_and_the_job_page_shows_the_outcome(
    client, mfa_login, administrator, tree, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(imports, "IMPORT_IN_REQUEST_MAX_ROWS", 3)
    enqueued = []
    real_start = imports.import_job_run

    def spy(*, job, base_url):
        enqueued.append(job.pk)
        return real_start(job=job, base_url=base_url)

    monkeypatch.setattr("accounts.imports.import_job_run", spy)
    mfa_login(client, administrator)
    upload = csv_upload([USER_HEADER, *[user_row(f"p{i}@example.org") for i in range(5)]])
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, "users", upload)
    job = ImportJob.objects.get()
    assert enqueued == [job.pk]
    assert job.status == ImportStatus.DONE
    assert job.processed_rows == job.total_rows == 5
    assert cache.get(import_progress_key(job_id=job.pk)) == {"processed": 5, "total": 5}
    assert len(mail.outbox) == 5
    assert "5 rows were imported." in client.get(response["Location"]).content.decode()


# --- Job page -----------------------------------------------------------------------------


def test_running_job_page_shows_a_progress_bar_and_refreshes_itself(
    client, mfa_login, administrator
):
    job = job_of(administrator, status=ImportStatus.RUNNING)
    cache.set(import_progress_key(job_id=job.pk), {"processed": 4, "total": 10})
    mfa_login(client, administrator)
    page = client.get(f"/en/manage/import/{job.pk}/").content.decode()
    assert '<meta http-equiv="refresh" content="2">' in page
    assert '<progress max="10" value="4"' in page
    assert "4 of 10 rows imported (40%)." in page


def test_pending_job_page_refreshes_itself_while_waiting(client, mfa_login, administrator):
    job = job_of(administrator)
    mfa_login(client, administrator)
    page = client.get(f"/en/manage/import/{job.pk}/").content.decode()
    assert '<meta http-equiv="refresh" content="2">' in page
    assert '<progress max="10" value="0"' in page


def test_failed_job_page_lists_the_row_errors_and_stops_refreshing(
    client, mfa_login, administrator
):
    job = job_of(
        administrator,
        status=ImportStatus.FAILED,
        error_summary="1 row(s) of the file have problems.",
        row_errors=[{"line": 7, "column": "code", "message": "Already there."}],
    )
    mfa_login(client, administrator)
    page = client.get(f"/en/manage/import/{job.pk}/").content.decode()
    assert 'http-equiv="refresh"' not in page
    assert "<td>7</td>" in page
    assert "Already there." in page
    assert "Nothing was imported." in page


def test_upload_page_tells_a_manager_where_they_may_import(client, mfa_login, manager_bg):
    mfa_login(client, manager_bg)
    page = client.get(UPLOAD_URL).content.decode()
    assert "Belgrade Police Administration (<code>PU-BG</code>)" in page


def test_upload_page_queries_do_not_grow_with_the_number_of_jobs(
    client, mfa_login, administrator, manager_bg
):
    mfa_login(client, administrator)
    job_of(manager_bg, file_name="file-first.csv")
    client.get(UPLOAD_URL)
    with CaptureQueriesContext(connection) as one_job:
        client.get(UPLOAD_URL)
    for i in range(9):
        job_of(manager_bg if i % 2 else administrator, file_name=f"file-{i}.csv")
    with CaptureQueriesContext(connection) as ten_jobs:
        page = client.get(UPLOAD_URL).content.decode()
    assert "file-8.csv" in page
    assert len(ten_jobs) == len(one_job)

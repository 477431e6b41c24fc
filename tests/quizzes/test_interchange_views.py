"""Issue 19, finding 1, in the admin: an upload is read and kept as a pending import; the
trainer reads the report (imported, imported with a warning, skipped with the reason and
line) before anything is saved and confirms "Import the N importable questions"; the report
stays. Another course's trainer can neither read nor confirm it; a co-author reads it and
cannot confirm it; learners see nothing."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.factories import UserFactory
from accounts.models import Role
from courses.authoring import course_assign_trainer
from courses.factories import CoursePageFactory
from quizzes import factories as f
from quizzes.interchange import parse_gift
from quizzes.models import ImportStatus, Question, QuestionCategory, QuestionImport

FILES = Path(__file__).parent / "files"
REFUSED = (403, 404)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def setup(trainer, tree, trainer_course):
    mine = QuestionCategory.objects.create(name="Mine", course=trainer_course)
    stranger = UserFactory(institution=tree["ministry"], roles=[(Role.TRAINER, None)])
    course_assign_trainer(course=CoursePageFactory(), user=stranger)
    co_author = UserFactory(institution=tree["ministry"], roles=[(Role.TRAINER, None)])
    course_assign_trainer(course=trainer_course, user=co_author)
    return {"mine": mine, "stranger": stranger, "co_author": co_author}


def _upload(client, category, name="mixed.xml"):
    upload = SimpleUploadedFile(name, (FILES / name).read_bytes())
    return client.post(
        reverse("quizzes_admin:import"),
        {"file": upload, "category": category.pk, "language": "en"},
    )


def test_upload_shows_the_report_and_saves_nothing_until_confirmed(
    client, mfa_login, trainer, setup
):
    mfa_login(client, trainer)
    response = _upload(client, setup["mine"])
    record = QuestionImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("quizzes_admin:import_detail", args=[record.pk])
    assert not Question.objects.exists()
    assert record.status == ImportStatus.PENDING and bytes(record.data).startswith(b"<?xml")
    assert (record.imported_count, record.warning_count, record.skipped_count) == (1, 4, 4)
    assert client.session.get("import") is None  # the file rides in the row, not the session

    html = client.get(response["Location"]).content.decode()
    assert 'id="import-report"' in html
    assert "Question type “calculated” is not supported." in html
    assert "HTML cleaned" in html and 'class="import-skipped"' in html
    assert "Import the 5 importable questions" in html

    response = client.post(response["Location"], {"action": "confirm"})
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.status == ImportStatus.IMPORTED and bytes(record.data) == b""
    assert Question.objects.count() == 5
    assert sorted(record.question_ids) == sorted(Question.objects.values_list("pk", flat=True))
    assert record.report["questions"][4]["status"] == "skipped"
    # The report stays, and cannot be confirmed twice.
    html = client.get(reverse("quizzes_admin:import_detail", args=[record.pk])).content.decode()
    assert 'id="import-report"' in html and 'id="import-confirm"' not in html
    assert client.post(response["Location"], {"action": "confirm"}).status_code in REFUSED
    assert Question.objects.count() == 5
    listing = client.get(reverse("quizzes_admin:import_history")).content.decode()
    assert "mixed.xml" in listing


def test_a_file_nothing_can_be_imported_from_offers_no_confirmation(
    client, mfa_login, trainer, setup
):
    mfa_login(client, trainer)
    response = _upload(client, setup["mine"], name="broken.xml")
    html = client.get(response["Location"]).content.decode()
    assert 'id="import-problems"' in html and "importable question" not in html
    client.post(response["Location"], {"action": "confirm"})
    assert not Question.objects.exists()


def test_another_courses_trainer_cannot_read_or_confirm_the_import(
    client, mfa_login, trainer, setup
):
    mfa_login(client, trainer)
    detail = _upload(client, setup["mine"])["Location"]
    client.logout()
    mfa_login(client, setup["stranger"])
    assert client.get(detail).status_code in REFUSED
    assert client.post(detail, {"action": "confirm"}).status_code in REFUSED
    assert client.post(detail, {"action": "discard"}).status_code in REFUSED
    assert "mixed.xml" not in client.get(reverse("quizzes_admin:import_history")).content.decode()
    assert not Question.objects.exists()
    assert QuestionImport.objects.get().status == ImportStatus.PENDING


def test_a_co_author_reads_the_report_but_only_the_uploader_confirms(
    client, mfa_login, trainer, setup
):
    mfa_login(client, trainer)
    detail = _upload(client, setup["mine"])["Location"]
    client.logout()
    mfa_login(client, setup["co_author"])
    html = client.get(detail).content.decode()
    assert 'id="import-report"' in html and 'id="import-confirm"' not in html
    assert client.post(detail, {"action": "confirm"}).status_code in REFUSED
    assert not Question.objects.exists()


def test_an_uploader_who_lost_the_course_cannot_confirm(client, mfa_login, trainer, setup):
    from courses.authoring import course_unassign_trainer

    mfa_login(client, trainer)
    detail = _upload(client, setup["mine"])["Location"]
    course_unassign_trainer(course=setup["mine"].course, user=trainer)
    assert client.post(detail, {"action": "confirm"}).status_code in REFUSED
    assert not Question.objects.exists()


def test_upload_into_another_courses_category_is_refused(client, mfa_login, setup):
    mfa_login(client, setup["stranger"])
    response = _upload(client, setup["mine"])
    assert response.status_code == 200 and "category" in response.context["form"].errors
    assert not QuestionImport.objects.exists()


def test_discard_removes_the_pending_upload(client, mfa_login, trainer, setup):
    mfa_login(client, trainer)
    detail = _upload(client, setup["mine"])["Location"]
    assert client.post(detail, {"action": "discard"}).status_code == 302
    assert not QuestionImport.objects.exists() and not Question.objects.exists()


def test_learners_cannot_reach_imports(client, mfa_login, learner, trainer, setup):
    mfa_login(client, trainer)
    detail = _upload(client, setup["mine"])["Location"]
    client.logout()
    mfa_login(client, learner)
    for url in (detail, reverse("quizzes_admin:import_history")):
        assert client.get(url).status_code in (302, 403)
    assert client.post(detail, {"action": "confirm"}).status_code in (302, 403)
    assert not Question.objects.exists()


def test_gift_export_download_names_what_it_left_out(client, mfa_login, trainer, setup):
    from audit.models import AuditAction, AuditEvent

    kept = f.single_choice(category=setup["mine"])
    cloze = f.QuestionFactory(kind="cloze", category=setup["mine"], text="<p>{1:SA:=Palermo}</p>")
    mfa_login(client, trainer)
    response = client.get(reverse("quizzes_admin:export") + "?format=gift")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert f"// Not exported: {cloze.name}: GIFT has no embedded answers" in text
    assert [q.name for q in parse_gift(text).importable] == [kept.name]
    event = AuditEvent.objects.get(action=AuditAction.QUESTIONS_EXPORTED)
    assert event.details["format"] == "gift" and event.details["skipped"] == 1

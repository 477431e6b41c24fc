import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.utils import translation
from django_tasks.signals import task_finished

from accounts import imports
from accounts.factories import UserFactory
from accounts.import_access import import_scope_for
from accounts.import_files import ImportRow
from accounts.import_validation import import_rows_validate
from accounts.imports import import_job_run, import_job_start, import_progress_key
from accounts.models import Membership, Role, User
from accounts.selectors import PeopleScope
from institutions.factories import InstitutionFactory
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


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def rows_of(kind, *data_rows):
    header = INSTITUTION_HEADER if kind == "institutions" else USER_HEADER
    return [
        ImportRow(line=line, values=dict(zip(header, row, strict=True)))
        for line, row in enumerate(data_rows, start=2)
    ]


def problems(kind, *data_rows, user):
    errors = import_rows_validate(
        kind=kind, rows=rows_of(kind, *data_rows), scope=import_scope_for(user=user)
    )
    return [(error.line, error.column, error.message) for error in errors]


def start(kind, upload, *, user, in_request_max_rows=None):
    return import_job_start(
        kind=kind,
        upload=upload,
        row_count=10,
        created_by=user,
        base_url="https://elearning.example/",
        language="en",
        in_request_max_rows=in_request_max_rows,
    )


# --- Who may import where -------------------------------------------------------


@pytest.mark.parametrize("fixture", ["learner", "trainer", "analyst"])
def test_people_without_an_import_role_have_no_import_scope(request, fixture):
    assert import_scope_for(user=request.getfixturevalue(fixture)) is None


def test_senior_trainer_has_no_import_scope(tree):
    senior = UserFactory(institution=tree["ministry"], roles=[(Role.SENIOR_TRAINER, None)])
    assert import_scope_for(user=senior) is None


def test_administrator_may_import_anywhere(administrator, tree):
    scope = import_scope_for(user=administrator)
    assert scope.is_everywhere
    assert scope.covers(tree["station_ni"])


def test_manager_may_import_only_within_their_subtree(manager_bg, tree):
    scope = import_scope_for(user=manager_bg)
    assert scope.covers(tree["station_bg"])
    assert not scope.covers(tree["station_ni"])
    assert not scope.covers(tree["ministry"])
    assert not scope.is_everywhere


# --- Checking institution rows ----------------------------------------------------


def test_good_institution_rows_have_no_problems(administrator):
    assert problems("institutions", institution_row("NEW-1"), user=administrator) == []


@pytest.mark.parametrize(
    ("row", "column", "reason"),
    [
        (["", "MUP", "a", "a", "other", ""], "code", "required"),
        (["ps 1", "MUP", "a", "a", "other", ""], "code", "capital Latin letters"),
        (["PU-BG", "MUP", "a", "a", "other", ""], "code", "already exists"),
        (["NEW", "NOWHERE", "a", "a", "other", ""], "parent_code", "no institution"),
        (["NEW", "NEW", "a", "a", "other", ""], "parent_code", "its own parent"),
        (["NEW", "MUP", "", "a", "other", ""], "name_sr", "required"),
        (["NEW", "MUP", "a", "", "other", ""], "name_en", "required"),
        (["NEW", "MUP", "a" * 256, "a", "other", ""], "name_sr", "at most 255"),
        (["NEW", "MUP", "a", "a", "", ""], "kind", "required"),
        (["NEW", "MUP", "a", "a", "castle", ""], "kind", "“castle” is not an allowed value"),
        (["NEW", "MUP", "a", "a", "other", "atlantis"], "region", "not an allowed value"),
    ],
)
def test_bad_institution_row_is_reported_with_line_column_and_reason(
    administrator, row, column, reason
):
    found = problems("institutions", institution_row("GOOD"), row, user=administrator)
    assert [(line, col) for line, col, _message in found] == [(3, column)]
    assert reason in found[0][2]


def test_code_repeated_in_the_file_is_reported_on_its_second_line(administrator):
    found = problems(
        "institutions", institution_row("NEW"), institution_row("NEW"), user=administrator
    )
    assert found == [(3, "code", "The code “NEW” is already used on line 2.")]


def test_parent_on_an_earlier_line_is_accepted(administrator):
    rows = [institution_row("COURT", "MUP"), institution_row("COURT-1", "COURT")]
    assert problems("institutions", *rows, user=administrator) == []


def test_parent_on_a_later_line_is_reported(administrator):
    rows = [institution_row("COURT-1", "COURT"), institution_row("COURT", "MUP")]
    found = problems("institutions", *rows, user=administrator)
    assert [(line, column) for line, column, _message in found] == [(2, "parent_code")]
    assert "earlier line" in found[0][2]


def test_choice_values_may_be_written_in_capitals(administrator):
    row = institution_row("NEW", kind="Police_Station", region="NISAVA")
    assert problems("institutions", row, user=administrator) == []


def test_administrator_may_add_top_level_institutions(administrator):
    assert problems("institutions", institution_row("ROOT", ""), user=administrator) == []


def test_manager_may_not_add_top_level_institutions(manager_bg):
    found = problems("institutions", institution_row("ROOT", ""), user=manager_bg)
    assert [(line, column) for line, column, _message in found] == [(2, "parent_code")]
    assert "Only administrators" in found[0][2]


def test_manager_may_not_add_institutions_outside_their_subtree(manager_bg):
    rows = [institution_row("PS-NI-2", "PU-NI"), institution_row("MUP-X", "MUP")]
    found = problems("institutions", *rows, user=manager_bg)
    assert [(line, column) for line, column, _message in found] == [
        (2, "parent_code"),
        (3, "parent_code"),
    ]
    assert "below the institutions you manage" in found[0][2]


def test_manager_may_add_institutions_below_their_subtree_and_below_new_ones(manager_bg):
    rows = [institution_row("PS-BG-2", "PU-BG"), institution_row("PS-BG-2-A", "PS-BG-2")]
    assert problems("institutions", *rows, user=manager_bg) == []


# --- Checking user rows ---------------------------------------------------------------


def test_good_user_rows_have_no_problems(administrator):
    rows = [user_row("a@example.org"), user_row("b@example.org", "PU-NI", language="en")]
    assert problems("users", *rows, user=administrator) == []


@pytest.mark.parametrize(
    ("row", "column", "reason"),
    [
        (["", "Ilić", "x@example.org", "MUP", "judge", ""], "first_name", "required"),
        (["Ana", "", "x@example.org", "MUP", "judge", ""], "last_name", "required"),
        (["A" * 151, "Ilić", "x@example.org", "MUP", "judge", ""], "first_name", "at most 150"),
        (["Ana", "Ilić", "", "MUP", "judge", ""], "email", "required"),
        (["Ana", "Ilić", "not-an-email", "MUP", "judge", ""], "email", "valid email"),
        (["Ana", "Ilić", "x@example.org", "", "judge", ""], "institution_code", "required"),
        (["Ana", "Ilić", "x@example.org", "NOPE", "judge", ""], "institution_code", "no inst"),
        (["Ana", "Ilić", "x@example.org", "MUP", "", ""], "profession", "required"),
        (["Ana", "Ilić", "x@example.org", "MUP", "wizard", ""], "profession", "not an allowed"),
        (["Ana", "Ilić", "x@example.org", "MUP", "judge", "de"], "preferred_language", "allowed"),
    ],
)
def test_bad_user_row_is_reported_with_line_column_and_reason(administrator, row, column, reason):
    found = problems("users", user_row("good@example.org"), row, user=administrator)
    assert [(line, col) for line, col, _message in found] == [(3, column)]
    assert reason in found[0][2]


def test_email_already_registered_is_reported_whatever_its_case(administrator, learner):
    found = problems("users", user_row(learner.email.upper()), user=administrator)
    assert [(line, column) for line, column, _message in found] == [(2, "email")]
    assert "already registered" in found[0][2]


def test_email_repeated_in_the_file_is_reported_on_its_second_line(administrator):
    rows = [user_row("a@example.org"), user_row("A@Example.org")]
    found = problems("users", *rows, user=administrator)
    assert found == [(3, "email", "The address a@example.org is already used on line 2.")]


def test_inactive_institution_is_reported(administrator, tree):
    Institution.objects.filter(pk=tree["station_ni"].pk).update(is_active=False)
    found = problems("users", user_row("a@example.org", "PS-NI-1"), user=administrator)
    assert [(line, column) for line, column, _message in found] == [(2, "institution_code")]
    assert "no longer active" in found[0][2]


def test_manager_may_add_people_within_their_subtree(manager_bg):
    rows = [user_row("a@example.org", "PU-BG"), user_row("b@example.org", "PS-BG-1")]
    assert problems("users", *rows, user=manager_bg) == []


def test_manager_may_not_add_people_to_another_subtree(manager_bg):
    rows = [user_row("a@example.org", "PS-NI-1"), user_row("b@example.org", "MUP")]
    found = problems("users", *rows, user=manager_bg)
    assert found == [
        (2, "institution_code", "You may only add people to the institutions you manage."),
        (3, "institution_code", "You may only add people to the institutions you manage."),
    ]


def test_every_problem_of_a_row_is_reported(db):
    rows = rows_of("users", ["", "", "bad", "NOPE", "wizard", "xx"])
    errors = import_rows_validate(kind="users", rows=rows, scope=PeopleScope(roots=None))
    assert {error.column for error in errors} == {
        "first_name",
        "last_name",
        "email",
        "institution_code",
        "profession",
        "preferred_language",
    }


def test_checking_rows_takes_the_same_few_queries_for_any_number_of_rows(
    administrator, django_assert_max_num_queries
):
    scope = import_scope_for(user=administrator)
    users = rows_of("users", *[user_row(f"p{i}@example.org", "PS-BG-1") for i in range(300)])
    institutions = rows_of("institutions", *[institution_row(f"N-{i}") for i in range(300)])
    with django_assert_max_num_queries(3):
        assert import_rows_validate(kind="users", rows=users, scope=scope) == []
    with django_assert_max_num_queries(1):
        assert import_rows_validate(kind="institutions", rows=institutions, scope=scope) == []


# --- Importing ----------------------------------------------------------------------


def test_institutions_are_added_to_the_tree_parents_before_children(administrator, tree):
    upload = csv_upload(
        [
            INSTITUTION_HEADER,
            institution_row("SUD", "", name="Sudovi", kind="other"),
            institution_row("VS-NI", "SUD", name="Viši sud Niš", kind="court_higher"),
            institution_row("OS-NI", "VS-NI", name="Osnovni sud Niš", kind="court_basic"),
            institution_row("PS-BG-2", "PU-BG", region="belgrade"),
        ]
    )
    job = start("institutions", upload, user=administrator)
    assert job.status == ImportStatus.DONE
    assert job.created_count == 4
    basic = Institution.objects.get(code="OS-NI")
    assert basic.get_parent().code == "VS-NI"
    assert basic.get_parent().get_parent().code == "SUD"
    assert basic.get_parent().get_parent().is_root()
    assert basic.kind == "court_basic"
    assert basic.region == "national"
    assert Institution.objects.get(code="PS-BG-2").get_parent().code == "PU-BG"
    assert Institution.find_problems() == ([], [], [], [], [])


def test_xlsx_of_institutions_is_imported(administrator, tree):
    upload = xlsx_upload([INSTITUTION_HEADER, institution_row("PS-NI-2", "PU-NI")])
    job = start("institutions", upload, user=administrator)
    assert job.status == ImportStatus.DONE
    assert Institution.objects.get(code="PS-NI-2").get_parent().code == "PU-NI"


def test_users_are_created_unverified_without_password_in_their_institution(
    administrator, tree, django_capture_on_commit_callbacks
):
    upload = csv_upload(
        [
            USER_HEADER,
            user_row("Ana@Example.org", "PS-BG-1", language="en"),
            user_row("bojan@example.org", "PU-NI", profession="Judge"),
        ]
    )
    with django_capture_on_commit_callbacks(execute=True):
        job = start("users", upload, user=administrator)
    assert job.status == ImportStatus.DONE
    assert job.created_count == 2
    ana = User.objects.get(email="ana@example.org")
    assert ana.institution == tree["station_bg"]
    assert ana.preferred_language == "en"
    assert not ana.has_usable_password()
    assert not EmailAddress.objects.get(user=ana).verified
    assert Membership.objects.filter(user=ana, institution=tree["station_bg"]).exists()
    bojan = User.objects.get(email="bojan@example.org")
    assert bojan.profession == "judge"
    assert bojan.preferred_language == "sr-latn"


def test_xlsx_of_users_is_imported(manager_bg, tree, django_capture_on_commit_callbacks):
    upload = xlsx_upload([USER_HEADER, user_row("ana@example.org", "PS-BG-1")])
    with django_capture_on_commit_callbacks(execute=True):
        job = start("users", upload, user=manager_bg)
    assert job.status == ImportStatus.DONE
    assert User.objects.get(email="ana@example.org").institution == tree["station_bg"]


def test_invitations_are_sent_only_once_the_import_has_committed(
    administrator, tree, django_capture_on_commit_callbacks
):
    upload = csv_upload([USER_HEADER, user_row("ana@example.org"), user_row("bo@example.org")])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        start("users", upload, user=administrator)
    assert mail.outbox == []
    for callback in callbacks:
        callback()
    assert sorted(message.to[0] for message in mail.outbox) == [
        "ana@example.org",
        "bo@example.org",
    ]
    assert "https://elearning.example/" in mail.outbox[0].body


def test_invitation_is_not_sent_to_someone_who_has_already_set_a_password(
    administrator, tree, django_capture_on_commit_callbacks
):
    upload = csv_upload([USER_HEADER, user_row("ana@example.org")])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        start("users", upload, user=administrator)
    ana = User.objects.get(email="ana@example.org")
    ana.set_password("a brand new passphrase")
    ana.save()
    for callback in callbacks:
        callback()
    assert mail.outbox == []


def test_failure_on_the_third_user_leaves_nothing_behind_and_sends_nothing(
    administrator, tree, monkeypatch, django_capture_on_commit_callbacks
):
    calls = []
    real_user_create = imports.user_create

    def failing_user_create(**kwargs):
        calls.append(kwargs["email"])
        if len(calls) == 3:
            raise RuntimeError("database went away")
        return real_user_create(**kwargs)

    monkeypatch.setattr(imports, "user_create", failing_user_create)
    users_before = User.objects.count()
    emails = [f"imported{i}@example.org" for i in range(5)]
    upload = csv_upload([USER_HEADER, *[user_row(email) for email in emails]])
    with django_capture_on_commit_callbacks(execute=True):
        job = start("users", upload, user=administrator)
    assert len(calls) == 3
    assert job.status == ImportStatus.FAILED
    assert "unexpected error" in job.error_summary
    assert job.created_count == 0
    assert User.objects.count() == users_before
    assert not EmailAddress.objects.filter(email__in=emails).exists()
    assert mail.outbox == []


def test_failure_on_the_third_institution_leaves_nothing_behind(administrator, tree, monkeypatch):
    calls = []
    real_fields = imports.institution_fields

    def failing_fields(row):
        calls.append(row.line)
        if len(calls) == 3:
            raise RuntimeError("disk full")
        return real_fields(row)

    monkeypatch.setattr(imports, "institution_fields", failing_fields)
    paths_before = list(Institution.objects.order_by("pk").values_list("code", "path", "numchild"))
    upload = csv_upload(
        [INSTITUTION_HEADER, *[institution_row(f"PS-BG-{i}", "PU-BG") for i in range(10, 15)]]
    )
    job = start("institutions", upload, user=administrator)
    assert job.status == ImportStatus.FAILED
    assert list(Institution.objects.order_by("pk").values_list("code", "path", "numchild")) == (
        paths_before
    )


def test_large_file_is_imported_by_the_background_task_with_full_progress(
    administrator, tree, django_capture_on_commit_callbacks
):
    finished = []

    def record(sender, task_result, **kwargs):
        finished.append(task_result)

    task_finished.connect(record)
    try:
        upload = csv_upload([USER_HEADER, *[user_row(f"p{i}@example.org") for i in range(7)]])
        with django_capture_on_commit_callbacks(execute=True):
            job = import_job_start(
                kind="users",
                upload=upload,
                row_count=7,
                created_by=administrator,
                base_url="https://elearning.example/",
                language="en",
                in_request_max_rows=2,
            )
    finally:
        task_finished.disconnect(record)
    job.refresh_from_db()
    assert [result.task.name for result in finished] == [
        "import_job_execute",
        "import_invitations_deliver",
    ]
    assert finished[0].return_value == "done"
    assert job.status == ImportStatus.DONE
    assert job.processed_rows == job.total_rows == 7
    assert cache.get(import_progress_key(job_id=job.pk)) == {"processed": 7, "total": 7}
    assert len(mail.outbox) == 7


def test_job_checks_its_file_again_and_fails_if_the_database_changed_since_upload(
    administrator, tree
):
    job = ImportJob.objects.create(
        kind="institutions",
        file=ContentFile(
            csv_bytes([INSTITUTION_HEADER, institution_row("NEW-1"), institution_row("NEW-2")]),
            name="late.csv",
        ),
        file_name="late.csv",
        total_rows=2,
        created_by=administrator,
    )
    InstitutionFactory(parent=tree["ministry"], code="NEW-2")
    import_job_run(job=job, base_url="https://elearning.example/")
    assert job.status == ImportStatus.FAILED
    assert job.row_errors == [
        {
            "line": 3,
            "column": "code",
            "message": "An institution with the code “NEW-2” already exists.",
        }
    ]
    assert not Institution.objects.filter(code="NEW-1").exists()


def test_job_fails_if_its_uploader_has_lost_the_right_to_import(manager_bg, tree):
    job = ImportJob.objects.create(
        kind="institutions",
        file=ContentFile(csv_bytes([INSTITUTION_HEADER, institution_row("NEW", "PU-BG")]), "a.csv"),
        file_name="a.csv",
        total_rows=1,
        created_by=manager_bg,
    )
    manager_bg.role_assignments.all().delete()
    fresh = ImportJob.objects.select_related("created_by").get(pk=job.pk)
    import_job_run(job=fresh, base_url="https://elearning.example/")
    assert fresh.status == ImportStatus.FAILED
    assert not Institution.objects.filter(code="NEW").exists()


def test_job_that_already_ran_is_not_run_again(administrator, tree):
    job = start(
        "institutions", csv_upload([INSTITUTION_HEADER, institution_row("NEW")]), user=administrator
    )
    assert job.status == ImportStatus.DONE
    again = import_job_run(job=job, base_url="https://elearning.example/")
    assert again.status == ImportStatus.DONE
    assert Institution.objects.filter(code="NEW").count() == 1


@pytest.mark.parametrize("code", ["NEW", "PU-BG"], ids=["done", "failed"])
def test_uploaded_file_is_deleted_once_the_job_ends(administrator, tree, settings, code):
    job = start(
        "institutions", csv_upload([INSTITUTION_HEADER, institution_row(code)]), user=administrator
    )
    assert job.is_finished
    job.refresh_from_db()
    assert not job.file
    assert not any(path.is_file() for path in settings.MEDIA_ROOT.rglob("*"))

"""Programme reports (issue 20): one XLSX per period, built in the background, over the
requester's scope, with small cells hidden so that no total gives one away."""

from __future__ import annotations

import datetime
import io
import random
from decimal import Decimal
from fractions import Fraction

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from openpyxl import load_workbook

from accounts.factories import UserFactory
from accounts.models import Role
from evaluation.factories import survey_with_items
from evaluation.models import Answer, Invitation, ItemKind, KnowledgeTest, Response
from quizzes import factories as qf
from quizzes.models import Attempt
from stats.models import ProgrammeReport, ProgrammeReportStatus
from stats.programme import programme_report_request, programme_report_run
from stats.selectors.programme import protect_column, protect_table
from trainings.factories import TrainingPageFactory
from trainings.models import Attendance, Registration, RegistrationState, TrainingSession

from .conftest import at

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

URL = "/admin/stats/programme/"
JANUARY = datetime.date(2026, 1, 1)
MARCH = datetime.date(2026, 3, 1)


# --- A small programme --------------------------------------------------------------------


def _training(kind: str, *days: str):
    training = TrainingPageFactory(kind=kind, capacity=100)
    for number, day in enumerate(days):
        TrainingSession.objects.create(
            training=training,
            title=f"Day {number + 1}",
            starts_at=at(day),
            ends_at=at(day) + datetime.timedelta(hours=5),
            venue="Palace of Justice, Niš",
            sort_order=number,
        )
    return training


def _took_part(training, people, *, completed: str | None = None):
    for person in people:
        registration = Registration.objects.create(
            training=training, user=person, state=RegistrationState.CONFIRMED
        )
        for session in training.sessions.all():
            Attendance.objects.create(
                session=session, registration=registration, mark="present", marked_by="trainer"
            )
        if completed:
            Registration.objects.filter(pk=registration.pk).update(completed_at=at(completed))


def _attempt(user, quiz, number, score):
    Attempt.objects.create(
        user=user,
        quiz=quiz,
        number=number,
        state="submitted",
        submitted_at=at("2026-01-20"),
        graded_at=at("2026-01-20"),
        score=Decimal(score),
        passed=Decimal(score) >= 50,
    )


def _gain(training, scores):
    pre = qf.quiz_in_course(questions=[qf.true_false(answer=True)], title="Before")
    post = qf.quiz_in_course(questions=[qf.true_false(answer=True)], title="After")
    KnowledgeTest.objects.create(training=training, pre_test=pre, post_test=post)
    for person, (before, after) in scores.items():
        _attempt(person, pre, 1, before)
        _attempt(person, post, 1, after)


def _survey(training, invited, answers):
    """`invited` were asked; `answers` maps those who answered to their Likert score."""
    survey = survey_with_items(training=training)
    likert = survey.items.get(kind=ItemKind.LIKERT)
    for person in invited:
        Invitation.objects.create(
            survey=survey,
            user=person,
            due_at=at("2026-01-17"),
            sent_at=at("2026-01-17"),
            answered=person in answers,
        )
    for person, score in answers.items():
        response = Response.objects.create(
            survey=survey,
            month=JANUARY,
            profession=person.profession,
            institution_path=person.institution.path,
        )
        Answer.objects.create(response=response, item=likert, value=score)
    return survey


@pytest.fixture
def programme(tree):
    """Belgrade: 11 police officers at a station (6 women, 5 men); Niš: one policewoman at a
    station, and three officers at the administration (two women, one who did not say).
    All 15 attended and completed a seminar in January; three of Belgrade also attended a
    webinar in February; one of Belgrade completed, in January, a seminar held before."""
    for key in ("station_bg", "station_ni"):
        tree[key].kind = "police_station"
        tree[key].save()
    for key in ("belgrade", "nis"):
        tree[key].kind = "police_regional"
        tree[key].save()
    bg = [UserFactory(institution=tree["station_bg"], sex="female") for _ in range(6)]
    bg += [UserFactory(institution=tree["station_bg"], sex="male") for _ in range(5)]
    ni = [UserFactory(institution=tree["station_ni"], sex="female")]
    ni_admin = [
        UserFactory(institution=tree["nis"], sex="female"),
        UserFactory(institution=tree["nis"], sex="female"),
        UserFactory(institution=tree["nis"], sex=""),
    ]
    everyone = bg + ni + ni_admin

    earlier = _training("seminar", "2025-12-10")
    _took_part(earlier, bg[:1], completed="2026-01-05")
    seminar = _training("seminar", "2026-01-15", "2026-01-16")
    seminar.title = "Joint seminar in Niš"
    seminar.save()
    _took_part(seminar, everyone, completed="2026-01-16")
    webinar = _training("webinar", "2026-02-10")
    webinar.title = "Non-punishment webinar"
    webinar.save()
    _took_part(webinar, bg[:3])
    later = _training("seminar", "2026-05-04")  # after the period
    _took_part(later, bg[3:6], completed="2026-05-04")

    _gain(seminar, {**dict.fromkeys(bg[:6], ("50", "75")), ni[0]: ("40", "40")})
    _gain(webinar, dict.fromkeys(bg[:3], ("20", "60")))
    _survey(seminar, everyone, {**dict.fromkeys(bg[:10], 4), ni[0]: 5, ni_admin[0]: 5})
    _survey(webinar, bg[:3], dict.fromkeys(bg[:3], 5))
    return {"bg": bg, "ni": ni + ni_admin, "seminar": seminar, "webinar": webinar}


def _report(user) -> ProgrammeReport:
    report = ProgrammeReport.objects.create(
        requested_by=user,
        period_start=JANUARY,
        period_end=datetime.date(2026, 3, 31),
        scope=_scope_of(user),
    )
    return programme_report_run(report=report)


def _scope_of(user):
    from stats.selectors import stats_scope_for
    from stats.selectors.programme import scope_record

    return scope_record(stats_scope_for(viewer=user))


def _sheets(report) -> dict[str, list[tuple]]:
    with report.file.open("rb") as file:
        workbook = load_workbook(io.BytesIO(file.read()))
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in workbook}


def _english(user):
    user.preferred_language = "en"
    user.save(update_fields=["preferred_language"])
    return user


@pytest.fixture
def administrator_en(administrator):
    return _english(administrator)


@pytest.fixture
def manager_bg_en(manager_bg):
    return _english(manager_bg)


@pytest.fixture
def analyst_en(analyst):
    return _english(analyst)


# --- The figures ----------------------------------------------------------------------------


def test_an_administrators_workbook_has_every_sheet_with_exact_figures(programme, administrator_en):
    report = _report(administrator_en)
    assert report.status == ProgrammeReportStatus.READY
    sheets = _sheets(report)
    assert list(sheets) == [
        "Report",
        "People trained",
        "Trainings held",
        "Knowledge gain",
        "Satisfaction",
    ]

    cover = {row[0]: row[1] for row in sheets["Report"] if row and row[0]}
    assert cover["Period"] == "2026-01-01 – 2026-03-31"
    assert cover["Scope"] == "All institutions"
    assert cover["Smallest group shown (K)"] == 5
    assert cover["Hidden figures"].startswith("None")
    assert cover["Generated at"]

    people = sheets["People trained"]
    assert people[0] == (
        "Profession",
        "Institution type",
        "Female",
        "Male",
        "Another",
        "Prefer not to say",
        "Not declared",
        "Total",
    )
    assert people[1:] == [
        ("Police officer", "Regional Police Administration", 2, 0, 0, 0, 1, 3),
        ("Police officer", "Police Station", 7, 5, 0, 0, 0, 12),
        ("Total", None, 9, 5, 0, 0, 1, 15),
    ]

    held = {row[0]: row[1:] for row in sheets["Trainings held"][1:]}
    assert sheets["Trainings held"][0] == (
        "Kind",
        "Trainings",
        "Sessions",
        "Participations",
        "Completions",
    )
    # The earlier seminar was held before the period but completed in it; the later one
    # is outside it altogether.
    assert held["Seminar"] == (1, 2, 15, 16)
    assert held["Webinar"] == (1, 1, 3, 0)
    assert held["Workshop"] == (0, 0, 0, 0)
    assert held["Total"] == (2, 3, 18, 16)

    gain = sheets["Knowledge gain"]
    assert gain[0][4:] == (
        "People",
        "Mean pre-test score (%)",
        "Mean post-test score (%)",
        "Mean normalised gain (%)",
        "Improved (%)",
    )
    by_training = {row[0]: row for row in gain[1:]}
    seminar = by_training["Joint seminar in Niš"]
    assert seminar[1:4] == ("Seminar", "Before", "After")
    assert seminar[4:] == (7, 48.6, 70, 42.9, 85.7)
    assert by_training["Non-punishment webinar"][4:] == (3, 20, 60, 50, 100)

    satisfaction = sheets["Satisfaction"]
    survey_row = next(r for r in satisfaction if r[0] == "Joint seminar in Niš")
    assert survey_row[2:5] == (12, 15, 80)
    item = satisfaction[satisfaction.index(survey_row) + 1]
    assert item[5:] == ("It was useful.", 12, 4.17)


def test_a_managers_report_covers_only_their_subtree(programme, manager_bg_en):
    report = _report(manager_bg_en)
    sheets = _sheets(report)
    cover = {row[0]: row[1] for row in sheets["Report"] if row and row[0]}
    assert "PU-BG" in cover["Scope"] and "PU-NI" not in cover["Scope"]
    assert report.scope == [manager_bg_en.role_assignments.get().institution_id]

    assert sheets["People trained"][1:] == [
        ("Police officer", "Police Station", 6, 5, 0, 0, 0, 11),
        ("Total", None, 6, 5, 0, 0, 0, 11),
    ]
    held = {row[0]: row[1:] for row in sheets["Trainings held"][1:]}
    # The webinar's three participants are hidden, and the seminar's 11 with them (the
    # total would give the three away).
    assert held["Seminar"] == (1, 2, "x", 12)
    assert held["Webinar"] == (1, 1, "x", 0)
    assert held["Total"] == (2, 3, 14, 12)

    gain = {row[0]: row[4:] for row in sheets["Knowledge gain"][1:]}
    assert gain["Joint seminar in Niš"] == (6, 50, 75, 50, 100)  # Niš's person is not in it
    assert gain["Non-punishment webinar"] == ("x",) * 5  # three people

    satisfaction = sheets["Satisfaction"]
    seminar = next(r for r in satisfaction if r[0] == "Joint seminar in Niš")
    assert seminar[2:5] == (10, 11, 90.9)
    assert satisfaction[satisfaction.index(seminar) + 1][5:] == ("It was useful.", 10, 4)
    webinar = next(r for r in satisfaction if r[0] == "Non-punishment webinar")
    assert webinar[2:5] == ("x", "x", "x")
    assert satisfaction[satisfaction.index(webinar) + 1][6:] == ("x", "x")


def _determined(table: list[list], hidden: set) -> set:
    """The hidden entries of a table (last row and column: totals) that its lines fix
    exactly: x is determined when e_x lies in the row space of the lines' equations over
    the hidden entries (exact rational elimination)."""
    rows, columns = len(table), len(table[0])
    unknowns = sorted(hidden)
    position = {e: n for n, e in enumerate(unknowns)}
    equations = []
    for i in range(rows):
        line = [(i, j) for j in range(columns)]
        equations.append(line)
    for j in range(columns):
        equations.append([(i, j) for i in range(rows)])
    matrix = []
    for line in equations:
        coefficients = [Fraction(0)] * len(unknowns)
        for entry in line:
            if entry in position:
                coefficients[position[entry]] = Fraction(-1 if entry == line[-1] else 1)
        if any(coefficients):
            matrix.append(coefficients)

    def rank(m):
        m = [row[:] for row in m]
        r = 0
        for c in range(len(unknowns)):
            pivot = next((i for i in range(r, len(m)) if m[i][c] != 0), None)
            if pivot is None:
                continue
            m[r], m[pivot] = m[pivot], m[r]
            for i in range(len(m)):
                if i != r and m[i][c] != 0:
                    factor = m[i][c] / m[r][c]
                    m[i] = [a - factor * b for a, b in zip(m[i], m[r], strict=True)]
            r += 1
        return r

    base = rank(matrix)
    found = set()
    for entry in unknowns:
        unit = [Fraction(0)] * len(unknowns)
        unit[position[entry]] = Fraction(1)
        if rank([*matrix, unit]) == base:
            found.add(entry)
    return found


def _hidden_entries(sheet_rows, first_value_column: int) -> tuple[list[list], set]:
    body = [list(r[first_value_column:]) for r in sheet_rows[1:]]
    hidden = {(i, j) for i, row in enumerate(body) for j, v in enumerate(row) if v == "x"}
    return body, hidden


def test_small_cells_are_hidden_and_cannot_be_worked_out_from_the_totals(programme, analyst_en):
    report = _report(analyst_en)
    sheets = _sheets(report)
    people = sheets["People trained"]
    body, hidden = _hidden_entries(people, 2)
    assert people[1][:2] == ("Police officer", "Regional Police Administration")
    # The administration's 2 women, 1 not declared and 3 in all are hidden (primary)…
    assert {(0, 0), (0, 4), (0, 5), (2, 4)} <= hidden
    # …and with them enough others that no line has a lone hidden cell…
    for line in [*body, *zip(*body, strict=True)]:
        assert sum(1 for v in line if v == "x") != 1
    # …nor can any combination of rows and columns pin one down.
    exact = [
        [2, 0, 0, 0, 1, 3],
        [7, 5, 0, 0, 0, 12],
        [9, 5, 0, 0, 1, 15],
    ]
    for i, row in enumerate(body):
        for j, value in enumerate(row):
            assert value in ("x", exact[i][j])
    assert _determined(exact, hidden) == set()
    cover = {row[0]: row[1] for row in sheets["Report"] if row and row[0]}
    assert cover["Hidden figures"].startswith("“x”")
    assert cover["Figures hidden in this report"] >= len(hidden)


def test_protect_table_leaves_no_hidden_cell_determined_on_random_tables():
    generator = random.Random(20)
    for _ in range(150):
        rows, columns = generator.randint(1, 5), generator.randint(1, 5)
        cells = [
            [generator.choice([0, 0, 1, 2, 3, 4, 5, 7, 12]) for _ in range(columns)]
            for _ in range(rows)
        ]
        table = [[*row, sum(row)] for row in cells]
        table.append([sum(column) for column in zip(*table, strict=True)])
        small = [[0 < v < 5 for v in row] for row in table]
        hidden = protect_table(table, small, k=5)
        assert {(i, j) for i, r in enumerate(small) for j, s in enumerate(r) if s} <= hidden
        assert _determined(table, hidden) == set(), (table, sorted(hidden))
        for i, row in enumerate(table):  # what is hidden in a shown total's line holds K+
            line = [(i, j) for j in range(len(row))]
            cells_hidden = [table[e[0]][e[1]] for e in line[:-1] if e in hidden]
            if cells_hidden and line[-1] not in hidden:
                assert sum(cells_hidden) >= 5


def test_protect_column_hides_a_second_cell_with_the_lone_small_one():
    assert protect_column([11, 3, 0, 14], [False, True, False, False], k=5) == {0, 1}
    assert protect_column([20, 30, 50], [False, False, False], k=5) == set()
    assert protect_column([3, 0, 3], [True, False, True], k=5) == {0, 2}


# --- Asking, listing, downloading --------------------------------------------------------------


def test_asking_on_the_page_builds_the_report_in_the_background(
    client, programme, manager_bg_en, mfa_login, committed
):
    mfa_login(client, manager_bg_en)
    page = client.get(URL)
    assert page.status_code == 200
    with committed():
        response = client.post(URL, {"first_month": "2026-01", "last_month": "2026-03"})
    assert response.status_code == 302
    report = ProgrammeReport.objects.get(requested_by=manager_bg_en)
    assert (report.period_start, report.period_end) == (JANUARY, datetime.date(2026, 3, 31))
    assert report.status == ProgrammeReportStatus.READY and report.finished_at
    listing = client.get(URL).content.decode()
    download_url = f"{URL}{report.pk}/download/"
    assert download_url in listing
    download = client.get(download_url)
    assert download.status_code == 200
    assert "programme-report-2026-01-2026-03.xlsx" in download["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(b"".join(download.streaming_content)))
    assert "People trained" in workbook.sheetnames


@pytest.mark.parametrize(
    ("first", "last", "message"),
    [
        ("2026-03", "2026-01", "The period ends before it starts."),
        ("2026-13", "2026-01", "Enter a month as YYYY-MM"),
        ("2026-01-05", "2026-02", "Enter a month as YYYY-MM"),
        ("", "2026-02", "This field is required."),
        ("2020-01", "2026-02", "A report covers at most 60 months."),
    ],
)
def test_a_bad_period_is_refused_with_a_message_and_nothing_saved(
    client, manager_bg, mfa_login, first, last, message
):
    mfa_login(client, manager_bg)
    response = client.post(URL, {"first_month": first, "last_month": last})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ProgrammeReport.objects.exists()


def test_a_period_ending_after_the_current_month_is_refused(client, manager_bg, mfa_login):
    mfa_login(client, manager_bg)
    next_month = (timezone.localdate().replace(day=28) + datetime.timedelta(days=4)).strftime(
        "%Y-%m"
    )
    response = client.post(URL, {"first_month": next_month, "last_month": next_month})
    assert response.status_code == 400
    assert "The period cannot end after the current month." in response.content.decode()
    assert not ProgrammeReport.objects.exists()


def test_the_service_refuses_a_bad_period_too(manager_bg):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        programme_report_request(viewer=manager_bg, first_month=MARCH, last_month=JANUARY)
    assert not ProgrammeReport.objects.exists()


def _ready_report(user) -> ProgrammeReport:
    report = ProgrammeReport.objects.create(
        requested_by=user,
        period_start=JANUARY,
        period_end=datetime.date(2026, 1, 31),
        scope=_scope_of(user),
        status=ProgrammeReportStatus.READY,
    )
    report.file.save("report.xlsx", ContentFile(b"PK figures"), save=True)
    return report


def test_only_the_requester_downloads_a_report(client, manager_bg, analyst, mfa_login):
    report = _ready_report(manager_bg)
    url = f"{URL}{report.pk}/download/"
    mfa_login(client, analyst)  # sees more than the manager, but did not ask for it
    assert client.get(url).status_code == 404
    assert url not in client.get(URL).content.decode()  # nor is it listed for them
    mfa_login(client, manager_bg)
    assert client.get(url).status_code == 200


def test_an_administrator_cannot_download_someone_elses_report(
    client, manager_bg, administrator, mfa_login
):
    report = _ready_report(manager_bg)
    mfa_login(client, administrator)
    assert client.get(f"{URL}{report.pk}/download/").status_code == 404


def test_a_report_not_ready_is_not_downloaded(client, manager_bg, mfa_login):
    report = ProgrammeReport.objects.create(
        requested_by=manager_bg, period_start=JANUARY, period_end=JANUARY, scope=[]
    )
    mfa_login(client, manager_bg)
    assert client.get(f"{URL}{report.pk}/download/").status_code == 404


def test_a_learner_and_a_trainer_cannot_reach_the_page(client, learner, trainer, mfa_login):
    client.force_login(learner)
    response = client.post(URL, {"first_month": "2026-01", "last_month": "2026-01"})
    assert response.status_code in (302, 403)
    assert client.get(URL).status_code in (302, 403)
    mfa_login(client, trainer)
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"first_month": "2026-01", "last_month": "2026-01"}).status_code == 403
    assert not ProgrammeReport.objects.exists()


def test_the_dashboard_links_to_the_page(client, manager_bg, mfa_login):
    mfa_login(client, manager_bg)
    assert URL in client.get("/admin/stats/").content.decode()


def test_the_task_marks_a_failure_on_the_report(manager_bg, monkeypatch, committed):
    from stats import programme

    def broken(**kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(programme, "programme_figures", broken)
    with committed():
        report = programme_report_request(
            viewer=manager_bg, first_month=JANUARY, last_month=JANUARY
        )
    report.refresh_from_db()
    assert report.status == ProgrammeReportStatus.FAILED
    assert report.error == "the database went away"
    assert report.finished_at is not None and not report.file


def test_the_scope_is_the_one_at_request_time(programme, manager_bg_en, tree):
    report = ProgrammeReport.objects.create(
        requested_by=manager_bg_en,
        period_start=JANUARY,
        period_end=datetime.date(2026, 3, 31),
        scope=_scope_of(manager_bg_en),
    )
    # The manager is given Niš as well after asking: the report stays Belgrade's.
    from accounts.services import role_grant

    role_grant(user=manager_bg_en, role=Role.INSTITUTION_MANAGER, institution=tree["nis"])
    programme_report_run(report=report)
    assert _sheets(report)["People trained"][-1][-1] == 11


def test_programme_reports_are_in_the_personal_data_export_and_erased(manager_bg, committed):
    from accounts.personal_data import personal_data_export
    from accounts.services import personal_data_erase

    report = _ready_report(manager_bg)
    exported = personal_data_export(user=manager_bg)["statistics"]["programme_reports"]
    assert exported[0]["period_start"] == "2026-01-01" and exported[0]["status"] == "ready"
    name = report.file.name
    storage = report.file.storage
    with committed():
        personal_data_erase(user=manager_bg)
    assert not ProgrammeReport.objects.exists()
    assert not storage.exists(name)


def test_a_cell_whose_edge_month_is_small_is_hidden(programme, tree, manager_bg):
    """Two more Belgrade women complete in March: their cell (8) and the totals (13) have
    K+ people, but a report ending in February would differ from this one by two people."""
    from stats.selectors import stats_scope_for
    from stats.selectors.programme import people_trained, period_filters

    march = _training("workshop", "2026-03-10")
    newcomers = [UserFactory(institution=tree["station_bg"], sex="female") for _ in range(2)]
    _took_part(march, newcomers, completed="2026-03-10")
    sheet = people_trained(
        scope=stats_scope_for(viewer=manager_bg),
        period=period_filters(JANUARY, datetime.date(2026, 3, 31)),
    )
    assert sheet.rows == [
        ["Police officer", "Police Station", "x", 5, 0, 0, 0, "x"],
        ["Total", "", "x", 5, 0, 0, 0, "x"],
    ]
    # Over January alone, nothing is hidden.
    january = people_trained(
        scope=stats_scope_for(viewer=manager_bg),
        period=period_filters(JANUARY, datetime.date(2026, 1, 31)),
    )
    assert january.rows[-1] == ["Total", "", 6, 5, 0, 0, 0, 11]

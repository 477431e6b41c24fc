"""Attacks on the statistics' disclosure control, as a careful analyst (or manager) would
try them: one judge is alone in their profession, in their month and in the difference
between Niš and Niš's police officers, with a known final-exam score (13). Slicing by every
filter combination and every breakdown, differencing totals against sub-totals, filtered
against unfiltered queries and period against period, through the selectors, the dashboard,
its CSV / XLSX exports and the API, must never publish a figure resting on fewer than K
people, nor let the judge's score or presence be worked out. An administrator sees exact
figures."""

from __future__ import annotations

import csv
import datetime
import io
import itertools
from dataclasses import dataclass

import pytest
from openpyxl import load_workbook

from accounts.factories import UserFactory
from accounts.models import Role
from stats.selectors import (
    COUNT_FIELDS,
    FIGURE_FIELDS,
    STATS_VIEWS,
    SUPPRESSED,
    StatsFilters,
    StatsScope,
    effective_filters,
    min_cell,
    stats_scope_for,
    stats_summary,
)
from stats.services import api_token_create

from .conftest import enrol

K = 5
LONE_SCORE = 13
MONTH = datetime.date


@pytest.fixture
def world(tree, course, other_course):
    """Ten police officers at Vračar (Belgrade) and six at Medijana (Niš, four of them
    declared male) took the course in January–February; six of the Vračar officers also
    took another course. One judge at Medijana, the only judge anywhere and the only woman
    who declared her sex, enrolled and completed in March, final score 13."""
    from courses.factories import ModulePageFactory
    from quizzes.models import QuizPage, QuizResult

    for name in ("belgrade", "station_bg"):
        tree[name].region = "belgrade"
        tree[name].save()
    for name in ("nis", "station_ni"):
        tree[name].region = "nisava"
        tree[name].save()
    module = ModulePageFactory(parent=course)
    final = module.add_child(
        instance=QuizPage(title="Final", slug="final", required=True, is_final=True, pass_mark=50)
    )

    def learner(station, profession, score, *, enrolled, completed, sex=""):
        person = UserFactory(institution=tree[station], profession=profession, sex=sex)
        enrol(person, course, enrolled=enrolled, completed=completed)
        QuizResult.objects.create(
            user=person,
            quiz=final,
            course=course,
            score=score,
            passed=score >= 50,
            attempts_count=1,
        )
        return person

    bg = [
        learner(
            "station_bg",
            "police_officer",
            60 + 2 * i,
            enrolled="2026-01-05",
            completed="2026-02-10",
        )
        for i in range(10)
    ]
    for person in bg[:6]:
        enrol(person, other_course, enrolled="2026-01-07", completed="2026-02-11")
    for i in range(6):
        learner(
            "station_ni",
            "police_officer",
            80 + 2 * i,
            enrolled="2026-01-06",
            completed="2026-02-12",
            sex="male" if i < 4 else "",
        )
    # The only woman who declared it: the breakdown by sex must not single her out.
    judge = learner(
        "station_ni",
        "judge",
        LONE_SCORE,
        enrolled="2026-03-03",
        completed="2026-03-20",
        sex="female",
    )
    return {"judge": judge, "course": course, "other_course": other_course}


@pytest.fixture
def manager_ni(tree):
    """A manager of the Niš administration, working at the judge's own station."""
    return UserFactory(
        institution=tree["station_ni"], roles=[(Role.INSTITUTION_MANAGER, tree["nis"])]
    )


# Each value that isolates the judge, or its complement, and the periods that start,
# end or contain their month (mid-month dates: the whole month).
PERIODS = [
    (None, None),
    (MONTH(2026, 1, 1), MONTH(2026, 3, 31)),
    (MONTH(2026, 1, 1), MONTH(2026, 2, 28)),
    (MONTH(2026, 3, 15), None),
]


def filter_combinations(tree, world, codes):
    for course, region, profession, code, (start, end) in itertools.product(
        [None, world["course"]],
        [None, "nisava"],
        [None, "judge", "police_officer"],
        codes,
        PERIODS,
    ):
        institution = next((i for i in tree.values() if i.code == code), None)
        yield StatsFilters(
            institution=institution,
            course=course,
            profession=profession,
            region=region,
            date_from=start,
            date_to=end,
        )


# --- The attacker's notebook ------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    """Who a published figure is about: the filters plus the breakdown row, as sets of
    people an attacker can compare (None: any)."""

    course: int | None
    region: str | None
    profession: str | None
    path: str | None
    start: datetime.date | None
    end: datetime.date | None
    sex: str | None = None  # a row of the breakdown by declared sex
    kind: str | None = None  # a row of the breakdown of trainings by kind

    def contains(self, other: Cell) -> bool:
        def same_or_any(mine, theirs):
            return mine is None or mine == theirs

        return (
            same_or_any(self.course, other.course)
            and same_or_any(self.region, other.region)
            and same_or_any(self.profession, other.profession)
            and same_or_any(self.sex, other.sex)
            and same_or_any(self.kind, other.kind)
            and (self.path is None or (other.path or "").startswith(self.path))
            and (self.start is None or (other.start is not None and other.start >= self.start))
            and (self.end is None or (other.end is not None and other.end <= self.end))
        )


def cell_of(filters: StatsFilters, **row) -> Cell:
    cell = Cell(
        course=filters.course.pk if filters.course else None,
        region=filters.region,
        profession=filters.profession,
        path=filters.institution.path if filters.institution else None,
        start=filters.date_from,
        end=filters.date_to,
    )
    return Cell(**{**cell.__dict__, **row})


class Notebook:
    """Everything published, by cell; the checks an attacker would run on it. `counts`:
    the figures that count people (each person once per cell); `average` and `average_of`:
    a mean of one score per person and the count it is over; `lone`: the score that
    must never be worked out."""

    def __init__(
        self,
        counts=COUNT_FIELDS,
        average="average_final_score",
        average_of="completed",
        lone=LONE_SCORE,
    ):
        self.cells: dict[Cell, dict] = {}
        self.tables: list[tuple[dict, list[dict]]] = []
        self.averages: list[float] = []
        self.counts, self.average, self.average_of, self.lone = counts, average, average_of, lone

    def note(self, cell: Cell, figures: dict) -> None:
        seen = self.cells.setdefault(cell, {})
        for name, value in figures.items():
            if value is None or value == SUPPRESSED:
                continue
            if name in seen:
                assert seen[name] == value, f"{cell} {name}: {seen[name]} here, {value} there"
            seen[name] = value
        if figures.get(self.average) is not None:
            self.averages.append(figures[self.average])

    def check(self) -> None:
        # 1. No visible count rests on 1..K-1 people (each person counts once per course
        #    here, so counts of one course are people; the all-courses cells have K+ people
        #    whenever they have K+ enrolments).
        for cell, figures in self.cells.items():
            for name in self.counts:
                value = figures.get(name)
                assert value is None or value == 0 or value >= K, (cell, name, value)
        # 2. No average that is the judge's score.
        assert self.lone not in [round(a) for a in self.averages]
        # 3. Differencing: a cell inside another differs from it by 0 or K+ in every count
        #    both show, and the average of the difference is never one person's score.
        cells = list(self.cells.items())
        for (outer, big), (inner, small) in itertools.permutations(cells, 2):
            if not outer.contains(inner):
                continue
            for name in self.counts:
                if name in big and name in small:
                    difference = big[name] - small[name]
                    assert difference == 0 or difference >= K, (outer, inner, name, difference)
            average, of = self.average, self.average_of
            if all(f.get(average) is not None and f.get(of) is not None for f in (big, small)):
                n = big[of] - small[of]
                if n == 1:
                    score = big[average] * big[of] - small[average] * small[of]
                    assert round(score) != self.lone, (outer, inner)
        # 4. Totals against the rows of a table: the rows hidden together are 0 or K+.
        for total, rows in self.tables:
            for name in self.counts:
                if total.get(name) in (None, SUPPRESSED):
                    continue
                visible = [r[name] for r in rows if r.get(name) not in (None, SUPPRESSED)]
                rest = total[name] - sum(visible)
                assert rest == 0 or rest >= K, (name, total[name], visible)


def read_everything(scope, filters, notebook: Notebook) -> None:
    applied = effective_filters(scope=scope, filters=filters)
    summary = stats_summary(scope=scope, filters=filters).public()
    notebook.note(cell_of(applied), summary)
    for view, read in STATS_VIEWS.items():
        rows = read(scope=scope, filters=filters)
        published = [row.public() for row in rows]
        if view == "month":
            # Events in one month: each count is 0, K+ or hidden (March is the judge's).
            for row in rows:
                for name in ("enrolled", "started", "completed"):
                    value = getattr(row, name)
                    assert value == SUPPRESSED or value == 0 or value >= K, (row.key, name)
            continue
        if view != "institution" or not applied.institution:
            notebook.tables.append((summary, published))
        for row, figures in zip(rows, published, strict=True):
            if view == "institution":
                if "(" in row.label:  # the focused institution's own people: no cell
                    continue
                from institutions.models import Institution

                path = Institution.objects.get(code=row.code).path
                notebook.note(cell_of(applied, path=path), figures)
            else:
                notebook.note(cell_of(applied, **{view: row.key}), figures)


@pytest.mark.parametrize("viewer", ["analyst", "manager_ni"])
def test_no_filter_combination_or_breakdown_singles_anyone_out(
    request, world, tree, viewer, django_assert_max_num_queries
):
    user = request.getfixturevalue(viewer)
    scope = stats_scope_for(viewer=user)
    assert scope.is_protected and min_cell() == K
    codes = [None, "PS-NI-1"] + (["PU-NI"] if viewer == "analyst" else [])
    notebook = Notebook()
    for filters in filter_combinations(tree, world, codes):
        read_everything(scope, filters, notebook)
    notebook.check()
    # The judge's own slices show nothing.
    judge = stats_summary(scope=scope, filters=StatsFilters(profession="judge"))
    assert judge.enrolled == SUPPRESSED and judge.average_final_score is None
    # Bounded work, whatever the filters: the wider queries of step 3a are at most one per
    # combination of the filters dropped or widened, whatever the number of people.
    with django_assert_max_num_queries(100):
        stats_summary(
            scope=scope,
            filters=StatsFilters(
                course=world["course"],
                region="nisava",
                profession="judge",
                institution=tree["station_ni"],
                date_from=MONTH(2026, 1, 1),
                date_to=MONTH(2026, 3, 31),
            ),
        )


def test_administrator_sees_exact_figures(world, tree, administrator):
    scope = stats_scope_for(viewer=administrator)
    assert scope == StatsScope(roots=None)
    judge = stats_summary(scope=scope, filters=StatsFilters(profession="judge"))
    assert (judge.enrolled, judge.completed, judge.average_final_score) == (1, 1, LONE_SCORE)
    march = STATS_VIEWS["month"](scope=scope, filters=StatsFilters())
    assert {r.key: r.enrolled for r in march}["2026-03"] == 1


def test_period_differencing_does_not_reveal_the_judge(world, analyst):
    """January–March minus January–February is the judge: either period hides it."""
    scope = stats_scope_for(viewer=analyst)
    q1 = stats_summary(
        scope=scope, filters=StatsFilters(date_from=MONTH(2026, 1, 1), date_to=MONTH(2026, 3, 31))
    )
    q2 = stats_summary(
        scope=scope, filters=StatsFilters(date_from=MONTH(2026, 1, 1), date_to=MONTH(2026, 2, 28))
    )
    assert SUPPRESSED in (q1.enrolled, q2.enrolled)
    assert None in (q1.average_final_score, q2.average_final_score)
    # Days inside a month are the whole month.
    mid = stats_summary(
        scope=scope, filters=StatsFilters(date_from=MONTH(2026, 1, 1), date_to=MONTH(2026, 3, 2))
    )
    assert mid == q1


def test_filter_differencing_does_not_reveal_the_judge(world, analyst, tree):
    """Niš minus Niš's police officers is the judge."""
    scope = stats_scope_for(viewer=analyst)
    nis = stats_summary(scope=scope, filters=StatsFilters(region="nisava"))
    police = stats_summary(
        scope=scope, filters=StatsFilters(region="nisava", profession="police_officer")
    )
    assert SUPPRESSED in (nis.enrolled, police.enrolled)
    assert None in (nis.average_final_score, police.average_final_score)
    station = stats_summary(scope=scope, filters=StatsFilters(institution=tree["station_ni"]))
    assert SUPPRESSED in (station.enrolled, police.enrolled)


# --- Through the doors: dashboard, CSV, XLSX, API --------------------------------------------

DOOR_FILTERS = [
    {},
    {"region": "nisava"},
    {"region": "nisava", "profession": "police_officer"},
    {"profession": "judge"},
    {"institution": "PS-NI-1"},
    {"from": "2026-01-01", "to": "2026-03-31"},
    {"from": "2026-01-01", "to": "2026-02-28"},
    {"from": "2026-03-10"},
]


def _selector_rows(scope, params, view, world, tree):
    from stats.forms import StatsFilterForm

    form = StatsFilterForm(params, scope=scope)
    assert form.is_valid(), form.errors
    return STATS_VIEWS[view](scope=scope, filters=form.to_filters())


@pytest.mark.parametrize("viewer", ["analyst", "manager_ni"])
def test_every_door_publishes_only_protected_figures(
    request, client, world, tree, viewer, mfa_login
):
    user = request.getfixturevalue(viewer)
    scope = stats_scope_for(viewer=user)
    _token, key = api_token_create(user=user, name="attack")
    mfa_login(client, user)
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    lone = f"{LONE_SCORE}.0"
    for params, view in itertools.product(DOOR_FILTERS, STATS_VIEWS):
        selected = _selector_rows(scope, params, view, world, tree)
        expected = [[r.label, *r.public().values()] for r in selected]
        # API
        api = client.get(f"/api/v1/stats/by-{view}/", {**params, "page_size": 500}, **bearer)
        assert api.status_code == 200, api.content
        results = api.json()["results"]
        assert [r["label"] for r in results] == [r.label for r in selected]
        for got, row in zip(results, selected, strict=True):
            assert {n: got[n] for n in FIGURE_FIELDS} == row.public(), (view, params)
        assert lone not in api.content.decode()
        # CSV and XLSX
        csv_text = client.get("/admin/stats/", {**params, "view": view, "export": "csv"}).content
        lines = list(csv.reader(io.StringIO(csv_text.decode("utf-8-sig"))))
        xlsx = client.get("/admin/stats/", {**params, "view": view, "export": "xlsx"}).content
        sheet = [
            list(r) for r in load_workbook(io.BytesIO(xlsx)).active.iter_rows(values_only=True)
        ]
        offset = 2 if view == "institution" else 1
        for row in expected:
            figures = ["" if v is None else v for v in row[1:]]
            in_csv = next(line for line in lines if line and line[0] == row[0])
            assert in_csv[offset:] == [str(v) for v in figures], (view, params)
            in_xlsx = next(line for line in sheet if line and line[0] == row[0])
            assert ["" if v is None else v for v in in_xlsx[offset:]] == figures
        assert lone not in csv_text.decode("utf-8-sig")
        # Dashboard
        html = client.get("/admin/stats/", {**params, "view": view}).content.decode()
        for row in expected:
            for value in row[1:]:
                if value == SUPPRESSED:
                    assert f"<td>{SUPPRESSED}</td>" in html
        assert f">{lone}<" not in html and f">{LONE_SCORE}<" not in html
    summary = client.get("/api/v1/stats/summary/", {"profession": "judge"}, **bearer).json()
    assert summary["figures"]["enrolled"] == SUPPRESSED
    assert summary["figures"]["average_final_score"] is None


def test_scheduled_report_is_protected(world, analyst):
    from stats.models import ReportSubscription
    from stats.services import subscription_report

    subscription = ReportSubscription.objects.create(
        user=analyst, frequency="monthly", view="profession", params={}
    )
    content = subscription_report(subscription, start=MONTH(2026, 3, 1), end=MONTH(2026, 3, 31))
    rows = list(load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))
    judges = next(r for r in rows if r[0] == "Sudija")
    assert judges[1] == SUPPRESSED
    assert LONE_SCORE not in judges and float(LONE_SCORE) not in judges

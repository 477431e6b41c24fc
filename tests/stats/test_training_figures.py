"""Training figures (trainings held, participations, people trained, completions) per
period, by kind, declared sex, profession and institution; scoped and protected."""

from __future__ import annotations

import datetime

import pytest

from accounts.factories import UserFactory
from stats.selectors import (
    SUPPRESSED,
    StatsFilters,
    stats_scope_for,
    training_breakdown,
    training_summary,
)
from trainings.factories import TrainingPageFactory
from trainings.models import Attendance, Registration, TrainingSession

from .conftest import at

MONTH = datetime.date


def training(kind, *days, cancelled=()):
    page = TrainingPageFactory(kind=kind)
    sessions = []
    for number, day in enumerate(days):
        sessions.append(
            TrainingSession.objects.create(
                training=page,
                starts_at=at(day),
                ends_at=at(day) + datetime.timedelta(hours=4),
                venue="Palace of Justice",
                sort_order=number,
                cancelled_at=at(day) if day in cancelled else None,
            )
        )
    return page, sessions


def take_part(person, page, sessions, *, marks=None, completed=None, state="confirmed"):
    registration = Registration.objects.create(
        training=page, user=person, state=state, completed_at=at(completed) if completed else None
    )
    for session, mark in zip(sessions, marks or ["present"] * len(sessions), strict=False):
        if mark:
            Attendance.objects.create(
                session=session, registration=registration, mark=mark, marked_by="trainer"
            )
    return registration


@pytest.fixture
def trainings_world(tree):
    """January: a seminar of six Vračar officers (three women), five completed. February:
    a webinar of the same six and a judge at Medijana, the only judge and alone at her
    station. March: a workshop whose only session was cancelled. A confirmed participant
    absent from every session, and someone on the waiting list, are not participations."""
    bg = [
        UserFactory(
            institution=tree["station_bg"],
            profession="police_officer",
            sex="female" if i < 3 else "male",
        )
        for i in range(6)
    ]
    judge = UserFactory(institution=tree["station_ni"], profession="judge", sex="female")
    absent = UserFactory(institution=tree["station_bg"], profession="police_officer")
    seminar, seminar_days = training("seminar", "2026-01-12", "2026-01-13")
    for i, person in enumerate(bg):
        take_part(person, seminar, seminar_days, completed="2026-01-13" if i < 5 else None)
    take_part(absent, seminar, seminar_days, marks=["absent", "absent"])
    webinar, webinar_days = training("webinar", "2026-02-05")
    for person in [*bg, judge]:
        take_part(person, webinar, webinar_days, marks=["partly"], completed="2026-02-05")
    workshop, workshop_days = training("workshop", "2026-03-03", cancelled=["2026-03-03"])
    take_part(bg[0], workshop, workshop_days)
    waiting = UserFactory(institution=tree["station_bg"])
    Registration.objects.create(
        training=webinar, user=waiting, state="waitlisted", waitlisted_at=at("2026-01-20")
    )
    return {"bg": bg, "judge": judge}


def test_administrator_sees_exact_training_figures(trainings_world, administrator):
    scope = stats_scope_for(viewer=administrator)
    total = training_summary(scope=scope, filters=StatsFilters())
    assert total.public() == {
        "trainings": 2,
        "participations": 13,
        "people_trained": 7,
        "completions": 12,
    }
    kinds = {
        r.key: r.public()
        for r in training_breakdown(scope=scope, filters=StatsFilters(), by="kind")
    }
    assert kinds["seminar"]["participations"] == 6 and kinds["webinar"]["participations"] == 7
    assert "workshop" not in kinds
    sexes = {
        r.key: r.public() for r in training_breakdown(scope=scope, filters=StatsFilters(), by="sex")
    }
    assert sexes["female"]["people_trained"] == 4 and sexes["male"]["people_trained"] == 3
    january = training_summary(
        scope=scope, filters=StatsFilters(date_from=MONTH(2026, 1, 1), date_to=MONTH(2026, 1, 31))
    )
    assert january.public() == {
        "trainings": 1,
        "participations": 6,
        "people_trained": 6,
        "completions": 5,
    }


def test_a_training_without_participants_is_held_for_the_whole_programme(
    trainings_world, administrator, analyst
):
    training("study_visit", "2026-01-20")
    january = StatsFilters(date_from=MONTH(2026, 1, 1), date_to=MONTH(2026, 1, 31))
    everything = training_summary(scope=stats_scope_for(viewer=administrator), filters=january)
    assert everything.trainings == 2
    # A protected viewer's trainings held are those their people took part in.
    protected = training_summary(scope=stats_scope_for(viewer=analyst), filters=january)
    assert protected.public() == {
        "trainings": 1,
        "participations": 6,
        "people_trained": 6,
        "completions": 5,
    }


def test_the_lone_judge_is_hidden_with_the_next_smallest(trainings_world, analyst):
    scope = stats_scope_for(viewer=analyst)
    professions = {
        r.key: r.public()
        for r in training_breakdown(scope=scope, filters=StatsFilters(), by="profession")
    }
    assert professions["judge"]["participations"] == SUPPRESSED
    assert professions["police_officer"]["participations"] == SUPPRESSED
    institutions = training_breakdown(scope=scope, filters=StatsFilters(), by="institution")
    assert all(r.participations == SUPPRESSED for r in institutions)
    # February alone has seven people; January to February differs from January by her.
    feb = training_summary(
        scope=scope, filters=StatsFilters(date_from=MONTH(2026, 2, 1), date_to=MONTH(2026, 2, 28))
    )
    assert feb.people_trained == 7
    jan_feb = training_summary(
        scope=scope, filters=StatsFilters(date_from=MONTH(2026, 1, 1), date_to=MONTH(2026, 2, 28))
    )
    assert jan_feb.people_trained == SUPPRESSED


@pytest.mark.usefixtures("english")
def test_the_xlsx_has_a_sheet_per_table_and_no_formulas(
    trainings_world, tree, client, administrator, mfa_login
):
    from io import BytesIO

    from openpyxl import load_workbook

    from evaluation.factories import survey_with_items
    from evaluation.models import SurveyItem

    tree["station_bg"].name_en = '=HYPERLINK("http://evil")'
    tree["station_bg"].save()
    survey = survey_with_items(anonymous=False)
    SurveyItem.objects.filter(survey=survey, sort_order=0).update(text="=1+1")
    mfa_login(client, administrator)
    response = client.get(
        "/admin/stats/", {"view": "trainings", "institution": "PU-BG", "export": "xlsx"}
    )
    assert response.status_code == 200
    workbook = load_workbook(BytesIO(response.content))
    assert workbook.sheetnames == [
        "Total",
        "By kind",
        "By declared sex",
        "By profession",
        "By institution",
    ]
    cells = [c for row in workbook["By institution"].iter_rows() for c in row]
    evil = [c for c in cells if c.value == '=HYPERLINK("http://evil")']
    assert evil and all(c.data_type == "s" for c in evil)
    sexes = [r[0] for r in workbook["By declared sex"].iter_rows(values_only=True)]
    assert "Female" in sexes and "Male" in sexes
    response = client.get(
        "/admin/stats/", {"view": "surveys", "survey": survey.pk, "export": "xlsx"}
    )
    workbook = load_workbook(BytesIO(response.content))
    assert "Response rate" in workbook.sheetnames and "Item 1" in workbook.sheetnames
    formula = [c for row in workbook["Item 1"].iter_rows() for c in row if c.value == "=1+1"]
    assert formula and all(c.data_type == "s" for c in formula)
    page = client.get("/admin/stats/", {"view": "trainings"}).content.decode()
    assert "Trainings held" in page and "By declared sex" in page


@pytest.mark.usefixtures("english")
def test_people_who_declared_no_sex_have_their_row(trainings_world, tree, administrator):
    page, days = training("workshop", "2026-04-02")
    for _ in range(2):
        take_part(UserFactory(institution=tree["station_bg"], sex=""), page, days)
    scope = stats_scope_for(viewer=administrator)
    rows = {r.key: r for r in training_breakdown(scope=scope, filters=StatsFilters(), by="sex")}
    assert rows[""].label == "Not declared" and rows[""].people_trained == 2

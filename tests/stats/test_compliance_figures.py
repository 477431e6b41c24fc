"""Compliance with a training plan in statistics: people compliant, due, overdue and
expired as of the end of the period, by institution, profession and sex; which plans a
viewer may pick; counted in a bounded number of queries."""

from __future__ import annotations

import datetime
import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.factories import UserFactory
from certificates.models import Certificate
from courses.factories import course_with_lessons
from courses.models import Enrolment
from plans.factories import plan_with
from plans.models import Assignment
from plans.services import plan_apply
from stats.selectors import (
    SUPPRESSED,
    StatsFilters,
    compliance_breakdown,
    compliance_summary,
    plans_for_stats,
    stats_scope_for,
)

from .conftest import at

MONTH = datetime.date
_serial = itertools.count(1)


def certify(person, course, *, completed: str, expires: str | None, issued: str | None = None):
    """`person` completed `course` on `completed`, with a certificate valid until
    `expires`."""
    enrolment = Enrolment.objects.get(user=person, course=course, archived_at__isnull=True)
    Enrolment.objects.filter(pk=enrolment.pk).update(
        started_at=at(completed), completed_at=at(completed)
    )
    number = next(_serial)
    return Certificate.objects.create(
        kind="course",
        enrolment=enrolment,
        user=person,
        course=course,
        institution=person.institution,
        serial=f"T-{number}",
        code=f"code-{number}",
        issued_at=at(issued or completed),
        expires_at=at(expires) if expires else None,
        language="en",
        holder_name=person.get_full_name() or "Someone",
        course_title=course.title,
        hours=4,
        completed_at=at(completed),
    )


def assign(plan, *, assigned="2026-06-02", due="2026-07-01"):
    plan_apply(plan=plan)
    Assignment.objects.filter(plan=plan).update(assigned_at=at(assigned), due_at=at(due))


@pytest.fixture
def compliance_world(tree):
    """A national plan for the ministry: a course whose certificates are valid a year,
    assigned on 2 June 2026, due on 1 July. Ten police officers at Vračar (five women): six
    completed on 20 June (valid until June 2027), four never did. Six police officers at
    Medijana: five completed on 22 June with certificates that expired on 15 September, one
    never did. The judge at Medijana, the only judge, never did. Five other Vračar officers,
    who never did either, left the plan's target on 10 October."""
    course = course_with_lessons(modules=1, lessons=1, validity_months=12)
    bg = [
        UserFactory(
            institution=tree["station_bg"],
            profession="police_officer",
            sex="female" if i < 5 else "male",
        )
        for i in range(10)
    ]
    ni = [
        UserFactory(institution=tree["station_ni"], profession="police_officer", sex="male")
        for _ in range(6)
    ]
    judge = UserFactory(institution=tree["station_ni"], profession="judge", sex="female")
    leavers = [
        UserFactory(institution=tree["station_bg"], profession="police_officer", sex="male")
        for _ in range(5)
    ]
    plan = plan_with(institutions=[tree["ministry"]], courses=[course])
    assign(plan)
    for person in bg[:6]:
        certify(person, course, completed="2026-06-20", expires="2027-06-20")
    for person in ni[:5]:
        certify(person, course, completed="2026-06-22", expires="2026-09-15")
    Assignment.objects.filter(plan=plan, user__in=leavers).update(
        closed_at=at("2026-10-10"), closed_reason="left"
    )
    return {"plan": plan, "course": course, "bg": bg, "ni": ni, "judge": judge}


def figures(scope, plan, **filters):
    return compliance_summary(
        scope=scope, filters=StatsFilters(**filters), plan_id=plan.pk
    ).public()


def end_of(year, month):
    return {
        "date_to": (MONTH(year, month, 28) + datetime.timedelta(days=4)).replace(day=1)
        - datetime.timedelta(days=1)
    }


def test_exact_counts_now_and_as_of_the_end_of_past_periods(compliance_world, administrator):
    scope = stats_scope_for(viewer=administrator)
    plan = compliance_world["plan"]
    assert figures(scope, plan) == {
        "total": 17,
        "compliant": 6,
        "due": 0,
        "overdue": 6,
        "expired": 5,
        "compliance_rate": 35.3,
    }
    # Before anyone was assigned; at the end of June (due on 1 July); of August; of
    # September (the leavers still in it).
    assert figures(scope, plan, **end_of(2026, 5))["total"] == 0
    june = figures(scope, plan, **end_of(2026, 6))
    assert june == {
        "total": 22,
        "compliant": 11,
        "due": 11,
        "overdue": 0,
        "expired": 0,
        "compliance_rate": 50.0,
    }
    assert figures(scope, plan, **end_of(2026, 8))["overdue"] == 11
    assert figures(scope, plan, **end_of(2026, 9)) == {
        "total": 22,
        "compliant": 6,
        "due": 0,
        "overdue": 11,
        "expired": 5,
        "compliance_rate": 27.3,
    }
    # The period's start plays no part: a snapshot at its end.
    assert figures(scope, plan, date_from=MONTH(2026, 9, 1), **end_of(2026, 9)) == figures(
        scope, plan, **end_of(2026, 9)
    )
    by_institution = {
        r.code: r.public()
        for r in compliance_breakdown(
            scope=scope, filters=StatsFilters(), plan_id=plan.pk, by="institution"
        )
    }
    assert by_institution == {
        "MUP": {
            "total": 17,
            "compliant": 6,
            "due": 0,
            "overdue": 6,
            "expired": 5,
            "compliance_rate": 35.3,
        }
    }
    nis = {
        r.code: r.public()
        for r in compliance_breakdown(
            scope=scope,
            filters=StatsFilters(institution=compliance_world["judge"].institution.get_parent()),
            plan_id=plan.pk,
            by="institution",
        )
    }
    assert nis["PS-NI-1"]["expired"] == 5 and nis["PS-NI-1"]["overdue"] == 2
    professions = {
        r.key: r.public()["total"]
        for r in compliance_breakdown(
            scope=scope, filters=StatsFilters(), plan_id=plan.pk, by="profession"
        )
    }
    assert professions == {"police_officer": 16, "judge": 1}
    sexes = {
        r.key: r.public()["compliant"]
        for r in compliance_breakdown(
            scope=scope, filters=StatsFilters(), plan_id=plan.pk, by="sex"
        )
    }
    assert sexes == {"female": 5, "male": 1}


def test_expiry_across_a_period_boundary(tree, administrator):
    """A certificate that expires inside the period counts as expired at its end, and as
    compliant at the end of the period before."""
    course = course_with_lessons(modules=1, lessons=1, validity_months=12)
    person = UserFactory(institution=tree["station_bg"])
    plan = plan_with(institutions=[tree["belgrade"]], courses=[course])
    assign(plan, assigned="2025-01-10", due="2025-03-01")
    certify(person, course, completed="2025-02-01", expires="2026-02-01")
    scope = stats_scope_for(viewer=administrator)
    assert figures(scope, plan, **end_of(2025, 1))["due"] == 1
    assert figures(scope, plan, **end_of(2026, 1))["compliant"] == 1
    february = figures(scope, plan, date_from=MONTH(2026, 2, 1), **end_of(2026, 2))
    assert (february["compliant"], february["expired"]) == (0, 1)
    # Re-certified in March: a new completion and certificate; compliant again.
    Enrolment.objects.filter(user=person, course=course).update(archived_at=at("2026-01-05"))
    Enrolment.objects.create(user=person, course=course)
    certify(person, course, completed="2026-03-10", expires="2027-03-10")
    assert figures(scope, plan, **end_of(2026, 2))["expired"] == 1
    assert figures(scope, plan, **end_of(2026, 3))["compliant"] == 1
    # A certificate revoked in April was valid at the end of March, not at the end of April.
    Certificate.objects.filter(user=person, expires_at=at("2027-03-10")).update(
        revoked_at=at("2026-04-15")
    )
    assert figures(scope, plan, **end_of(2026, 3))["compliant"] == 1
    assert figures(scope, plan, **end_of(2026, 4))["expired"] == 1


def test_a_reissue_keeps_the_person_compliant_before_and_after(tree, administrator):
    course = course_with_lessons(modules=1, lessons=1, validity_months=12)
    person = UserFactory(institution=tree["station_bg"])
    plan = plan_with(institutions=[tree["belgrade"]], courses=[course])
    assign(plan, assigned="2026-01-10", due="2026-03-01")
    old = certify(person, course, completed="2026-02-01", expires="2027-02-01")
    new = Certificate.objects.create(
        **{
            f.attname: getattr(old, f.attname)
            for f in Certificate._meta.concrete_fields
            if f.attname
            not in ("id", "serial", "code", "issued_at", "superseded_by_id", "is_reissue")
        },
        serial="T-reissue",
        code="code-reissue",
        issued_at=at("2026-05-05"),
        is_reissue=True,
    )
    Certificate.objects.filter(pk=old.pk).update(superseded_by=new)
    scope = stats_scope_for(viewer=administrator)
    for month in (2, 4, 5, 6):
        assert figures(scope, plan, **end_of(2026, month))["compliant"] == 1, month
    assert figures(scope, plan)["compliant"] == 1


def test_which_plans_a_viewer_may_pick(tree, compliance_world, manager_bg, analyst):
    national = compliance_world["plan"]
    belgrade = plan_with(name="Belgrade", owner=tree["belgrade"], institutions=[tree["belgrade"]])
    nis = plan_with(name="Niš", owner=tree["nis"], institutions=[tree["nis"]])
    ministry = plan_with(name="Ministry", owner=tree["ministry"], institutions=[tree["ministry"]])
    manager = stats_scope_for(viewer=manager_bg)
    assert set(plans_for_stats(scope=manager)) == {national, belgrade}
    assert set(plans_for_stats(scope=stats_scope_for(viewer=analyst))) == {
        national,
        belgrade,
        nis,
        ministry,
    }
    # A national plan's figures are limited to the viewer's people.
    assert figures(manager, national)["total"] == 10
    from stats.selectors import OutOfScope

    for plan in (nis, ministry):
        with pytest.raises(OutOfScope):
            figures(manager, plan)


def test_bounded_queries_whatever_the_number_of_people(tree, analyst):
    """3 people or 30: the same number of queries, for a protected viewer (the disclosure
    control's queries included) and by every breakdown."""
    counts = []
    for n in (3, 30):
        course = course_with_lessons(modules=1, lessons=1, validity_months=12)
        people = [UserFactory(institution=tree["station_ni"]) for _ in range(n)]
        plan = plan_with(name=f"plan {n}", institutions=[tree["nis"]], courses=[course])
        assign(plan, assigned="2026-06-02", due="2026-07-01")
        for person in people[: n // 3]:
            certify(person, course, completed="2026-06-20", expires="2027-06-20")
        scope = stats_scope_for(viewer=analyst)
        filters = StatsFilters(institution=tree["nis"], profession="police_officer")
        with CaptureQueriesContext(connection) as captured:
            compliance_summary(scope=scope, filters=filters, plan_id=plan.pk)
            for by in ("institution", "profession", "sex"):
                compliance_breakdown(scope=scope, filters=filters, plan_id=plan.pk, by=by)
        counts.append(len(captured))
    assert counts[0] == counts[1], counts
    assert counts[0] < 60


def test_an_analyst_sees_groups_of_k_and_not_the_small_ones(compliance_world, analyst):
    scope = stats_scope_for(viewer=analyst)
    plan = compliance_world["plan"]
    total = figures(scope, plan)
    assert total["total"] == 17 and total["compliant"] == 6 and total["expired"] == 5
    judges = figures(scope, plan, profession="judge")
    assert judges["total"] == SUPPRESSED and judges["compliance_rate"] is None
    rows = {
        r.code: r.public()
        for r in compliance_breakdown(
            scope=scope, filters=StatsFilters(), plan_id=plan.pk, by="institution"
        )
    }
    # Vračar's four overdue and Medijana's two are hidden; neither is the total less the
    # other statuses shown.
    for row in rows.values():
        assert row["overdue"] == SUPPRESSED
        shown = [row[s] for s in ("compliant", "due", "overdue", "expired")]
        assert row["total"] == SUPPRESSED or shown.count(SUPPRESSED) >= 2


# --- Through the doors: dashboard, XLSX, API --------------------------------------------------


@pytest.mark.usefixtures("english")
def test_dashboard_tab_and_xlsx(compliance_world, client, administrator, mfa_login):
    from io import BytesIO

    from openpyxl import load_workbook

    plan = compliance_world["plan"]
    mfa_login(client, administrator)
    page = client.get("/admin/stats/", {"view": "compliance"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Training plans" in html and "Choose a plan" in html and plan.name in html
    page = client.get("/admin/stats/", {"view": "compliance", "plan": plan.pk, "to": "2026-09-30"})
    html = page.content.decode()
    assert "As of" in html and "People assigned" in html and "Overdue" in html
    assert f"plan={plan.pk}" in html  # drill-down and download links keep the plan
    response = client.get(
        "/admin/stats/", {"view": "compliance", "plan": plan.pk, "export": "xlsx"}
    )
    workbook = load_workbook(BytesIO(response.content))
    assert workbook.sheetnames == [
        "Total",
        "By institution",
        "By profession",
        "By declared sex",
    ]
    rows = list(workbook["Total"].iter_rows(values_only=True))
    assert any(r[:2] == ("Training plan", plan.name) for r in rows)
    assert list(rows[-1][2:]) == [17, 6, 0, 6, 5, 35.3]
    for bad in ("x", "999999"):
        assert client.get("/admin/stats/", {"view": "compliance", "plan": bad}).status_code == 404


@pytest.mark.usefixtures("english")
def test_a_manager_cannot_read_another_subtrees_plan(
    tree, compliance_world, client, manager_bg, mfa_login
):
    nis = plan_with(name="Niš plan", owner=tree["nis"], institutions=[tree["nis"]])
    plan_apply(plan=nis)
    from stats.services import api_token_create

    _token, key = api_token_create(user=manager_bg, name="t")
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    listed = client.get("/api/v1/stats/plans/", **bearer).json()
    assert [p["id"] for p in listed] == [compliance_world["plan"].pk]
    assert listed[0]["institution"] is None
    answer = client.get("/api/v1/stats/compliance/", {"plan": nis.pk}, **bearer)
    assert answer.status_code == 404
    assert client.get("/api/v1/stats/compliance/", **bearer).status_code == 400
    assert client.get("/api/v1/stats/compliance/", {"plan": "a"}, **bearer).status_code == 400
    national = compliance_world["plan"].pk
    assert (
        client.get(
            "/api/v1/stats/compliance/", {"plan": national, "institution": "PU-NI"}, **bearer
        ).status_code
        == 400
    )
    body = client.get(
        "/api/v1/stats/compliance/", {"plan": national, "by": "institution"}, **bearer
    )
    assert body.status_code == 200
    assert body.json()["total"]["total"] == 10
    assert "PS-NI-1" not in body.content.decode() and "PU-NI" not in body.content.decode()
    mfa_login(client, manager_bg)
    assert client.get("/admin/stats/", {"view": "compliance", "plan": nis.pk}).status_code == 404
    html = client.get("/admin/stats/", {"view": "compliance"}).content.decode()
    assert "Niš plan" not in html
    html = client.get("/admin/stats/", {"view": "compliance", "plan": national}).content.decode()
    assert "PS-NI-1" not in html and "Medijana" not in html


def test_api_answers_with_the_selectors_figures(compliance_world, client, analyst):
    from stats.services import api_token_create

    plan = compliance_world["plan"]
    _token, key = api_token_create(user=analyst, name="t")
    scope = stats_scope_for(viewer=analyst)
    for by in ("institution", "profession", "sex"):
        answer = client.get(
            "/api/v1/stats/compliance/",
            {"plan": plan.pk, "by": by, "to": "2026-09-12"},
            HTTP_AUTHORIZATION=f"Bearer {key}",
        )
        assert answer.status_code == 200, answer.content
        data = answer.json()
        assert data["filters"] == {"to": "2026-09-30"}
        assert data["as_of"].startswith("2026-10-01")
        filters = StatsFilters(date_to=MONTH(2026, 9, 12))
        rows = compliance_breakdown(scope=scope, filters=filters, plan_id=plan.pk, by=by)
        assert [r["label"] for r in data["results"]] == [r.label for r in rows]
        for got, row in zip(data["results"], rows, strict=True):
            assert {n: got[n] for n in row.public()} == row.public()
    assert data["total"]["total"] == 22


def test_schema_lists_the_compliance_endpoints(client):
    schema = client.get("/api/v1/schema/", {"format": "json"}).json()
    assert "/api/v1/stats/plans/" in schema["paths"]
    compliance = schema["paths"]["/api/v1/stats/compliance/"]["get"]
    parameters = {p["name"]: p for p in compliance["parameters"]}
    assert parameters["plan"]["required"] is True
    assert parameters["by"]["schema"]["enum"] == ["institution", "profession", "sex"]
    assert "course" not in parameters
    assert "ComplianceFigures" in schema["components"]["schemas"]


def test_one_person_leaving_is_not_found_by_comparing_periods(compliance_world, analyst):
    """A sixth Vračar officer leaves the plan in November: as of now the plan has one person
    fewer than at the end of October. Either snapshot hides it, for a protected viewer."""
    plan = compliance_world["plan"]
    Assignment.objects.filter(plan=plan, user=compliance_world["bg"][9]).update(
        closed_at=at("2026-11-10"), closed_reason="left"
    )
    scope = stats_scope_for(viewer=analyst)
    october, now = figures(scope, plan, **end_of(2026, 10)), figures(scope, plan)
    assert october["total"] == 17
    assert now["total"] == SUPPRESSED and now["overdue"] == SUPPRESSED
    # Five at once are K people: shown.
    assert figures(scope, plan, **end_of(2026, 9))["total"] == 22

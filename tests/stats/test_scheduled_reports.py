import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from openpyxl import load_workbook

from stats.models import ReportSubscription
from stats.services import last_full_period, scheduled_reports_send

from .conftest import enrol


@pytest.fixture
def figures(tree, people, course):
    for person in people["bg"][:5]:
        enrol(person, course, enrolled="2026-02-01", completed="2026-02-20")
    enrol(people["bg"][5], course, enrolled="2026-03-02")
    return people


def test_periods():
    assert last_full_period("weekly", datetime.date(2026, 3, 4)) == (
        "2026-W09",
        datetime.date(2026, 2, 23),
        datetime.date(2026, 3, 1),
    )
    assert last_full_period("monthly", datetime.date(2026, 3, 1)) == (
        "2026-02",
        datetime.date(2026, 2, 1),
        datetime.date(2026, 2, 28),
    )


def test_monthly_report_is_sent_once_per_period(figures, analyst, course):
    ReportSubscription.objects.create(
        user=analyst,
        frequency="monthly",
        view="institution",
        params={"course": str(course.pk), "institution": "PU-BG"},
    )
    assert scheduled_reports_send(today=datetime.date(2026, 3, 3)) == 1
    assert scheduled_reports_send(today=datetime.date(2026, 3, 20)) == 0
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [analyst.email]
    name, content, _mime = message.attachments[0]
    assert name.endswith("2026-02.xlsx")
    rows = list(load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))
    station = next(r for r in rows if r[1] == "PS-BG-1")
    assert station[2:5] == (5, 5, 5)  # February: five enrolled and completed
    assert scheduled_reports_send(today=datetime.date(2026, 4, 1)) == 1


def test_report_is_not_sent_once_the_scope_is_lost(figures, analyst, course, tree):
    from accounts.models import Role
    from accounts.services import role_revoke

    ReportSubscription.objects.create(user=analyst, frequency="weekly", view="month")
    role_revoke(user=analyst, role=Role.MINISTRY_ANALYST, institution=tree["ministry"])
    assert scheduled_reports_send(today=datetime.date(2026, 3, 3)) == 0
    assert mail.outbox == []


def test_subscription_to_an_institution_out_of_scope_is_not_sent(figures, analyst_bg):
    ReportSubscription.objects.create(
        user=analyst_bg, frequency="weekly", view="region", params={"institution": "PU-NI"}
    )
    assert scheduled_reports_send(today=datetime.date(2026, 3, 3)) == 0


def test_command(figures, analyst, capsys):
    ReportSubscription.objects.create(user=analyst, frequency="weekly", view="profession")
    call_command("send_scheduled_reports", "--today", "2026-03-03")
    assert "1 report(s) sent." in capsys.readouterr().out
    call_command("send_scheduled_reports", "--today", "2026-03-03")
    assert "0 report(s) sent." in capsys.readouterr().out


def test_subscribe_from_the_dashboard_keeps_filters_in_scope(client, analyst_bg, course, mfa_login):
    mfa_login(client, analyst_bg)
    response = client.post(
        "/admin/stats/subscriptions/",
        {"frequency": "monthly", "view": "institution", "institution": "PU-NI"},
    )
    assert response.status_code == 400
    assert not ReportSubscription.objects.exists()
    client.post(
        "/admin/stats/subscriptions/",
        {"frequency": "monthly", "view": "institution", "course": course.pk},
    )
    subscription = ReportSubscription.objects.get()
    assert subscription.params == {"course": str(course.pk)}
    assert subscription.user == analyst_bg

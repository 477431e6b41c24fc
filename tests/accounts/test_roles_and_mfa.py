import pytest

from accounts.models import Role
from accounts.services import role_grant, role_revoke


@pytest.mark.django_db
def test_learner_cannot_enter_the_admin(client, learner):
    client.force_login(learner)
    response = client.get("/admin/")
    assert response.status_code in (302, 403)
    assert "/admin/" not in response.get("Location", "") or "login" in response["Location"]


@pytest.mark.django_db
@pytest.mark.parametrize("fixture", ["trainer", "manager_bg", "analyst", "administrator"])
def test_staff_without_mfa_is_sent_to_set_it_up(client, request, fixture):
    user = request.getfixturevalue(fixture)
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/2fa/totp/activate/" in response["Location"]


@pytest.mark.django_db
@pytest.mark.parametrize("fixture", ["trainer", "manager_bg", "analyst", "administrator"])
def test_staff_with_mfa_session_reaches_the_admin(client, request, mfa_login, fixture):
    user = request.getfixturevalue(fixture)
    mfa_login(client, user)
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_staff_with_mfa_enabled_but_password_only_session_must_sign_in_again(client, trainer):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    TOTP.activate(trainer, generate_totp_secret())
    client.force_login(trainer)
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_wagtail_login_form_is_replaced_by_allauth(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.django_db
def test_administrator_role_makes_superuser_and_revoking_undoes_it(learner):
    role_grant(user=learner, role=Role.ADMINISTRATOR)
    learner.refresh_from_db()
    assert learner.is_superuser
    role_revoke(user=learner, role=Role.ADMINISTRATOR)
    learner.refresh_from_db()
    assert not learner.is_superuser
    assert not learner.groups.exists()


@pytest.mark.django_db
def test_scoped_roles_need_an_institution(learner):
    with pytest.raises(ValueError):
        role_grant(user=learner, role=Role.INSTITUTION_MANAGER)

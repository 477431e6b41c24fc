"""Wagtail's Users admin must not bypass roles (bulk group assignment) or erase history
(deleting a person)."""

from django.contrib.auth.models import Group

from accounts.models import User


def test_administrator_cannot_delete_a_person(client, mfa_login, administrator, learner):
    mfa_login(client, administrator)
    # Wagtail turns a refusal into a redirect to the dashboard with a message.
    assert client.get(f"/admin/users/delete/{learner.pk}/").status_code in (302, 403)
    assert client.post(f"/admin/users/delete/{learner.pk}/").status_code in (302, 403)
    assert User.objects.filter(pk=learner.pk).exists()


def test_bulk_delete_of_people_is_refused(client, mfa_login, administrator, learner):
    mfa_login(client, administrator)
    client.post(f"/admin/bulk/accounts/user/delete/?id={learner.pk}")
    assert User.objects.filter(pk=learner.pk).exists()


def test_bulk_group_assignment_is_refused(client, mfa_login, administrator, learner):
    group = Group.objects.get(name="Administrators")
    mfa_login(client, administrator)
    client.post(f"/admin/bulk/accounts/user/assign_role/?id={learner.pk}", {"role": group.pk})
    learner.refresh_from_db()
    assert not learner.groups.filter(pk=group.pk).exists()
    assert not learner.is_superuser

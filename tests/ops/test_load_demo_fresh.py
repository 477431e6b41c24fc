"""`load_demo` on a database that is not yet the demo: an existing account keeps its data,
and production settings are refused."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from accounts.demo import DEMO_PASSWORD
from accounts.factories import UserFactory
from accounts.models import Role, RoleAssignment, User

pytestmark = pytest.mark.django_db


def load_demo() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def test_existing_account_keeps_its_data_but_gets_its_role(tree):
    person = UserFactory(
        email="manager@demo.local", first_name="Vesna", last_name="Rakić", institution=tree["nis"]
    )
    load_demo()
    person.refresh_from_db()
    assert (person.first_name, person.institution.code) == ("Vesna", "PU-NI")
    assert not person.check_password(DEMO_PASSWORD)
    assert RoleAssignment.objects.filter(
        user=person, role=Role.INSTITUTION_MANAGER, institution__code="PU-BG"
    ).exists()


def test_refuses_to_run_under_production_settings(settings):
    settings.SETTINGS_MODULE = "config.settings.production"
    with pytest.raises(CommandError, match="production"):
        call_command("load_demo", stdout=StringIO())
    assert not User.objects.exists()

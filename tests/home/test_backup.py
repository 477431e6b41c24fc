"""`manage.py backup` and `restore`: everything comes back, and a certificate still verifies."""

from pathlib import Path

import pytest
from django.core.files.storage import storages
from django.core.management import CommandError, call_command
from django.db import connection

from certificates.models import Certificate
from courses.factories import course_with_lessons
from home.backup import BackupError, backup_create, model_counts
from tests.certificates.conftest import complete_course

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def certificate(learner):
    course = course_with_lessons(modules=1, lessons=2, title="Identifikacija žrtava")
    enrolment = complete_course(user=learner, course=course)  # real commits: issued at once
    return Certificate.objects.get(enrolment=enrolment)


def _verify(client, certificate) -> str:
    response = client.get(f"/en/certificates/verify/{certificate.code}/")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the dumpdata path")
def test_backup_then_loss_then_restore_brings_everything_back(
    client, certificate, tmp_path, settings
):
    settings.CERTIFICATE_VERIFY_RATE_LIMIT = 1000
    before = model_counts()
    page_before = _verify(client, certificate)
    assert certificate.holder_name in page_before
    pdf_name = certificate.pdf.name
    assert storages["private"].exists(pdf_name)

    call_command("backup", output=str(tmp_path / "b"))
    assert (tmp_path / "b" / "database.json.gz").exists()

    # The disaster: every row gone, the files too.
    call_command("flush", interactive=False, verbosity=0)
    for alias in ("default", "private"):
        for path in Path(storages[alias].location).rglob("*"):
            if path.is_file():
                path.unlink()
    assert not Certificate.objects.exists()

    call_command("restore", str(tmp_path / "b"), yes=True)

    assert model_counts() == before
    restored = Certificate.objects.get(pk=certificate.pk)
    assert restored.code == certificate.code
    assert certificate.holder_name in _verify(client, restored)
    assert storages["private"].exists(pdf_name)
    # People can still sign in with their old passwords.
    assert client.login(email=restored.user.email, password="correct horse battery staple")


VERIFY_IN_RESTORED = """
import django; django.setup()
from django.test import Client
from certificates.models import Certificate
c = Certificate.objects.get(code={code!r})
page = Client().get(f"/en/certificates/verify/{{c.code}}/").content.decode()
print("HOLDER-SHOWN" if c.holder_name in page else "HOLDER-MISSING", c.revoked_at)
"""


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the pg_dump path")
def test_pg_dump_backup_restores_into_a_fresh_database(certificate, tmp_path):
    """pg_dump of this database, pg_restore into a new one, checked by a separate process
    running on the new database: every count matches and the certificate verifies."""
    import os
    import subprocess
    import sys

    from django.conf import settings as django_settings

    call_command("backup", output=str(tmp_path / "b"))
    assert (tmp_path / "b" / "database.dump").exists()

    db = connection.settings_dict
    fresh = f"{db['NAME']}_restored"
    base = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{fresh}"')
        cursor.execute(f'CREATE DATABASE "{fresh}"')
    env = {
        **os.environ,
        "DATABASE_URL": f"{base}/{fresh}",
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
    }
    try:
        restore = subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", "restore", str(tmp_path / "b"), "--yes"],
            cwd=django_settings.BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert restore.returncode == 0, restore.stderr
        assert "counts match" in restore.stdout
        check = subprocess.run(  # noqa: S603
            [sys.executable, "-c", VERIFY_IN_RESTORED.format(code=certificate.code)],
            cwd=django_settings.BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert check.stdout.split() == ["HOLDER-SHOWN", "None"], check.stderr
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{fresh}" WITH (FORCE)')


def test_backup_refuses_a_folder_that_is_not_empty(tmp_path, db):
    (tmp_path / "old.txt").write_text("x")
    with pytest.raises(BackupError):
        backup_create(folder=tmp_path)


def test_restore_refuses_a_folder_without_a_backup(tmp_path, db):
    with pytest.raises(CommandError, match="holds no backup"):
        call_command("restore", str(tmp_path), yes=True)

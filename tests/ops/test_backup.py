"""`manage.py backup` and `restore` (django-dbbackup): encrypted, everything comes back, and a
certificate still verifies."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.storage import storages
from django.core.management import CommandError, call_command
from django.db import connection

from certificates.models import Certificate
from courses.factories import course_with_lessons
from ops.backup import BackupError, backup_create, backup_find, model_counts
from tests.certificates.conftest import complete_course

from .conftest import PASSPHRASE

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def certificate(learner, settings):
    settings.CERTIFICATE_VERIFY_RATE_LIMIT = 1000
    course = course_with_lessons(modules=1, lessons=2, title="Identifikacija žrtava")
    enrolment = complete_course(user=learner, course=course)  # real commits: issued at once
    return Certificate.objects.get(enrolment=enrolment)


def _verify(client, certificate) -> str:
    response = client.get(f"/en/certificates/verify/{certificate.code}/")
    assert response.status_code == 200
    return response.content.decode()


def _backup_files() -> dict[str, bytes]:
    root = Path(storages["dbbackup"].location)
    return {path.name: path.read_bytes() for path in root.iterdir() if path.is_file()}


def _backup(capsys) -> str:
    call_command("backup")
    out = capsys.readouterr().out
    return out.split("make restore BACKUP=")[1].split(")")[0]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite path")
def test_backup_then_loss_then_restore_brings_everything_back(
    client, certificate, server_keyring, capsys, monkeypatch
):
    page_before = _verify(client, certificate)
    assert certificate.holder_name in page_before
    pdf_name = certificate.pdf.name
    assert storages["private"].exists(pdf_name)
    before = model_counts()  # after the page: it may create the site's settings row

    stamp = _backup(capsys)
    backup = backup_find(stamp)
    files = _backup_files()
    assert {backup.database, backup.media, backup.private} <= set(files)
    for name in (backup.database, backup.media, backup.private):
        assert name.endswith(".gz.gpg")
        # Encrypted: neither the database's nor gzip's signature, no name in clear.
        assert not files[name].startswith((b"SQLite format", b"\x1f\x8b"))
        assert certificate.holder_name.encode() not in files[name]

    # The disaster: every row gone, the files too.
    call_command("flush", interactive=False, verbosity=0)
    for alias in ("default", "private"):
        for path in Path(storages[alias].location).rglob("*"):
            if path.is_file():
                path.unlink()
    assert not Certificate.objects.exists()

    monkeypatch.setenv("GNUPGHOME", str(server_keyring["admin"]))
    monkeypatch.setenv("BACKUP_GPG_PASSPHRASE", PASSPHRASE)
    call_command("restore", stamp, yes=True)

    assert model_counts() == before
    restored = Certificate.objects.get(pk=certificate.pk)
    assert restored.code == certificate.code
    assert certificate.holder_name in _verify(client, restored)
    assert storages["private"].exists(pdf_name)
    # People can still sign in with their old passwords.
    assert client.login(email=restored.user.email, password="correct horse battery staple")


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="pg_dump and pg_restore: DATABASE_URL=postgres://…"
)
def test_make_restore_on_postgresql_brings_back_what_changed(
    client, certificate, server_keyring, capsys, monkeypatch
):
    """Back up, change data, restore: the original data is found again."""
    _verify(client, certificate)  # creates what a first page view creates, before counting
    before = model_counts()
    holder, code, user = certificate.holder_name, certificate.code, certificate.user
    stamp = _backup(capsys)
    assert backup_find(stamp).database.endswith(".psql.bin.gz.gpg")

    Certificate.objects.filter(pk=certificate.pk).update(holder_name="Someone Else")
    Certificate.objects.exclude(pk=certificate.pk).delete()
    type(user).objects.filter(pk=user.pk).update(email="changed@example.org")
    course_with_lessons(modules=1, lessons=1, title="Added after the backup")

    monkeypatch.setenv("GNUPGHOME", str(server_keyring["admin"]))
    monkeypatch.setenv("BACKUP_GPG_PASSPHRASE", PASSPHRASE)
    call_command("restore", "latest", yes=True)
    assert "counts match" in capsys.readouterr().out

    assert model_counts() == before
    restored = Certificate.objects.get(pk=certificate.pk)
    assert (restored.holder_name, restored.code) == (holder, code)
    assert type(user).objects.get(pk=user.pk).email == user.email
    assert holder in _verify(client, restored)
    assert storages["private"].exists(certificate.pdf.name)


VERIFY_IN_RESTORED = """
import django; django.setup()
from django.test import Client
from certificates.models import Certificate
c = Certificate.objects.get(code={code!r})
page = Client().get(f"/en/certificates/verify/{{c.code}}/").content.decode()
print("HOLDER-SHOWN" if c.holder_name in page else "HOLDER-MISSING", c.revoked_at)
"""


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the pg_dump path")
def test_pg_dump_backup_restores_into_a_fresh_database(
    certificate, server_keyring, tmp_path, capsys
):
    """pg_dump of this database, pg_restore into a new one, checked by a separate process
    running on the new database: every count matches and the certificate verifies."""
    stamp = _backup(capsys)

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
        "BACKUP_DIR": storages["dbbackup"].location,
        "GNUPGHOME": str(server_keyring["admin"]),
        "BACKUP_GPG_PASSPHRASE": PASSPHRASE,
    }
    try:
        restore = subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", "restore", stamp, "--yes"],
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


def test_the_server_alone_cannot_read_its_backups(certificate, server_keyring, capsys, monkeypatch):
    """The server holds the public key only: a stolen server (or backup) reveals nothing,
    and a restore without the private key changes nothing, whatever passphrase is given."""
    stamp = _backup(capsys)
    monkeypatch.setenv("BACKUP_GPG_PASSPHRASE", PASSPHRASE)
    with pytest.raises(CommandError, match="restore failed"):
        call_command("restore", stamp, yes=True)
    assert Certificate.objects.filter(pk=certificate.pk).exists()


def test_production_refuses_an_unencrypted_backup(settings, server_keyring):
    settings.BACKUP_ENCRYPTION_REQUIRED = True
    settings.DBBACKUP_GPG_RECIPIENT = None
    Path(storages["dbbackup"].location).mkdir(parents=True, exist_ok=True)
    before = set(_backup_files())
    with pytest.raises(CommandError, match="Refusing to write an unencrypted backup"):
        call_command("backup")
    assert set(_backup_files()) == before


def test_without_a_key_development_backs_up_in_clear_and_says_so(settings, capsys):
    settings.DBBACKUP_GPG_RECIPIENT = None
    backup = backup_create()
    assert not backup.encrypted
    assert backup.database.endswith(".gz")
    assert _backup_files()[backup.database].startswith(b"\x1f\x8b")  # gzip, not encrypted


def test_restore_refuses_a_backup_that_is_not_there(db):
    with pytest.raises(CommandError, match="No backup '1999-01-01-000000'"):
        call_command("restore", "1999-01-01-000000", yes=True)
    with pytest.raises(BackupError):
        backup_find("1999-01-01-000000")

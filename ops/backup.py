"""Backups of the database and the uploaded files, encrypted, rotated, in a storage of their own.

django-dbbackup does the work: `pg_dump --format=custom` on PostgreSQL (restored with
`pg_restore --clean`), SQLite's online backup elsewhere; gzip; GnuPG encryption to the public
key named by BACKUP_GPG_RECIPIENT; writing to `STORAGES["dbbackup"]` (a folder, or an S3
bucket); keeping the newest DBBACKUP_CLEANUP_KEEP of each kind. This module makes one backup
*set* out of its commands, three files sharing one time stamp:

- `default-<stamp>.<psql.bin|sqlite3>.gz.gpg`, the database, with a `.metadata` file beside
  it (engine, connector, rows per model, so that a restore can be checked);
- `media-<stamp>.tar.gz.gpg`, the public media (images, documents);
- `private-<stamp>.tar.gz.gpg`, the private files (certificate PDFs, imports in progress).

Without a recipient the files are written unencrypted (no `.gpg`): development only, as
production settings set BACKUP_ENCRYPTION_REQUIRED and the backup is then refused.
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from shutil import copyfileobj

from dbbackup import utils as dbbackup_utils
from dbbackup.db.base import get_connector
from dbbackup.db.exceptions import ConnectorError
from dbbackup.db.sqlite import SqliteBackupConnector
from dbbackup.management.commands import mediabackup, mediarestore
from dbbackup.storage import StorageError, get_storage
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import FileSystemStorage, storages
from django.core.management import call_command

# Rebuilt from the pages by Wagtail: not compared after a restore.
NOT_COUNTED = ["wagtailsearch"]
DATE_FORMAT = "%Y-%m-%d-%H%M%S"  # dbbackup's DBBACKUP_DATE_FORMAT default: it finds dates by it


class BackupError(Exception):
    pass


def model_counts() -> dict[str, int]:
    """Rows per model, for every model with a table of its own."""
    counts = {}
    for model in apps.get_models():
        meta = model._meta
        if meta.proxy or not meta.managed or meta.app_label in NOT_COUNTED:
            continue
        counts[meta.label] = model._base_manager.using("default").count()
    return counts


def backup_metadata(metadata: dict) -> dict:
    """DBBACKUP_BACKUP_METADATA_SETTER: what a restore checks against."""
    return {"counts": model_counts()}


class SqliteOnlineConnector(SqliteBackupConnector):
    """dbbackup's SQLite connector writes a restored database over the file on disk, under
    the open connection's feet (and cannot restore an in-memory database). This one copies
    the backup into the open connection with SQLite's online backup, page by page, as the
    backup itself was taken."""

    def restore_dump(self, dump):
        with tempfile.NamedTemporaryFile(suffix=".sqlite3") as copy:
            dump.seek(0)
            copyfileobj(dump, copy)
            copy.flush()
            self.connection.ensure_connection()
            source = sqlite3.connect(copy.name)
            try:
                source.backup(self.connection.connection)
            finally:
                source.close()


class _PrivateStorage:
    """dbbackup's media commands archive `self.media_storage`, which they set to the
    default storage; these archive the private one."""

    @property
    def media_storage(self):
        return storages["private"]

    @media_storage.setter
    def media_storage(self, value):
        pass  # the default storage dbbackup's handle() assigns


class PrivateFilesBackup(_PrivateStorage, mediabackup.Command):
    help = "Back up the private files (certificates, imports in progress)."


class PrivateFilesRestore(_PrivateStorage, mediarestore.Command):
    help = "Restore the private files from a backup."


@dataclass(frozen=True)
class BackupSet:
    stamp: str
    database: str
    media: str
    private: str

    @property
    def encrypted(self) -> bool:
        return self.database.endswith(".gpg")


def _ensure_folders() -> None:
    """A storage on disk that was never written to has no folder yet: listing it fails."""
    for alias in ("dbbackup", "default", "private"):
        storage = storages[alias]
        if isinstance(storage, FileSystemStorage):
            Path(storage.location).mkdir(parents=True, exist_ok=True)


def encryption_refused() -> str | None:
    """Why a backup may not be written now, or None."""
    if settings.BACKUP_ENCRYPTION_REQUIRED and not settings.DBBACKUP_GPG_RECIPIENT:
        return (
            "Refusing to write an unencrypted backup of personal data: set "
            "BACKUP_GPG_RECIPIENT to the fingerprint of the backup key (README, Operations)."
        )
    return None


def backup_create() -> BackupSet:
    """Back up the database, the media and the private files as one set; older sets beyond
    DBBACKUP_CLEANUP_KEEP are deleted."""
    if refusal := encryption_refused():
        raise BackupError(refusal)
    encrypt = bool(settings.DBBACKUP_GPG_RECIPIENT)
    _ensure_folders()
    stamp = datetime.now().strftime(DATE_FORMAT)  # noqa: DTZ005 (dbbackup's dates are local)
    suffix = ".gz" + (".gpg" if encrypt else "")
    names = BackupSet(
        stamp=stamp,
        database=f"default-{stamp}.{get_connector('default').extension}{suffix}",
        media=f"media-{stamp}.tar{suffix}",
        private=f"private-{stamp}.tar{suffix}",
    )
    common = {"compress": True, "encrypt": encrypt, "clean": True, "verbosity": 0}
    # dbbackup takes a database's file name as final, but adds ".gpg" to an archive's.
    archive = names.media.removesuffix(".gpg"), names.private.removesuffix(".gpg")
    try:
        call_command("dbbackup", database="default", output_filename=names.database, **common)
        # --servername only tells the rotation which archives are of which kind.
        call_command("mediabackup", output_filename=archive[0], servername="media", **common)
        call_command(
            PrivateFilesBackup(), output_filename=archive[1], servername="private", **common
        )
    except (StorageError, ConnectorError, dbbackup_utils.EncryptionError) as error:
        raise BackupError(f"The backup failed: {error}") from error
    return names


def backup_sets() -> list[str]:
    """The stamps of the database backups in the backup storage, newest first."""
    _ensure_folders()
    storage = get_storage()
    names = storage.list_backups(content_type="db", database="default")
    stamps = {dbbackup_utils.filename_to_datestring(name, DATE_FORMAT) for name in names}
    return sorted((s for s in stamps if s), reverse=True)


def backup_find(stamp: str) -> BackupSet:
    """The set with this stamp ("latest": the newest)."""
    stamps = backup_sets()
    if stamp == "latest":
        if not stamps:
            raise BackupError("There is no backup in the backup storage.")
        stamp = stamps[0]
    files = get_storage().list_directory()
    found = {}
    for kind in ("default", "media", "private"):
        matches = [
            name
            for name in files
            if name.startswith(f"{kind}-{stamp}.") and not name.endswith(".metadata")
        ]
        if len(matches) != 1:
            raise BackupError(
                f"No backup {stamp!r} with its {kind} file in the backup storage "
                f"(backups there: {', '.join(stamps) or 'none'})."
            )
        found[kind] = matches[0]
    return BackupSet(
        stamp=stamp, database=found["default"], media=found["media"], private=found["private"]
    )


def backup_expected_counts(backup: BackupSet) -> dict[str, int]:
    metadata = json.load(get_storage().read_file(f"{backup.database}.metadata"))
    return metadata.get("counts", {})


def backup_restore(backup: BackupSet, *, passphrase: str | None = None) -> None:
    """Replace the database, the media and the private files with those of `backup`.

    The passphrase of the backup key comes from the argument, else BACKUP_GPG_PASSPHRASE,
    else gpg asks for it."""
    passphrase = passphrase or os.environ.get("BACKUP_GPG_PASSPHRASE") or None
    decrypt = {"decrypt": True, "passphrase": passphrase} if backup.encrypted else {}
    common = {"uncompress": True, "interactive": False, "verbosity": 0, **decrypt}
    _ensure_folders()
    try:
        call_command("dbrestore", database="default", input_filename=backup.database, **common)
        call_command("mediarestore", input_filename=backup.media, replace=True, **common)
        call_command(PrivateFilesRestore(), input_filename=backup.private, replace=True, **common)
    except (StorageError, ConnectorError, dbbackup_utils.DecryptionError) as error:
        raise BackupError(f"The restore failed: {error}") from error
    # Content type ids cached before the restore may be wrong now: read them again (a cold
    # cache would make the next lookup create rows the data may still bring).
    ContentType.objects.clear_cache()
    ContentType.objects.get_for_models(*apps.get_models(), for_concrete_models=False)

"""Backups of the database and the uploaded files, and restoring them.

A backup is a folder:
- `database.dump`: `pg_dump --format=custom` on PostgreSQL, or
  `database.json.gz`: every table through `dumpdata` (primary keys as they are) elsewhere;
- `media.tar.gz`: the public media and the private files (uploads being imported, certificate
  PDFs), when they live on this machine's disk (S3 buckets keep their own versions);
- `manifest.json`: when, from which engine, and how many rows each model had, so that a
  restore can be checked.

Restoring replaces what the configured database holds: PostgreSQL through `pg_restore
--clean`; elsewhere the schema is migrated, emptied, and the rows loaded.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import FileSystemStorage, storages
from django.core.management import call_command
from django.db import connection, connections

# Rebuilt from the pages after a restore (`update_index`); SQLite's full-text tables cannot be
# dumped as rows anyway.
NOT_DUMPED = ["wagtailsearch"]
MANIFEST = "manifest.json"


class BackupError(Exception):
    pass


@dataclass(frozen=True)
class Backup:
    folder: Path

    @property
    def manifest(self) -> dict:
        return json.loads((self.folder / MANIFEST).read_text())


def model_counts() -> dict[str, int]:
    """Rows per model, for every model with a table of its own."""
    counts = {}
    for model in apps.get_models():
        meta = model._meta
        if meta.proxy or not meta.managed or meta.app_label in NOT_DUMPED:
            continue
        counts[meta.label] = model._base_manager.using("default").count()
    return counts


def _is_postgresql() -> bool:
    return connection.vendor == "postgresql"


def _pg_env_and_args() -> tuple[dict, list[str]]:
    db = connection.settings_dict
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    args = []
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    return env, args


def _local_file_roots() -> dict[str, Path]:
    """The folders our storages keep files in, where they are on this machine's disk."""
    roots = {}
    for alias in ("default", "private"):
        storage = storages[alias]
        if isinstance(storage, FileSystemStorage):
            roots[alias] = Path(storage.location)
    return roots


def backup_create(*, folder: Path) -> Backup:
    folder.mkdir(parents=True, exist_ok=True)
    if any(folder.iterdir()):
        raise BackupError(f"{folder} is not empty; choose a new folder for the backup.")
    if _is_postgresql():
        env, args = _pg_env_and_args()
        result = subprocess.run(  # noqa: S603
            [
                shutil.which("pg_dump") or "pg_dump",
                "--format=custom",
                "--no-owner",
                "--file",
                str(folder / "database.dump"),
                *args,
                connection.settings_dict["NAME"],
            ],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode:
            raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
    else:
        # Content types first, in a file of their own: loading other rows may look them up
        # (signal handlers), which would create them again under new ids.
        with gzip.open(folder / "contenttypes.json.gz", "wt", encoding="utf-8") as out:
            call_command("dumpdata", "contenttypes", "--all", stdout=out)
        with gzip.open(folder / "database.json.gz", "wt", encoding="utf-8") as out:
            call_command(
                "dumpdata",
                *[f"--exclude={label}" for label in [*NOT_DUMPED, "contenttypes"]],
                "--all",  # base managers: nothing filtered out
                stdout=out,
            )
    roots = _local_file_roots()
    if roots:
        with tarfile.open(folder / "media.tar.gz", "w:gz") as tar:
            for alias, root in roots.items():
                if root.exists():
                    tar.add(root, arcname=alias)
    manifest = {
        "engine": connection.vendor,
        "counts": model_counts(),
        "file_storages": sorted(roots),
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True))
    return Backup(folder)


def backup_restore(*, folder: Path) -> Backup:
    backup = Backup(folder)
    if not (folder / MANIFEST).exists():
        raise BackupError(f"{folder} holds no backup ({MANIFEST} is missing).")
    engine = backup.manifest["engine"]
    if engine != connection.vendor:
        raise BackupError(
            f"This backup was made on {engine}; the configured database is {connection.vendor}."
        )
    if _is_postgresql():
        _restore_postgresql(folder / "database.dump")
    else:
        _restore_rows(folder / "contenttypes.json.gz", folder / "database.json.gz")
    _restore_files(folder / "media.tar.gz")
    # Content type ids cached before the restore may be wrong now: read them again (a cold
    # cache would make the next lookup create rows the data may still bring).
    ContentType.objects.clear_cache()
    ContentType.objects.get_for_models(*apps.get_models(), for_concrete_models=False)
    call_command("update_index", verbosity=0)
    return backup


def _restore_postgresql(dump: Path) -> None:
    for conn in connections.all():
        conn.close()
    env, args = _pg_env_and_args()
    result = subprocess.run(  # noqa: S603
        [
            shutil.which("pg_restore") or "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--dbname",
            connection.settings_dict["NAME"],
            *args,
            str(dump),
        ],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        raise BackupError(f"pg_restore failed: {result.stderr.strip()}")


def _restore_rows(*dumps: Path) -> None:
    call_command("migrate", verbosity=0, interactive=False)
    # Empty every table, without recreating content types, permissions or groups: the
    # backup brings its own, with their original ids.
    call_command("flush", verbosity=0, interactive=False, inhibit_post_migrate=True)
    for dump in dumps:
        call_command("loaddata", str(dump), verbosity=0)


def _restore_files(archive: Path) -> None:
    if not archive.exists():
        return
    roots = _local_file_roots()
    with tarfile.open(archive, "r:gz") as tar:
        for alias, root in roots.items():
            members = [
                m for m in tar.getmembers() if m.name == alias or m.name.startswith(f"{alias}/")
            ]
            if not members:
                continue
            root.mkdir(parents=True, exist_ok=True)
            for member in members:
                member.name = member.name[len(alias) :].lstrip("/") or "."
            # The "data" filter refuses absolute paths, links out of the folder and devices.
            tar.extractall(root, members=members, filter="data")

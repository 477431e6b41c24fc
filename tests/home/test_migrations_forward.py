"""Migrations run forward on a database full of demo data, and lose no rows.

The database is built by an older checkout (the commit before the newest one that added a
migration, or MIGRATION_BASELINE): its own code migrates a fresh PostgreSQL database and runs
its own `load_demo`. Then this checkout migrates that database forward. Every table must
still hold at least the rows it had. PostgreSQL only (CI's second run); needs git history.
"""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="runs on PostgreSQL (CI)"),
    pytest.mark.django_db,
]
ROOT = Path(settings.BASE_DIR)


def _git(*args: str) -> str:
    return subprocess.run(  # noqa: S603
        ["git", *args],  # noqa: S607 - git from PATH, as CI has it
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,  # noqa: S607
    ).stdout.strip()


def _baseline() -> str | None:
    if os.environ.get("MIGRATION_BASELINE"):
        return _git("rev-parse", os.environ["MIGRATION_BASELINE"])
    try:
        newest = _git("log", "-1", "--format=%H", "--diff-filter=A", "--", "*/migrations/0*.py")
        return _git("rev-parse", f"{newest}^") if newest else None
    except (subprocess.CalledProcessError, FileNotFoundError):
        return None


def _maintenance(sql: str) -> None:
    import psycopg

    db = connection.settings_dict
    with psycopg.connect(
        host=db["HOST"] or "127.0.0.1",
        port=db["PORT"] or 5432,
        user=db["USER"],
        password=db["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    ) as conn:
        conn.execute(sql)


def _row_counts(url: str) -> dict[str, int]:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
            )
        ]
        # Table names come from pg_tables, not from any input.
        query = 'SELECT count(*) FROM "{}"'
        return {t: conn.execute(query.format(t)).fetchone()[0] for t in tables}


def _manage(cwd: Path, url: str, *args: str) -> None:
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "SECRET_KEY": "migration-test",
        "CACHE_DIR": tempfile.mkdtemp(prefix="migration-test-cache-"),
        "MEDIA_ROOT": tempfile.mkdtemp(prefix="migration-test-media-"),
        "PRIVATE_MEDIA_ROOT": tempfile.mkdtemp(prefix="migration-test-private-"),
        "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
    }
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=1200,
        check=False,
    )
    assert result.returncode == 0, f"manage.py {' '.join(args)} in {cwd}:\n{result.stderr[-4000:]}"


def test_migrating_forward_from_the_previous_schema_keeps_every_row(tmp_path):
    baseline = _baseline()
    if not baseline or not shutil.which("git"):
        pytest.skip("no git history to take the previous schema from")
    db = connection.settings_dict
    name = f"{db['NAME']}_forward"
    url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"
    old = tmp_path / "old"
    _maintenance(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    _maintenance(f'CREATE DATABASE "{name}"')
    _git("worktree", "add", "--detach", str(old), baseline)
    try:
        _manage(old, url, "migrate", "--noinput", "-v0")
        _manage(old, url, "load_demo")
        before = _row_counts(url)
        _manage(ROOT, url, "migrate", "--noinput", "-v0")
        after = _row_counts(url)
    finally:
        _git("worktree", "remove", "--force", str(old))
        _maintenance(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    assert before["wagtailcore_page"] > 2, "load_demo made no pages"
    lost = {
        table: (count, after.get(table))
        for table, count in before.items()
        if table != "django_migrations" and (after.get(table) or 0) < count
    }
    assert not lost, f"rows lost by migrating forward: {lost}"
    assert after["django_migrations"] >= before["django_migrations"]

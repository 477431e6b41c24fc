"""Bulk onboarding: importing a checked file of institutions or users, all or nothing.

The upload view reads and checks the file (`import_files`, `import_validation`)
and, if every row is good, calls `import_job_start`. Small files are imported
during the request; larger ones by a background task. Either way
`import_job_run` reads the stored file again, checks it again (the database may
have changed in between) and writes everything in one transaction. Progress goes
to the cache, which the web process can read while the worker's transaction is
still open.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from functools import partial

from django.core.cache import cache
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from institutions.api import ImportJob, ImportKind, ImportStatus, Institution

from .import_access import import_scope_for
from .import_files import ImportFileRefused, ImportRow, import_file_read
from .import_validation import RowError, import_rows_validate, institution_fields, user_fields
from .models import User
from .selectors import user_ids_by_email
from .services import import_notice_send, invitation_send, user_create
from .signals import people_changes_batched

logger = logging.getLogger(__name__)

# Files up to this many rows are imported during the request; larger ones in the background.
IMPORT_IN_REQUEST_MAX_ROWS = 200
# Row errors kept on a failed job (the page would be unreadable with more).
ROW_ERRORS_KEPT = 1_000
INVITATIONS_PER_TASK = 500
PROGRESS_TIMEOUT_SECONDS = 24 * 60 * 60


# --- Progress -----------------------------------------------------------------


def import_progress_key(*, job_id: int) -> str:
    return f"institutions:import:{job_id}:progress"


class ImportProgress:
    """Counts processed rows into the cache, about a hundred times per import."""

    def __init__(self, *, job_id: int, total: int):
        self.key = import_progress_key(job_id=job_id)
        self.total = total
        self.processed = 0
        self.every = max(1, total // 100)
        self._write()

    def advance(self) -> None:
        self.processed += 1
        if self.processed % self.every == 0 or self.processed == self.total:
            self._write()

    def _write(self) -> None:
        cache.set(
            self.key,
            {"processed": self.processed, "total": self.total},
            timeout=PROGRESS_TIMEOUT_SECONDS,
        )


def import_progress(*, job: ImportJob) -> dict[str, int]:
    """Rows processed so far and in all: from the cache while running, else from the job."""
    if job.status == ImportStatus.RUNNING:
        cached = cache.get(import_progress_key(job_id=job.pk))
        if cached:
            return cached
    return {"processed": job.processed_rows, "total": job.total_rows}


# --- Jobs ---------------------------------------------------------------------


def import_job_start(
    *,
    kind: str,
    upload: UploadedFile,
    row_count: int,
    created_by: User,
    base_url: str,
    language: str,
    in_request_max_rows: int | None = None,
) -> ImportJob:
    """Store a checked upload and import it now if it is small, otherwise in the background."""
    limit = IMPORT_IN_REQUEST_MAX_ROWS if in_request_max_rows is None else in_request_max_rows
    job = ImportJob.objects.create(
        kind=kind,
        file=upload,
        file_name=(upload.name or "")[:255],
        total_rows=row_count,
        created_by=created_by,
    )
    if row_count <= limit:
        return import_job_run(job=job, base_url=base_url)
    import_job_execute.enqueue(job_id=job.pk, base_url=base_url, language=language)
    return job


def import_job_run(*, job: ImportJob, base_url: str) -> ImportJob:
    """Check and import a pending job's file in one transaction; record how it ended.

    Never raises: a failure marks the job failed and leaves nothing behind. A job
    that is no longer pending (a task delivered twice) is left alone.
    """
    claimed = ImportJob.objects.filter(pk=job.pk, status=ImportStatus.PENDING).update(
        status=ImportStatus.RUNNING, started_at=timezone.now()
    )
    job.refresh_from_db()
    if not claimed:
        return job
    try:
        _import_job_rows(job=job, base_url=base_url)
    except ImportFileRefused as refusal:
        _job_fail(job=job, summary=str(refusal))
    except IntegrityError:
        logger.warning("Import %s collided with a concurrent change", job.pk, exc_info=True)
        _job_fail(
            job=job,
            summary=_(
                "Someone added some of the same records while the file was being imported. "
                "Nothing was imported; upload the file again to see which rows now clash."
            ),
        )
    except Exception:
        logger.exception("Import %s failed", job.pk)
        _job_fail(
            job=job,
            summary=_(
                "The import stopped because of an unexpected error. Nothing was imported; "
                "please try again or contact an administrator."
            ),
        )
    finally:
        _job_file_delete(job=job)
    return job


def _import_job_rows(*, job: ImportJob, base_url: str) -> None:
    scope = import_scope_for(user=job.created_by) if job.created_by else None
    if scope is None:
        _job_fail(job=job, summary=_("The person who uploaded the file may no longer import."))
        return
    with job.file.open("rb") as file:
        rows = import_file_read(file=file, name=job.file_name, size=job.file.size, kind=job.kind)
    errors = import_rows_validate(kind=job.kind, rows=rows, scope=scope)
    if errors:
        _job_fail(job=job, summary=import_errors_summary(errors), row_errors=errors)
        return
    progress = ImportProgress(job_id=job.pk, total=len(rows))
    with transaction.atomic():
        if job.kind == ImportKind.INSTITUTIONS:
            created = institutions_import(rows=rows, progress=progress)
        else:
            created = users_import(rows=rows, base_url=base_url, progress=progress)
    job.status = ImportStatus.DONE
    job.total_rows = len(rows)
    job.processed_rows = progress.processed
    job.created_count = created
    job.finished_at = timezone.now()
    job.save(
        update_fields=["status", "total_rows", "processed_rows", "created_count", "finished_at"]
    )


def import_errors_summary(errors: Sequence[RowError]) -> str:
    lines = len({error.line for error in errors})
    return _(
        "%(count)s row(s) of the file have problems, listed below. Nothing was imported: "
        "correct the file and upload it again."
    ) % {"count": lines}


def _job_fail(*, job: ImportJob, summary: str, row_errors: Sequence[RowError] = ()) -> None:
    job.status = ImportStatus.FAILED
    job.error_summary = summary
    job.row_errors = [error.as_dict() for error in row_errors[:ROW_ERRORS_KEPT]]
    job.processed_rows = 0
    job.created_count = 0
    job.finished_at = timezone.now()
    job.save(
        update_fields=[
            "status",
            "error_summary",
            "row_errors",
            "processed_rows",
            "created_count",
            "finished_at",
        ]
    )


def _job_file_delete(*, job: ImportJob) -> None:
    if not job.file:
        return
    try:
        job.file.delete(save=False)
    except Exception:
        logger.exception("Could not delete the file of import %s", job.pk)
        return
    ImportJob.objects.filter(pk=job.pk).update(file="")


# --- Writing rows -------------------------------------------------------------


def institutions_import(*, rows: Sequence[ImportRow], progress: ImportProgress) -> int:
    """Add checked institution rows to the tree, in file order (parents come first)."""
    for row in rows:
        node = Institution(**institution_fields(row))
        parent_code = row.values.get("parent_code")
        if parent_code:
            # Fetched afresh each time: sorted inserts renumber the paths of siblings.
            Institution.objects.get(code=parent_code).add_child(instance=node)
        else:
            Institution.add_root(instance=node)
        progress.advance()
    return len(rows)


def users_import(*, rows: Sequence[ImportRow], base_url: str, progress: ImportProgress) -> int:
    """Create accounts for checked user rows; emails go out once the transaction commits.

    A row whose address already has an account (outside the uploader's subtree: inside it,
    checking refused the file) creates nothing and changes nothing: that account is not
    moved, renamed or re-invited. Its owner is told by email instead, and the uploader sees
    the row counted like any other, so the import does not reveal who has an account.
    Returns the number of rows imported.
    """
    institutions = Institution.objects.in_bulk(
        {row.values["institution_code"] for row in rows}, field_name="code"
    )
    existing = user_ids_by_email(emails=[row.values["email"] for row in rows])
    user_ids, notices = [], []
    with people_changes_batched():  # one announcement for the file (training plans)
        _users_create(rows, institutions, existing, user_ids, notices, progress)
    transaction.on_commit(
        partial(import_invitations_enqueue, user_ids=user_ids, base_url=base_url, notices=notices),
        robust=True,
    )
    return len(rows)


def _users_create(rows, institutions, existing, user_ids, notices, progress) -> None:
    for row in rows:
        institution = institutions[row.values["institution_code"]]
        fields = user_fields(row)
        if fields["email"] in existing:
            notices.append((existing[fields["email"]], institution.pk))
        else:
            user = user_create(
                **fields, institution=institution, password=None, email_verified=False
            )
            user_ids.append(user.pk)
        progress.advance()


# --- Invitations --------------------------------------------------------------


def import_invitations_enqueue(
    *, user_ids: Sequence[int], base_url: str, notices: Sequence[tuple[int, int]] = ()
) -> None:
    for start in range(0, len(user_ids), INVITATIONS_PER_TASK):
        import_invitations_deliver.enqueue(
            user_ids=list(user_ids[start : start + INVITATIONS_PER_TASK]), base_url=base_url
        )
    for start in range(0, len(notices), INVITATIONS_PER_TASK):
        import_notices_deliver.enqueue(
            notices=[list(pair) for pair in notices[start : start + INVITATIONS_PER_TASK]],
            base_url=base_url,
        )


def import_invitations_send(*, user_ids: Sequence[int], base_url: str) -> int:
    """Email each imported person who has not yet set a password; returns how many were sent."""
    sent = 0
    for user in User.objects.filter(pk__in=user_ids, is_active=True).order_by("pk"):
        if user.has_usable_password():
            continue  # Already set a password: a repeated task must not invite again.
        try:
            invitation_send(user=user, base_url=base_url)
        except Exception:
            logger.exception("Could not send the invitation to user %s", user.pk)
            continue
        sent += 1
    return sent


def import_notices_send(*, notices: Sequence[Sequence[int]], base_url: str) -> int:
    """Tell the owners of addresses that an import met (user id, institution id) that their
    account already exists and was left unchanged; returns how many were told."""
    users = User.objects.in_bulk({user_id for user_id, _institution_id in notices})
    institutions = Institution.objects.in_bulk({pk for _user_id, pk in notices})
    sent = 0
    for user_id, institution_id in notices:
        user, institution = users.get(user_id), institutions.get(institution_id)
        if user is None or institution is None or not user.is_active:
            continue
        try:
            import_notice_send(user=user, institution=institution, base_url=base_url)
        except Exception:
            logger.exception("Could not send the import notice to user %s", user.pk)
            continue
        sent += 1
    return sent


# --- Background work (run by `manage.py db_worker`) -----------------------------


@task()
def import_job_execute(*, job_id: int, base_url: str, language: str) -> str:
    """Import a large uploaded file; messages are written in the uploader's language."""
    job = ImportJob.objects.select_related("created_by").filter(pk=job_id).first()
    if job is None:
        return "missing"
    with translation.override(language):
        return import_job_run(job=job, base_url=base_url).status


@task()
def import_invitations_deliver(*, user_ids: list[int], base_url: str) -> int:
    """Email set-your-password links to people created by an import."""
    return import_invitations_send(user_ids=user_ids, base_url=base_url)


@task()
def import_notices_deliver(*, notices: list[list[int]], base_url: str) -> int:
    """Tell people whose address an import met that their existing account was left alone."""
    return import_notices_send(notices=notices, base_url=base_url)

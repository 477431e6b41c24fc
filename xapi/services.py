"""Writing statements to the outbox (in the event's transaction) and sending them to the
learning record store (only ever in the background: a learner's request writes rows, never
waits for the LRS)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.db import connection, transaction
from django.utils import timezone
from django_tasks import task

from .lrs import LrsAnswer, LrsUnreachable, lrs_is_configured, statement_put, statements_post
from .models import Statement, StatementStatus

logger = logging.getLogger(__name__)

BATCH = 100
# A claimed batch is left alone by other senders for this long (a sender that died
# mid-batch leaves its rows to the next run after it).
LEASE = timedelta(minutes=5)
BACKOFF_FIRST = timedelta(minutes=1)
BACKOFF_MAX = timedelta(hours=6)


def backoff(attempts: int) -> timedelta:
    """1, 2, 4, 8 … minutes after each failure, at most 6 hours apart."""
    return min(BACKOFF_FIRST * 2 ** max(attempts - 1, 0), BACKOFF_MAX)


def _send_soon() -> None:
    try:
        statements_send_task.enqueue()
    except Exception:  # the queue is down: the rows wait for `manage.py xapi_send`
        logger.exception("xAPI: could not enqueue the sending task")


_send_soon.xapi_send = True


def _send_after_commit() -> None:
    """One sending task per transaction, however many statements it wrote."""
    if connection.in_atomic_block and any(
        getattr(entry[1], "xapi_send", False) for entry in connection.run_on_commit
    ):
        return
    transaction.on_commit(_send_soon)


def statements_record(items: list[tuple[object, dict]]) -> None:
    """Put statements ((user, statement) pairs) in the outbox, in the caller's transaction,
    and have them sent after the commit. Nothing is written while no LRS is configured. A
    statement already there (the same event) is left as it is."""
    if not lrs_is_configured() or not items:
        return
    Statement.objects.bulk_create(
        [
            Statement(
                statement_id=statement["id"],
                user=user,
                verb=statement["verb"]["id"].rsplit("/", 1)[-1],
                payload=statement,
            )
            for user, statement in items
        ],
        ignore_conflicts=True,
        batch_size=500,
    )
    _send_after_commit()


def statement_record(*, user, statement: dict) -> None:
    statements_record([(user, statement)])


@dataclass
class SendReport:
    sent: int = 0
    failed: int = 0
    unreachable: bool = False

    def __str__(self) -> str:
        text = f"{self.sent} sent, {self.failed} kept for a later try"
        return text + (" (the LRS did not answer)" if self.unreachable else "")


def _claim(*, now, limit: int) -> list[Statement]:
    with transaction.atomic():
        due = Statement.objects.filter(status=StatementStatus.PENDING, next_try_at__lte=now)
        if connection.features.has_select_for_update_skip_locked:
            due = due.select_for_update(skip_locked=True)
        rows = list(due.order_by("next_try_at", "pk")[:limit])
        Statement.objects.filter(pk__in=[r.pk for r in rows]).update(next_try_at=now + LEASE)
    return rows


def _mark_sent(rows: list[Statement], *, now, note: str = "") -> None:
    Statement.objects.filter(pk__in=[r.pk for r in rows]).update(
        status=StatementStatus.SENT, sent_at=now, last_error=note
    )


def _mark_failed(rows: list[Statement], *, now, error: str) -> None:
    for row in rows:
        row.attempts += 1
        row.next_try_at = now + backoff(row.attempts)
        row.last_error = error[:2000]
    Statement.objects.bulk_update(rows, ["attempts", "next_try_at", "last_error"])


def _describe(answer: LrsAnswer) -> str:
    return f"HTTP {answer.status}: {answer.body[:500]}"


def _send_one_by_one(rows: list[Statement], *, now, report: SendReport) -> None:
    for index, row in enumerate(rows):
        try:
            answer = statement_put(row.payload)
        except LrsUnreachable as error:
            _mark_failed(rows[index:], now=now, error=f"unreachable: {error}")
            report.failed += len(rows) - index
            report.unreachable = True
            return
        if answer.accepted:
            _mark_sent([row], now=now)
            report.sent += 1
        elif answer.duplicate:
            _mark_sent([row], now=now, note="409: the LRS already holds this statement id")
            report.sent += 1
        else:
            _mark_failed([row], now=now, error=_describe(answer))
            report.failed += 1


def statements_send(*, now=None, limit: int = 10_000) -> SendReport:
    """Send the pending statements that are due, in batches: a batch the LRS takes whole
    is done in one request; one it refuses is sent statement by statement, so that one
    statement refused keeps only itself back. Refused or unsent statements stay pending and
    are tried again later, further apart each time (`backoff`)."""
    report = SendReport()
    if not lrs_is_configured():
        return report
    now = now or timezone.now()
    while report.sent + report.failed < limit:
        rows = _claim(now=now, limit=min(BATCH, limit - report.sent - report.failed))
        if not rows:
            break
        try:
            answer = statements_post([row.payload for row in rows])
        except LrsUnreachable as error:
            _mark_failed(rows, now=now, error=f"unreachable: {error}")
            report.failed += len(rows)
            report.unreachable = True
            break  # the others wait for the next run, not for time-outs one after another
        if answer.accepted:
            _mark_sent(rows, now=now)
            report.sent += len(rows)
        else:
            _send_one_by_one(rows, now=now, report=report)
            if report.unreachable:
                break
    if report.failed:
        logger.warning("xAPI: %s", report)
    return report


@task()
def statements_send_task() -> str:
    """Run by the worker after every commit that wrote statements (and by
    `manage.py xapi_send`, from cron, for the ones that failed)."""
    return str(statements_send())

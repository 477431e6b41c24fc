"""Statistics read from a PostgreSQL read replica, when there is one.

Set DATABASE_REPLICA_URL and the settings add a "replica" database and this router. Nothing
is routed by model: a replica lags the primary by a moment, which is fine for a dashboard
and wrong for a learner who has just finished a lesson. Code that may read slightly old
data says so:

    from config.db_routers import replica_reads

    with replica_reads():
        rows = completion_by_institution(...)

(`@replica_reads()` works on a view too). Writes always go to the primary; inside
`replica_reads()` a transaction that has written keeps reading the primary as well.
"""

from __future__ import annotations

from contextlib import ContextDecorator
from contextvars import ContextVar

from django.conf import settings
from django.db import connections

REPLICA = "replica"
_reading_replica: ContextVar[bool] = ContextVar("reading_replica", default=False)


class replica_reads(ContextDecorator):  # noqa: N801 - used like a function
    def __enter__(self):
        self._token = _reading_replica.set(True)
        return self

    def __exit__(self, *exc):
        _reading_replica.reset(self._token)
        return False


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if not (_reading_replica.get() and replica_configured()):
            return "default"
        # A transaction open on the primary (a view that writes, then reads) stays there.
        if connections["default"].in_atomic_block:
            return "default"
        return REPLICA

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        # Both databases hold the same rows.
        return True

    def allow_migrate(self, db, app_label, **hints):
        # The replica copies the primary's schema; never migrate it directly.
        return db == "default"

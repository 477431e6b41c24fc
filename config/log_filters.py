"""Logging filters for the console."""

from __future__ import annotations

import logging

from django.conf import settings


class QuietTaskWorker(logging.Filter):
    """Drops the task worker's routine records (one line per task started and finished,
    thousands after `load_demo`) below settings.TASKS_LOG_LEVEL (WARNING unless the
    environment asks for more); its warnings and failures still show.

    A filter on the handler, not a logger level: `manage.py db_worker` sets its loggers'
    levels itself from its --verbosity."""

    prefixes = ("django_tasks",)  # django_tasks and django_tasks_db

    def filter(self, record: logging.LogRecord) -> bool:
        if not record.name.startswith(self.prefixes):
            return True
        threshold = logging.getLevelName(getattr(settings, "TASKS_LOG_LEVEL", "WARNING"))
        return record.levelno >= (threshold if isinstance(threshold, int) else logging.WARNING)

"""The development console's filter for the task worker (`make run`)."""

import logging

from config.log_filters import QuietTaskWorker


def record(name: str, level: int) -> logging.LogRecord:
    return logging.LogRecord(name, level, __file__, 1, "Task id=1 state=RUNNING", None, None)


def test_routine_worker_lines_are_dropped_and_failures_kept(settings):
    settings.TASKS_LOG_LEVEL = "WARNING"
    quiet = QuietTaskWorker()
    assert not quiet.filter(record("django_tasks", logging.INFO))
    assert not quiet.filter(record("django_tasks_db", logging.INFO))
    assert quiet.filter(record("django_tasks_db", logging.WARNING))
    assert quiet.filter(record("django_tasks", logging.ERROR))
    assert quiet.filter(record("django.request", logging.INFO))  # other loggers untouched


def test_the_environment_can_ask_for_every_task(settings):
    settings.TASKS_LOG_LEVEL = "INFO"
    assert QuietTaskWorker().filter(record("django_tasks", logging.INFO))
    settings.TASKS_LOG_LEVEL = "nonsense"
    assert not QuietTaskWorker().filter(record("django_tasks", logging.INFO))

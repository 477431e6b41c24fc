"""What `make run` uses: DEBUG on, emails printed to the console."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}

# The task worker beside `make run` logs a line per task started and finished: thousands
# after `load_demo`, burying the demo accounts and the emails printed here. Routine lines
# are dropped unless TASKS_LOG_LEVEL=INFO (or DEBUG) asks for them; warnings and failures
# always show. WeasyPrint's progress notes likewise.
TASKS_LOG_LEVEL = env("TASKS_LOG_LEVEL", default="WARNING").upper()
LOGGING["filters"] = {"quiet_task_worker": {"()": "config.log_filters.QuietTaskWorker"}}  # noqa: F405
LOGGING["handlers"]["console"]["filters"] = ["quiet_task_worker"]  # noqa: F405
LOGGING["loggers"]["weasyprint"] = {"level": "WARNING"}  # noqa: F405

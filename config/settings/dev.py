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

# Certificates are signed with the development key `make run` generates on first start
# (`manage.py certificate_signing_dev_key`, under var/signing/), unless the environment
# names another one. Before it exists they are drawn unsigned, with a warning.
DEV_SIGNING_DIR = BASE_DIR / "var" / "signing"  # noqa: F405
if (
    not (CERTIFICATE_SIGNING_PKCS12 or CERTIFICATE_SIGNING_KEY)  # noqa: F405
    and (DEV_SIGNING_DIR / "signing-key.pem").exists()
):
    CERTIFICATE_SIGNING_KEY = str(DEV_SIGNING_DIR / "signing-key.pem")
    CERTIFICATE_SIGNING_CERT = str(DEV_SIGNING_DIR / "signing-cert.pem")
    CERTIFICATE_SIGNING_CHAIN = [str(DEV_SIGNING_DIR / "root-ca.pem")]
# Open Badges credentials are signed with the development key made beside it
# (credential-key.pem), unless the environment names another one.
if not CREDENTIAL_KEY_FILE and (DEV_SIGNING_DIR / "credential-key.pem").exists():  # noqa: F405
    CREDENTIAL_KEY_FILE = str(DEV_SIGNING_DIR / "credential-key.pem")

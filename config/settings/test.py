"""Settings for the test suite: fast hashing, no real email, tasks run at once."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-secret-key"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# One process: a local count is exact.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]
# Sessions in the database whatever REDIS_URL says (CI sets it for tests/config/test_cache.py).
SESSION_ENGINE = "django.contrib.sessions.backends.db"
ALLOWED_HOSTS = ["*"]
WAGTAILADMIN_BASE_URL = "http://testserver"
CERTIFICATE_BASE_URL = "http://testserver"
XAPI_BASE_URL = "http://testserver"
# load_demo's learning history, smaller: the demo_site fixture loads it for many modules.
DEMO_HISTORY_LEARNERS = 60
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "root": {"handlers": [], "level": "WARNING"},
}

# Files written by tests go to a throw-away folder.
import os  # noqa: E402
import tempfile  # noqa: E402

_tmp = tempfile.mkdtemp(prefix="elearning-tests-")
MEDIA_ROOT = f"{_tmp}/media"
STORAGES["default"] = {"BACKEND": "django.core.files.storage.FileSystemStorage"}  # noqa: F405
STORAGES["private"] = {  # noqa: F405
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": f"{_tmp}/private", "base_url": None},
}
STORAGES["dbbackup"] = {  # noqa: F405
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": os.environ.get("BACKUP_DIR") or f"{_tmp}/backups"},
}
# The backup tests make this key in a keyring of their own (tests/ops/conftest.py).
DBBACKUP_GPG_RECIPIENT = "backups@elearning.test"
STATIC_ROOT = f"{_tmp}/static"
os.makedirs(STATIC_ROOT, exist_ok=True)  # whitenoise warns about a missing folder

"""Settings shared by every environment.

Everything that differs between a laptop and production comes from the
environment (see `.env.example`); the defaults here are safe for development only.
"""

from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key-do-not-use-in-production")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # Our apps first, so that their templates and translations win.
    "accounts",
    "institutions",
    "home",
    "courses",
    "pagecache",
    "ops",
    "quizzes",
    "caselaw",
    "certificates",
    "stats",
    "audit",
    "serbian",
    "gallery",
    "search",
    "trainings",
    "evaluation",
    "plans",
    "notifications",
    "xapi",
    "offline",
    # Wagtail
    "wagtail.contrib.routable_page",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    # Wagtail's Users admin, with our user viewset (forms for email login, given and family
    # names; roles change only in the People area). See accounts.apps.WagtailUsersConfig.
    "accounts.apps.WagtailUsersConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Accounts
    "allauth",
    "allauth.account",
    "allauth.mfa",
    # Per-client limits on public look-ups (config/ratelimit.py); its system checks vouch
    # for the cache it counts in.
    "django_ratelimit",
    # Backups: encrypted, rotated, written to a storage (ops/backup.py).
    "dbbackup",
    # Background work
    "django_tasks",
    "django_tasks_db",
    # Django
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy and Permissions-Policy (config/security.py).
    "config.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Django's, with the account read from the cache (pagecache/session_user.py).
    "pagecache.session_user.CachedAuthenticationMiddleware",
    # Lets services name who acted, and from where, in the audit log.
    "audit.context.AuditContextMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Signing out empties the device's offline copies and queue (Clear-Site-Data).
    "offline.middleware.ClearSiteDataOnSignOutMiddleware",
    "accounts.middleware.StaffMFARequiredMiddleware",
    # /admin/ for signed-in people without admin access: a 403 page, not a sign-in loop.
    "accounts.admin_access.AdminAccessMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last: answers cached pages (pagecache) once everything above has run.
    "pagecache.store.PageCacheMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# --- Data -------------------------------------------------------------------
# SQLite by default so that a newcomer needs nothing else; PostgreSQL in
# production and CI: DATABASE_URL=postgres://user@host:5432/name
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=0))
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})
    # WAL lets a django-tasks worker write while runserver reads.
    DATABASES["default"]["OPTIONS"].setdefault(
        "init_command", "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
    )
    DATABASES["default"]["OPTIONS"].setdefault("transaction_mode", "IMMEDIATE")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A PostgreSQL read replica for statistics (config/db_routers.py): reads inside
# `replica_reads()` go there; everything else stays on the primary.
DATABASE_REPLICA_URL = env("DATABASE_REPLICA_URL", default="")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = env.db("DATABASE_REPLICA_URL")
    DATABASES["replica"].setdefault("CONN_MAX_AGE", DATABASES["default"]["CONN_MAX_AGE"])
    # Tests read the replica through the primary's connection (no copy to wait for).
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["config.db_routers.ReplicaRouter"]

# Cache and sessions: Redis when REDIS_URL is set (several app servers share it),
# otherwise a per-process memory cache with sessions in the database. Either way
# no session lives only in one process.
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            # django-redis keeps one Redis client per server for the life of the process
            # (Django's own backend builds a client for every call); get_redis_connection()
            # gives the raw client where a pipeline is needed.
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="ctp"),
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    # A file cache is shared by runserver and the worker on one machine (import
    # progress bars need that); production sets REDIS_URL.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": env("CACHE_DIR", default=str(BASE_DIR / ".cache")),
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.db"
    # django-ratelimit refuses a file cache (its increments are not atomic): on one
    # development machine an approximate count is enough; production has Redis.
    SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]

# Background work: django-tasks with the database backend (`make worker`).
TASKS = {
    "default": {
        "BACKEND": env("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
    }
}

# --- Files --------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = env("MEDIA_URL", default="/media/")
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")

# Media goes through Django's storage API: local files by default, any
# S3-compatible service (AWS, MinIO, Ceph, …) when AWS_STORAGE_BUCKET_NAME is set.
AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    _media_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env("AWS_S3_ENDPOINT_URL", default=None),
            "region_name": env("AWS_S3_REGION_NAME", default=None),
            "access_key": env("AWS_ACCESS_KEY_ID", default=None),
            "secret_key": env("AWS_SECRET_ACCESS_KEY", default=None),
            "default_acl": None,
            # Public media (lesson images, documents) is read without a signature: cached
            # pages embed its URLs for every reader and for a day, longer than any
            # signature would live. The bucket (or its CDN) must allow public reads of
            # this prefix; private files live under "private/" below, always signed.
            "querystring_auth": False,
            "file_overwrite": False,
        },
    }
    # Files only their owner may fetch (uploads being imported, certificates): the
    # same bucket under another prefix, reached only through signed, expiring URLs.
    _private_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **_media_storage["OPTIONS"],
            "location": "private",
            "querystring_auth": True,
            "querystring_expire": 300,
        },
    }
else:
    _media_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    # Outside MEDIA_ROOT, so that no URL ever serves these files directly.
    _private_storage = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": env.path("PRIVATE_MEDIA_ROOT", default=BASE_DIR / "private_media"),
            "base_url": None,
        },
    }
# Backups (ops/backup.py, django-dbbackup): a local folder, or an S3-compatible bucket of their
# own when BACKUP_BUCKET_NAME is set (same endpoint and keys as media; never public).
BACKUP_BUCKET_NAME = env("BACKUP_BUCKET_NAME", default="")
if BACKUP_BUCKET_NAME:
    _backup_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": BACKUP_BUCKET_NAME,
            "location": env("BACKUP_BUCKET_PREFIX", default="backups"),
            "endpoint_url": env("AWS_S3_ENDPOINT_URL", default=None),
            "region_name": env("AWS_S3_REGION_NAME", default=None),
            "access_key": env("AWS_ACCESS_KEY_ID", default=None),
            "secret_key": env("AWS_SECRET_ACCESS_KEY", default=None),
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    _backup_storage = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": env.path("BACKUP_DIR", default=BASE_DIR / "backups")},
    }
STORAGES = {
    "default": _media_storage,
    "private": _private_storage,
    "dbbackup": _backup_storage,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Encrypted with GnuPG to this public key (its fingerprint), which must be in the keyring of
# the account running `make backup` (GNUPGHOME, default ~/.gnupg): README, "Operations".
# Restoring needs the private half, kept off the servers. Empty: backups are not encrypted,
# which production refuses (BACKUP_ENCRYPTION_REQUIRED, checked by `check --deploy`).
BACKUP_GPG_RECIPIENT = env("BACKUP_GPG_RECIPIENT", default="")
BACKUP_ENCRYPTION_REQUIRED = False
DBBACKUP_GPG_RECIPIENT = BACKUP_GPG_RECIPIENT or None
# The key is named by its fingerprint on purpose: no web of trust to consult.
DBBACKUP_GPG_ALWAYS_TRUST = True
DBBACKUP_DATABASES = ["default"]  # the replica holds the same data
DBBACKUP_CLEANUP_KEEP = env.int("BACKUP_KEEP", default=10)  # sets kept; older ones deleted
DBBACKUP_CONNECTOR_MAPPING = {"django.db.backends.sqlite3": "ops.backup.SqliteOnlineConnector"}
# Restored by another database user than the one that made the dump: leave owners out.
DBBACKUP_CONNECTORS = {"default": {"DUMP_SUFFIX": "--no-owner", "PG_OPTIONS": "--no-owner"}}
DBBACKUP_BACKUP_METADATA_SETTER = "ops.backup.backup_metadata"
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 10_485_760

# --- Accounts -----------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home_redirect"

ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupProfileForm"
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_RATE_LIMITS = {
    # allauth's defaults, stated so that nobody turns them off by accident.
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
}
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
# Seconds for which a sign-in or a "Confirm access" lets someone change their second
# factor or password without being asked again (accounts.mfa).
ACCOUNT_REAUTHENTICATION_TIMEOUT = 300
MFA_TOTP_ISSUER = env("MFA_TOTP_ISSUER", default="Anti-trafficking e-learning")

# --- Email --------------------------------------------------------------------
# EMAIL_URL=smtp+tls://user:password@smtp.example.org:587 in production.
_email = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(_email)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="no-reply@elearning.local")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Languages ----------------------------------------------------------------
LANGUAGE_CODE = "sr-latn"
LANGUAGES = [
    ("sr-latn", "Srpski (latinica)"),
    ("sr", "Српски (ћирилица)"),
    ("en", "English"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Serbian dates with the month in the genitive (config/formats).
FORMAT_MODULE_PATH = ["config.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Belgrade"
LANGUAGE_COOKIE_NAME = "language"
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
# No script reads it; Secure in production.py (accounts/language_cookie.py writes it).
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# Serbian content is authored once (in either script) under one Wagtail locale,
# `sr`; both interface languages `sr` and `sr-latn` read it. English is a
# separate translation tree.
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = [("sr", _("Serbian")), ("en", _("English"))]

# --- Wagtail ------------------------------------------------------------------
# What the deployment is (e.g. its git commit): part of the key of cached lesson pages.
RELEASE = env("RELEASE", default="")
WAGTAIL_SITE_NAME = "Anti-trafficking e-learning"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Audio (m4a, mp3, ogg, wav): sound files of imported Moodle questions (quizzes/interchange).
WAGTAILDOCS_EXTENSIONS = [
    "csv",
    "docx",
    "key",
    "m4a",
    "mp3",
    "odt",
    "ogg",
    "pdf",
    "pptx",
    "rtf",
    "txt",
    "wav",
    "xlsx",
    "zip",
]
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILEMBEDS_RESPONSIVE_HTML = True
# No avatars from gravatar.com: they would tell a third party whose admin pages are open
# (and the strict Content Security Policy blocks them anyway).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Sign-in, password changes and resets all go through allauth (rate limits, MFA).
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILUSERS_PASSWORD_ENABLED = False

# --- Security (tightened further in production.py) ----------------------------
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

# --- Quizzes ----------------------------------------------------------------------
# An essay answer waiting this many days for its grade reminds the course's trainers
# (`send_essay_grading_reminders`, daily), again after as many days while it still waits.
QUIZ_ESSAY_REMINDER_DAYS = env.int("QUIZ_ESSAY_REMINDER_DAYS", default=3)

# --- Training plans ---------------------------------------------------------------
# The weekday (Monday = 0 … Sunday = 6) from which `send_plan_reminders` sends institution
# managers their weekly digest of overdue people (once a week, on the first run that day or
# later in the week).
PLAN_DIGEST_WEEKDAY = env.int("PLAN_DIGEST_WEEKDAY", default=0)

# --- xAPI: learning events as statements to a learning record store (docs/xapi.md) ------
# Off (no statement is written) while XAPI_LRS_ENDPOINT is empty. The endpoint is the LRS's
# xAPI base, e.g. https://lrs.example.gov.rs/xAPI (statements go to {endpoint}/statements).
XAPI_LRS_ENDPOINT = env("XAPI_LRS_ENDPOINT", default="")
XAPI_LRS_KEY = env("XAPI_LRS_KEY", default="")
XAPI_LRS_SECRET = env("XAPI_LRS_SECRET", default="")
# Our home page in statements: the actors' accounts and the activities' ids live under it.
XAPI_BASE_URL = env("XAPI_BASE_URL", default=WAGTAILADMIN_BASE_URL)
# Seconds before an HTTP request to the LRS is given up (the statement is retried later).
XAPI_LRS_TIMEOUT = env.int("XAPI_LRS_TIMEOUT", default=10)

# --- Certificates ---------------------------------------------------------------
# The address printed on certificates and in their QR codes (no language prefix).
CERTIFICATE_BASE_URL = env("CERTIFICATE_BASE_URL", default=WAGTAILADMIN_BASE_URL)
# Learners are reminded this many days before a certificate expires.
CERTIFICATE_EXPIRY_REMINDER_DAYS = env.int("CERTIFICATE_EXPIRY_REMINDER_DAYS", default=30)
# Public verification: at most this many look-ups per client address per window (seconds).
CERTIFICATE_VERIFY_RATE_LIMIT = env.int("CERTIFICATE_VERIFY_RATE_LIMIT", default=30)
CERTIFICATE_VERIFY_RATE_WINDOW = env.int("CERTIFICATE_VERIFY_RATE_WINDOW", default=60)
# Uploaded PDFs checked on the verification page: the largest accepted, in bytes.
CERTIFICATE_VERIFY_UPLOAD_MAX_BYTES = env.int(
    "CERTIFICATE_VERIFY_UPLOAD_MAX_BYTES", default=10 * 1024 * 1024
)
# Every certificate's PDF is signed (PAdES, certificates/signing.py) with the issuer's key:
# a PKCS#12 file and its passphrase, or a PEM key (encrypted with the passphrase, or not), its
# certificate and the chain of CA certificates up to the root. README "Signing certificates".
CERTIFICATE_SIGNING_PKCS12 = env("CERTIFICATE_SIGNING_PKCS12", default="")
CERTIFICATE_SIGNING_PASSPHRASE = env("CERTIFICATE_SIGNING_PASSPHRASE", default="")
CERTIFICATE_SIGNING_KEY = env("CERTIFICATE_SIGNING_KEY", default="")
CERTIFICATE_SIGNING_CERT = env("CERTIFICATE_SIGNING_CERT", default="")
CERTIFICATE_SIGNING_CHAIN = env.list("CERTIFICATE_SIGNING_CHAIN", default=[])
# Certificates of keys that signed before (PEM files): their PDFs are still recognised.
CERTIFICATE_SIGNING_FORMER_CERTS = env.list("CERTIFICATE_SIGNING_FORMER_CERTS", default=[])
# An RFC 3161 time-stamping authority: signatures become PAdES B-T (B-B without one).
CERTIFICATE_TSA_URL = env("CERTIFICATE_TSA_URL", default="")
# Production refuses to draw a certificate it cannot sign (and `check --deploy` says so);
# elsewhere an unconfigured key leaves the PDF unsigned, with a warning.
CERTIFICATE_SIGNING_REQUIRED = False
# Open Badges 3.0 credentials (certificates/openbadges.py) are signed as VC-JWT (ES256)
# with this key: a PEM file of an EC P-256 private key (README "Signing certificates").
# Its public part is published at /certificates/issuer/jwks.json.
CREDENTIAL_KEY_FILE = env("CREDENTIAL_KEY_FILE", default="")
# Keys that signed credentials before (PEM files, public or private; only the public part
# is used): published beside the current one, so earlier credentials still verify.
CREDENTIAL_FORMER_KEY_FILES = env.list("CREDENTIAL_FORMER_KEY_FILES", default=[])
# Production refuses to run without a credential key (`check --deploy`: certificates.E002);
# elsewhere the credential download is simply not offered without one.
CREDENTIAL_KEY_REQUIRED = False

# --- Statistics API (stats) -------------------------------------------------------------------
# Django REST framework for /api/v1/, drf-spectacular for its OpenAPI schema, and the sidecar
# package for Swagger UI's files (served as our own static files: no CDN).
INSTALLED_APPS += ["rest_framework", "drf_spectacular", "drf_spectacular_sidecar"]
# Personal bearer tokens are the only way in: no sessions, no HTTP Basic (a password
# tried against the API would have no rate limit and no second factor). Wagtail's own
# admin API sets its session authentication itself.
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "DEFAULT_AUTHENTICATION_CLASSES": ["stats.authentication.BearerTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # The statistics API and its schema name their throttles (stats.authentication); they
    # count in the default cache (Redis in production), so all workers share the counts.
    # Wagtail's admin API (the page explorer) is not throttled.
    "DEFAULT_THROTTLE_RATES": {
        "token": env("STATS_API_TOKEN_RATE", default="600/hour"),
        "address": env("STATS_API_ADDRESS_RATE", default="1200/hour"),
    },
}
# How long a new API token lives (days).
STATS_API_TOKEN_DAYS = env.int("STATS_API_TOKEN_DAYS", default=365)
SPECTACULAR_SETTINGS = {
    "TITLE": "Anti-trafficking e-learning: statistics API",
    "DESCRIPTION": (
        "Completion statistics within the subtree your roles reach. Authenticate with a "
        "personal token (Statistics → API tokens in the admin): `Authorization: Bearer st_…`."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "PREPROCESSING_HOOKS": ["stats.api_views.only_this_api"],
    # The breakdowns named `by` differ between endpoints: each set gets a name of its own.
    "ENUM_NAME_OVERRIDES": {
        "TrainingBreakdownEnum": "stats.selectors.trainings.TRAINING_BREAKDOWNS",
        "PeopleBreakdownEnum": "stats.selectors.gain.GAIN_BREAKDOWNS",
    },
}
# How long computed statistics are kept in the cache (seconds; 0: not cached).
STATS_CACHE_SECONDS = env.int("STATS_CACHE_SECONDS", default=300)
# The fewest people a published statistic may rest on (smaller cells are hidden from
# everyone but administrators; see stats/selectors/disclosure.py).
STATS_MIN_CELL = env.int("STATS_MIN_CELL", default=5)
# --- end Statistics API -----------------------------------------------------------------------

# --- Content Security Policy (django-csp; per-path relaxations in config/security.py) -----
# Scripts and style sheets only from our own static files; video players only from the
# embed providers lessons use. Inline style *attributes* are allowed: Wagtail's responsive
# embeds and rich text alignment write them, and they cannot run code.
CSP_EXTRA_MEDIA_HOSTS = env.list("CSP_EXTRA_MEDIA_HOSTS", default=[])  # e.g. the S3 host
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:", *CSP_EXTRA_MEDIA_HOSTS],
        "media-src": ["'self'", *CSP_EXTRA_MEDIA_HOSTS],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": [
            "https://www.youtube.com",
            "https://www.youtube-nocookie.com",
            "https://player.vimeo.com",
        ],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        # Violations are reported to us (audit/views.py: stored, shown to administrators).
        "report-uri": ["/csp-report/"],
        "report-to": "csp-endpoint",
    },
}
# The Reporting API endpoint named by report-to (the Reporting-Endpoints header, set in
# config/security.py).
CSP_REPORTING_ENDPOINT = "csp-endpoint"
CSP_REPORT_PATH = "/csp-report/"
# Reports: at most this many bytes per request, this many requests per client address per
# window (seconds); kept this many days, and never more than this many rows.
CSP_REPORT_MAX_BYTES = env.int("CSP_REPORT_MAX_BYTES", default=32 * 1024)
CSP_REPORT_RATE_LIMIT = env.int("CSP_REPORT_RATE_LIMIT", default=60)
CSP_REPORT_RATE_WINDOW = env.int("CSP_REPORT_RATE_WINDOW", default=60)
CSP_REPORTS_KEEP_DAYS = env.int("CSP_REPORTS_KEEP_DAYS", default=30)
CSP_REPORTS_MAX_ROWS = env.int("CSP_REPORTS_MAX_ROWS", default=10_000)
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# Behind a load balancer: how many proxies append to X-Forwarded-For, so that sign-in rate
# limits, verification limits and the audit log see the client's address, not the proxy's.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

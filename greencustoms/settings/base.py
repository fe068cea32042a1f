"""Settings shared by every environment; every environment variable is read here, in one block."""

import os
import secrets
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PACKAGE_DIR = BASE_DIR / "greencustoms"

# --- environment -----------------------------------------------------------------------------------
ENV_SECRET_KEY = os.environ.get("SECRET_KEY", "")
ENV_DATABASE_URL = os.environ.get("DATABASE_URL", "")
VAR_DIR = Path(os.environ.get("GREENCUSTOMS_VAR_DIR", BASE_DIR / "var"))
DATA_DIR = Path(os.environ.get("GREENCUSTOMS_DATA_DIR", BASE_DIR / "data"))
ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h.strip()
]
CSRF_TRUSTED_ORIGINS = [o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()]
DEBUG = os.environ.get("DEBUG", "").lower() in {"1", "true", "yes"}
EMAIL_URL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "true").lower() in {"1", "true", "yes"}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Green Customs <no-reply@greencustoms.invalid>")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
ENFORCEMENT_VALID_DAYS = int(os.environ.get("ENFORCEMENT_VALID_DAYS", "365"))
ENFORCEMENT_IDLE_SUSPEND_DAYS = int(os.environ.get("ENFORCEMENT_IDLE_SUSPEND_DAYS", "90"))
# Action-point reminders: how often the task runs (seconds) and which rules fire (before:N, overdue:N days).
ACTIONS_REMINDER_INTERVAL = int(os.environ.get("ACTIONS_REMINDER_INTERVAL", str(6 * 3600)))
ACTIONS_REMINDER_RULES = os.environ.get(
    "ACTIONS_REMINDER_RULES", "before:14,before:3,overdue:1,overdue:30"
).split(",")
ENFORCEMENT_IDLE_WARNING_DAYS = int(os.environ.get("ENFORCEMENT_IDLE_WARNING_DAYS", "10"))
AUDIT_RETENTION_YEARS = int(os.environ.get("AUDIT_RETENTION_YEARS", "5"))
USE_X_ACCEL_REDIRECT = os.environ.get("USE_X_ACCEL_REDIRECT", "").lower() in {"1", "true", "yes"}
# Optional separate origin (e.g. https://content.example.org, served by this application too) for
# imported SCORM content; empty: served sandboxed from the platform's own origin (learning/player.py).
SCORM_CONTENT_ORIGIN = os.environ.get("SCORM_CONTENT_ORIGIN", "").rstrip("/")
# Screening uploads: how far an XLSX/Parquet file may expand, and per-account quotas (0 switches one off).
SCREENING_MAX_UNCOMPRESSED_BYTES = int(os.environ.get("SCREENING_MAX_UNCOMPRESSED_BYTES", str(200 * 2**20)))
SCREENING_MAX_COMPRESSION_RATIO = float(os.environ.get("SCREENING_MAX_COMPRESSION_RATIO", "100"))
SCREENING_MAX_CONCURRENT_JOBS = int(os.environ.get("SCREENING_MAX_CONCURRENT_JOBS", "2"))
SCREENING_MAX_BYTES_PER_DAY = int(os.environ.get("SCREENING_MAX_BYTES_PER_DAY", str(1024 * 2**20)))
#: Dotted path of the function that drafts a seizure case from a detained screening line (the cases app);
#: empty: no such button. Called as hook(job=, line=, decision=, by=, at=).
#: Hits found after screening from what the platform holds: the licensing app's licence and quota checks
#: (``hook(lines, hits, by=, at=)`` → hits with the contract's columns, rule ``licence``).
SCREENING_EXTRA_HITS = ["greencustoms.licensing.screening_hook.licence_hits_for"]
SCREENING_CASE_HOOK = os.environ.get(
    "SCREENING_CASE_HOOK", "greencustoms.cases.services.draft_from_screening_line"
)
#: The Guide's annex of case studies lists the published seizure cases (web chapter), issue #20.
GUIDE_CASE_STUDIES = "greencustoms.cases.selectors.case_studies_for_guide"
# ---------------------------------------------------------------------------------------------------

GREENCUSTOMS_ENV = "base"
SECRET_KEY = ENV_SECRET_KEY or secrets.token_urlsafe(50)

INSTALLED_APPS = [
    # ours first so our templates override third-party ones
    "greencustoms.accounts",
    "greencustoms.partners",
    "greencustoms.scheduling",
    "greencustoms.website",
    "greencustoms.agreements",
    "greencustoms.screening",
    "greencustoms.reviews",
    "greencustoms.guide",
    "greencustoms.learning",
    "greencustoms.events",
    "greencustoms.library",
    "greencustoms.actions",
    "greencustoms.cases",
    "greencustoms.licensing",
    "greencustoms.training",
    "greencustoms.translations",
    "greencustoms.api",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    # Translated pages (issue 18, docs/decisions/0006-translated-pages.md): Wagtail's own locales and copies.
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # security and background work
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    # Django
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Unprefixed page addresses follow the saved language, the cookie, then Accept-Language.
    "greencustoms.website.languages.PreferredLanguageMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "greencustoms.accounts.middleware.ApiTokenMiddleware",
    "greencustoms.accounts.middleware.TwoFactorRequiredMiddleware",
    "greencustoms.accounts.middleware.ActivityMiddleware",
    "greencustoms.accounts.middleware.PrivateCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",
    "greencustoms.api.middleware.ApiErrorBodyMiddleware",  # every 4xx under /api/ in JSON
]

ROOT_URLCONF = "greencustoms.urls"
WSGI_APPLICATION = "greencustoms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "greencustoms.website.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        ENV_DATABASE_URL or f"sqlite:///{VAR_DIR / 'greencustoms.sqlite3'}", conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and os.environ.get(
    "DATABASE_PREPARED_STATEMENTS", "1"
) not in ("0", "false", "no"):
    # Server-side binding with psycopg's prepared statements: a statement a connection has run five times
    # (session, user, enrolment on every page) is no longer parsed and planned by PostgreSQL; planning the
    # lesson page's three-table join cost more than running it. Set DATABASE_PREPARED_STATEMENTS=0 behind
    # pgbouncer in transaction mode, which cannot keep prepared statements.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"server_side_binding": True, "prepare_threshold": 5}
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Persistent connections: opening one costs the PRAGMAs below, and closing the last connection of a
    # WAL database checkpoints it (about 1 ms a request). Each worker thread keeps its own connection.
    DATABASES["default"]["CONN_MAX_AGE"] = 600
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Per-process memory cache of rendered fragments and pages (header variants, lesson pages). Every entry
# is keyed by all of its inputs, so processes and servers need not share it; sessions stay in the database.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "greencustoms.accounts.backends.EmailBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:profile"
LOGOUT_REDIRECT_URL = "/"

# Login throttling: five failures per e-mail and address lock for 15 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
# Failures count per account as sign-in finds it (USER@example.org is user@example.org).
AXES_USERNAME_CALLABLE = "greencustoms.accounts.backends.axes_username"
# Per account from every client address together, within the same cool-off (accounts.selectors).
ACCOUNT_FAILURE_LIMIT = 20
# Password-reset mails: at most this many requests an hour per e-mail address and per client address.
PASSWORD_RESET_LIMIT_PER_ADDRESS = 3
PASSWORD_RESET_LIMIT_PER_CLIENT = 10
PASSWORD_RESET_LIMIT_WINDOW = 60 * 60

# Session hardening. Sessions live in the database, Django's own store (logout and suspension take effect at
# once on every process). Not `cached_db`: the cache is per process (locmem), so a session ended on one worker
# would live on in another's cache. Measured against the hand-written reads it replaced: bench/RESULTS.md,
# "Lesson page: hand-written SQL … vs Django's ORM" (issue 16).
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 12
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "SAMEORIGIN"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content-Security-Policy (django-csp 4). The Wagtail admin relies on inline scripts and styles, so it
# gets its own, looser header from its URL prefix; the public site allows only our own origin.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'"],
        "script-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

OTP_TOTP_ISSUER = "Green Customs"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French")), ("es", _("Spanish"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
PRIVATE_MEDIA_ROOT = VAR_DIR / "private"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "greencustoms.website.storage.StaticStorage"},
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

if EMAIL_URL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = EMAIL_URL_HOST
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

WAGTAIL_SITE_NAME = "Green Customs"
WAGTAILADMIN_BASE_URL = SITE_URL
# One page tree per language (en, fr, es); see docs/decisions/0006-translated-pages.md.
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = True
# Page password restrictions store the password in clear: switched off; restrictions are by login/group.
WAGTAIL_PRIVATE_PAGE_OPTIONS = {"SHOW_PASSWORD_RESTRICTION": False}
WAGTAILDOCS_PRIVATE_COLLECTION_OPTIONS = {"SHOW_PASSWORD_RESTRICTION": False}
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILADMIN_LOGIN_URL = "accounts:login"
WAGTAIL_FRONTEND_LOGIN_URL = "accounts:login"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"axes": {"level": "WARNING"}},
}

# Outages: a database restart or a full disk answers 503 with Retry-After (JSON on /api/), not a 500 page;
# a large upload that fills the disk leaves no partial temporary file (greencustoms.website.outage).
MIDDLEWARE += ["greencustoms.website.outage.OutageMiddleware"]
FILE_UPLOAD_HANDLERS = [
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "greencustoms.website.outage.DiskFullUploadHandler",
]
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A persistent connection is checked before a request reuses it, so the first request after a
    # database restart opens a fresh one instead of failing on the dead socket.
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

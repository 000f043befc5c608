"""One settings module for every environment, configured by environment variables.

Variables (all optional in development, see docs/operations.md for production):
- ``DATABASE_URL``: ``postgres://…``; SQLite under ``var/`` when unset.
- ``KYODO_SECRET_KEY``: required when ``KYODO_PRODUCTION=1``.
- ``KYODO_PRODUCTION=1``: HTTPS-only cookies, HSTS, SSL redirect; refuses demo accounts.
- ``KYODO_DEBUG=1``: Django's debug pages (never in production).
- ``KYODO_DEMO=1``: demo mode (demo accounts may sign in).
- ``KYODO_ALLOWED_HOSTS``: comma-separated host names.
- ``KYODO_MUNICIPALITY_NAME``, ``KYODO_MUNICIPALITY_CODE``, ``KYODO_PREFECTURE_NAME``.
- ``KYODO_CONTACT_DEPARTMENT``, ``KYODO_CONTACT_PHONE``, ``KYODO_CONTACT_EMAIL``: whom residents contact.
- ``KYODO_GRANT_RULE``, ``KYODO_MAYOR_NAME``, ``KYODO_FORM_*``: the printed subsidy forms (see GRANT_DOCUMENTS).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent
BASE_DIR = Path(os.environ.get("KYODO_HOME", PACKAGE_DIR.parent.parent)).resolve()
VAR_DIR = Path(os.environ.get("KYODO_VAR_DIR", BASE_DIR / "var"))


def env_flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


PRODUCTION = env_flag("KYODO_PRODUCTION")
# pytest (8.2+) sets PYTEST_VERSION while it runs: tests use the static files as they are.
RUNNING_TESTS = "PYTEST_VERSION" in os.environ
DEBUG = env_flag("KYODO_DEBUG") and not PRODUCTION
DEMO_MODE = env_flag("KYODO_DEMO") and not PRODUCTION


def _secret_key() -> str:
    key = os.environ.get("KYODO_SECRET_KEY", "")
    if key:
        return key
    if PRODUCTION:
        raise RuntimeError("KYODO_SECRET_KEY must be set when KYODO_PRODUCTION=1")
    # Development and demo: one random key per checkout, kept under var/.
    key_file = VAR_DIR / "secret_key"
    try:
        return key_file.read_text().strip()
    except FileNotFoundError:
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        key = secrets.token_urlsafe(50)
        key_file.write_text(key)
        key_file.chmod(0o600)
        return key


SECRET_KEY = _secret_key()

ALLOWED_HOSTS = [
    host.strip()
    for host in os.environ.get("KYODO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver").split(",")
    if host.strip()
]
CSRF_TRUSTED_ORIGINS = [
    origin.strip() for origin in os.environ.get("KYODO_CSRF_TRUSTED_ORIGINS", "").split(",") if origin.strip()
]

# The municipality this instance serves (one municipality per instance).
MUNICIPALITY = {
    "name": os.environ.get("KYODO_MUNICIPALITY_NAME", "一関市"),
    "name_en": os.environ.get("KYODO_MUNICIPALITY_NAME_EN", "Ichinoseki City"),
    "prefecture": os.environ.get("KYODO_PREFECTURE_NAME", "岩手県"),
    "code": os.environ.get("KYODO_MUNICIPALITY_CODE", "032093"),
}

# Whom residents contact about the site (the accessibility statement, the subsidy pages): the city sets it.
SITE_CONTACT = {
    "department": os.environ.get("KYODO_CONTACT_DEPARTMENT", "まちづくり推進課"),
    "phone": os.environ.get("KYODO_CONTACT_PHONE", ""),
    "email": os.environ.get("KYODO_CONTACT_EMAIL", ""),
}

# The city's printed subsidy forms (様式): the rule they are under ({city} and {program} are filled
# in), each form's number, and the mayor who signs the notices (a seal placeholder 印 follows).
GRANT_DOCUMENTS = {
    "rule": os.environ.get("KYODO_GRANT_RULE", "{city}{program}交付要綱"),
    "mayor_name": os.environ.get("KYODO_MAYOR_NAME", "一関 太郎(デモ)" if DEMO_MODE else ""),
    "forms": {
        "application": os.environ.get("KYODO_FORM_APPLICATION", "様式第1号(第5条関係)"),
        "award": os.environ.get("KYODO_FORM_AWARD", "様式第2号(第6条関係)"),
        "actuals": os.environ.get("KYODO_FORM_ACTUALS", "様式第5号(第10条関係)"),
        "settlement": os.environ.get("KYODO_FORM_SETTLEMENT", "様式第6号(第11条関係)"),
    },
}

INSTALLED_APPS = [
    "kyodo.admin_apps.KyodoAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "template_partials",
    "axes",
    "ninja",
    "django_tasks",
    "kyodo.audit",
    "kyodo.accounts",
    "kyodo.plans",
    "kyodo.communities",
    "kyodo.support",
    "kyodo.grants",
    "kyodo.companies",
    "kyodo.events",
    "kyodo.participation",
    "kyodo.practice",
    "kyodo.portal",
    "kyodo.staff",
    "kyodo.demo",
    "kyodo.dialogue",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "kyodo.security_headers.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "kyodo.language.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = os.environ.get("KYODO_URLCONF", "kyodo.urls")
WSGI_APPLICATION = "kyodo.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "kyodo.context_processors.site",
            ],
            "builtins": ["kyodo.templatetags.kyodo_tags"],
        },
    }
]

# --- Database -------------------------------------------------------------------------------
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)}
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("KYODO_SQLITE_PATH", str(VAR_DIR / "kyodo.sqlite3")),
            "CONN_MAX_AGE": 600,
            "OPTIONS": {
                # IMMEDIATE: a writer takes the lock at BEGIN, so concurrent writers wait
                # (busy timeout) instead of failing half-way with "database is locked".
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
                    "PRAGMA busy_timeout=20000;"
                ),
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Authentication -------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "kyodo.accounts.backends.KyodoModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if RUNNING_TESTS:
    # argon2 is deliberately slow; the suite creates hundreds of users.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "staff:home"
LOGOUT_REDIRECT_URL = "portal:home"

# Sign-in limits (ASVS 2.2.1, 6.3.1), each on its own: 10 failures for one account from any
# address, or 10 from one address on any account, lock that account (or address) for 15 minutes.
# Failures while locked do not extend the lock, so an outsider can never lock the owner out for
# longer than 15 minutes. The address is kyodo.client_ip's: X-Forwarded-For only from a trusted proxy.
AXES_FAILURE_LIMIT = 10
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_CLIENT_IP_CALLABLE = "kyodo.client_ip.client_ip"
# No more than 10 guesses an hour at one account from browsers that are not the owner's, while the
# owner's own browser (device cookie) is never locked by them: kyodo.accounts.sign_in_limits.
AXES_HANDLER = "kyodo.accounts.sign_in_limits.KyodoAxesHandler"
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_ACCESS_FAILURE_LOG_PER_USER_LIMIT = 100
KYODO_SIGN_IN_HOURLY_LIMIT = 10
# The audit log's checkpoints (kyodo.audit.checkpoints): keep this file where the database's users cannot write.
KYODO_AUDIT_CHECKPOINT_FILE = os.environ.get("KYODO_AUDIT_CHECKPOINT_FILE", str(VAR_DIR / "audit-checkpoints.jsonl"))
KYODO_TRUSTED_PROXIES = [item for item in os.environ.get("KYODO_TRUSTED_PROXIES", "").split(",") if item.strip()]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 60 * 60

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "ja"
LANGUAGES = [("ja", _("日本語")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
USE_TZ = True

# --- Static files ---------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not (DEBUG or RUNNING_TESTS)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
MEDIA_ROOT = VAR_DIR / "media"
WHITENOISE_USE_FINDERS = DEBUG or RUNNING_TESTS

# --- Security headers -----------------------------------------------------------------------
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'"
)
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

if PRODUCTION:
    SECURE_SSL_REDIRECT = env_flag("KYODO_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 31_536_000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"

# --- E-mail, logging ------------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get("KYODO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("KYODO_FROM_EMAIL", "kyodo@localhost")

# --- Background tasks (django-tasks) ----------------------------------------------------------
# Tasks run immediately, in the caller's process (tests, development, and production by default:
# the daily cron command `send_grant_reminders` enqueues them). KYODO_TASKS_BACKEND may name another
# backend's dotted path in production (e.g. a database backend, whose app must then be installed).
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend" if RUNNING_TESTS else os.environ.get(
            "KYODO_TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"),
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("KYODO_LOG_LEVEL", "WARNING")},
}

NINJA_PAGINATION_PER_PAGE = 50

# Events: names and contacts of registrations are anonymised this many days after the event ended
# (manage.py anonymise_registrations, run daily).
KYODO_EVENTS_RETENTION_DAYS = int(os.environ.get("KYODO_EVENTS_RETENTION_DAYS", str(365 * 3)))

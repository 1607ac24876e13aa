"""Django settings, all from environment variables (see env.py); a fresh checkout runs on SQLite.

Variables: SECRET_KEY, DEBUG, ALLOWED_HOSTS, DATABASE_URL (default sqlite at var/gongkai.sqlite3
under the repository), MEDIA_ROOT, GONGKAI_DUE_SOON (working days, default 5), GONGKAI_TODAY (an ISO
date that replaces today, for training and demonstrations).
Limits: CACHE_URL or REDIS_URL (redis://host:port/db; default the database's cache table), CACHE_KEY_PREFIX,
GONGKAI_LOOKUP_FAILURES_PER_CLIENT and _PER_NUMBER (per hour, default 10 and 30),
GONGKAI_APPLICATIONS_PER_DAY (10) and GONGKAI_MESSAGES_PER_DAY (20) per client address,
GONGKAI_LOGIN_FAILURES (5) and GONGKAI_LOGIN_COOLOFF_MINUTES (60) for staff login.
Public pages: GONGKAI_PUBLIC_MAX_AGE (seconds of Cache-Control max-age, default 0: revalidate with the ETag).
Production behind HTTPS (README, "Production"): GONGKAI_PRODUCTION, CSRF_TRUSTED_ORIGINS,
SECURE_PROXY_SSL_HEADER, SECURE_SSL_REDIRECT, SESSION_COOKIE_SECURE, CSRF_COOKIE_SECURE, SECURE_HSTS_SECONDS,
SECURE_HSTS_INCLUDE_SUBDOMAINS, SECURE_HSTS_PRELOAD, SESSION_COOKIE_AGE, SESSION_EXPIRE_AT_BROWSER_CLOSE,
GONGKAI_TRUSTED_PROXIES; request and upload sizes: GONGKAI_MAX_REQUEST_MB, GONGKAI_MAX_FILE_MB, GONGKAI_MAX_FORM_MB.
"""

import os
from datetime import timedelta
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from .env import (
    cache_from_url,
    database_from_url,
    env_bool,
    env_date,
    env_int,
    env_list,
    env_networks,
    env_origins,
    env_proxy_header,
)

WEB_DIR = Path(__file__).resolve().parent
# The repository root in a source checkout (src/gongkai/web -> repo); var/ holds the SQLite file.
BASE_DIR = WEB_DIR.parents[2]
VAR_DIR = Path(os.environ.get("GONGKAI_VAR", BASE_DIR / "var"))

# Production mode: every HTTPS guard below defaults to on, and a missing SECRET_KEY or ALLOWED_HOSTS stops the
# start instead of running with the development defaults.
PRODUCTION = env_bool("GONGKAI_PRODUCTION", False)
DEBUG = env_bool("DEBUG", False)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DEBUG must be off in production (GONGKAI_PRODUCTION=1)")
_DEV_KEY = "gongkai-development-key-not-for-production"
SECRET_KEY = os.environ.get("SECRET_KEY", _DEV_KEY)
if not DEBUG and SECRET_KEY == _DEV_KEY and (PRODUCTION or env_bool("GONGKAI_REQUIRE_SECRET", False)):
    raise ImproperlyConfigured("SECRET_KEY must be set in production (GONGKAI_PRODUCTION or GONGKAI_REQUIRE_SECRET)")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"])
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must name the site's host names in production (GONGKAI_PRODUCTION=1)")

# Behind an HTTPS-terminating proxy. SECURE_PROXY_SSL_HEADER (e.g. X-Forwarded-Proto) is opt-in: only a proxy
# that always overwrites it may be believed. Without it every POST behind the proxy looks like plain HTTP to
# Django and fails the CSRF check; CSRF_TRUSTED_ORIGINS is needed when the proxy does not pass the browser's
# Host (with its port) on.
SECURE_PROXY_SSL_HEADER = env_proxy_header("SECURE_PROXY_SSL_HEADER")
CSRF_TRUSTED_ORIGINS = env_origins("CSRF_TRUSTED_ORIGINS")
CSRF_FAILURE_VIEW = "gongkai.web.errors.csrf_failure"  # in Chinese, like every error page (errors.py)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", PRODUCTION)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", PRODUCTION)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", PRODUCTION)
# A year, as browsers' preload lists ask; lower it (e.g. 300) while first trying HTTPS on a new host.
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", PRODUCTION)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", PRODUCTION)
# A staff session lasts a working day and ends with the browser: the pages hold applicants' personal data.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600, minimum=60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = env_bool("SESSION_EXPIRE_AT_BROWSER_CLOSE", True)
# Proxies whose X-Forwarded-For is believed for the client's address (agencies.clients.client_ip).
GONGKAI_TRUSTED_PROXIES = env_networks("GONGKAI_TRUSTED_PROXIES")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # django-ninja as an app: its API docs page then uses the Swagger UI files it ships (served below)
    # instead of a CDN that an intranet or an offline machine cannot reach.
    "ninja",
    # Staff login throttling (failures per username and client address, in the database).
    "axes",
    "gongkai.web.agencies",
    "gongkai.web.applications",
    "gongkai.web.appeals",
    "gongkai.web.reports",
    "gongkai.web.disclosures",
    "gongkai.web.portal",
    "gongkai.web.supervision",
]

MIDDLEWARE = [
    # First: a body over GONGKAI_MAX_REQUEST_MB is refused (413) before anything reads it.
    "gongkai.web.agencies.bodysize.BodySizeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # A public page already rendered since the last change is answered here (portal/pagecache.py). With
    # Redis it is answered before Django by pagecache.StoredPages (wsgi.py), which does the work of these
    # first three middlewares in their place, and so only while they come first, in this order.
    "gongkai.web.portal.pagecache.StoredPageMiddleware",
    # Static files (the API docs' Swagger UI) straight from the installed apps, also under gunicorn.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Control characters out of every posted form field (they would break the Word and PDF files).
    "gongkai.web.agencies.plaintext.PlainTextMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: turns a locked-out login into its lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "gongkai.web.urls"
WSGI_APPLICATION = "gongkai.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [WEB_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]

DATABASES = {"default": database_from_url(
    os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'gongkai.sqlite3'}"), BASE_DIR
)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# var/ is git-ignored: a fresh clone has none, and SQLite cannot create the folder of its file.
if DATABASES["default"]["ENGINE"].endswith("sqlite3") and DATABASES["default"]["NAME"] != ":memory:":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)

LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
WHITENOISE_USE_FINDERS = True  # no collectstatic step to forget
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "media/"
# Sizes. A request body over GONGKAI_MAX_REQUEST_MB is refused (413) before a byte of it is read, whoever
# sends it (agencies.bodysize); an attachment over GONGKAI_MAX_FILE_MB is refused by its form; the form fields
# besides files may hold GONGKAI_MAX_FORM_MB (Django's DATA_UPLOAD_MAX_MEMORY_SIZE). Attachments hold
# applicants' documents and are never served as public media.
_MB = 1024 * 1024
GONGKAI_MAX_FILE_BYTES = env_int("GONGKAI_MAX_FILE_MB", 20, minimum=1) * _MB
GONGKAI_MAX_REQUEST_BYTES = env_int("GONGKAI_MAX_REQUEST_MB", 25, minimum=1) * _MB
if GONGKAI_MAX_REQUEST_BYTES < GONGKAI_MAX_FILE_BYTES:
    raise ImproperlyConfigured("GONGKAI_MAX_REQUEST_MB must be at least GONGKAI_MAX_FILE_MB")
DATA_UPLOAD_MAX_MEMORY_SIZE = min(env_int("GONGKAI_MAX_FORM_MB", 5, minimum=1) * _MB, GONGKAI_MAX_REQUEST_BYTES)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * _MB

# The limits' counters (portal lookups, applications, messages) must be shared by every worker: Redis when
# CACHE_URL (or REDIS_URL) is set, else a table of the database (the embedded default; createcachetable).
CACHES = {"default": cache_from_url(os.environ.get("CACHE_URL") or os.environ.get("REDIS_URL"),
                                   os.environ.get("CACHE_KEY_PREFIX", "gongkai"))}

# Failed status lookups per hour, counted per client address and per tracking number. The number's limit is
# higher: one person's typos stop that person long before they could lock the number for its applicant,
# while guessing one number's code from many addresses still stops.
GONGKAI_LOOKUP_FAILURES_PER_CLIENT = env_int("GONGKAI_LOOKUP_FAILURES_PER_CLIENT", 10, minimum=1)
GONGKAI_LOOKUP_FAILURES_PER_NUMBER = env_int("GONGKAI_LOOKUP_FAILURES_PER_NUMBER", 30, minimum=1)
# Anonymous online applications and 意见箱 messages per client address per day (the web pages and the API).
GONGKAI_APPLICATIONS_PER_DAY = env_int("GONGKAI_APPLICATIONS_PER_DAY", 10, minimum=1)
GONGKAI_MESSAGES_PER_DAY = env_int("GONGKAI_MESSAGES_PER_DAY", 20, minimum=1)
# The public pages (portal/pagecache.py) tell browsers and the reverse proxy to keep them this many seconds;
# 0 (the default): they keep them but ask again each time and get 304, so a change shows at once.
GONGKAI_PUBLIC_MAX_AGE = env_int("GONGKAI_PUBLIC_MAX_AGE", 0)

# Staff login: after GONGKAI_LOGIN_FAILURES wrong passwords for one username from one address, that pair is
# refused for GONGKAI_LOGIN_COOLOFF_MINUTES (django-axes; the address as the trusted proxy reports it).
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = env_int("GONGKAI_LOGIN_FAILURES", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("GONGKAI_LOGIN_COOLOFF_MINUTES", 60, minimum=1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "gongkai.web.agencies.lockout.client_address"
AXES_LOCKOUT_CALLABLE = "gongkai.web.agencies.lockout.locked_out"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "gongkai.web.agencies.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

GONGKAI_DUE_SOON = env_int("GONGKAI_DUE_SOON", 5)

# Outgoing mail (the county office's reminders, supervision/reminders.py): sent only when EMAIL_HOST is
# set; without it the reminders are in-app only.
if os.environ.get("EMAIL_HOST"):
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1)
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "gongkai@localhost")
GONGKAI_TODAY = env_date("GONGKAI_TODAY")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

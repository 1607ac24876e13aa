"""Django settings, all from environment variables (see env.py); a fresh checkout runs on SQLite.

Variables: SECRET_KEY, DEBUG, ALLOWED_HOSTS, DATABASE_URL (default sqlite at var/gongkai.sqlite3
under the repository), MEDIA_ROOT, GONGKAI_DUE_SOON (working days, default 5), GONGKAI_TODAY (an ISO
date that replaces today, for training and demonstrations).
Limits: CACHE_URL or REDIS_URL (redis://host:port/db; default the database's cache table),
GONGKAI_LOOKUP_FAILURES_PER_CLIENT and _PER_NUMBER (per hour, default 10 and 30),
GONGKAI_APPLICATIONS_PER_DAY (10) and GONGKAI_MESSAGES_PER_DAY (20) per client address,
GONGKAI_LOGIN_FAILURES (5) and GONGKAI_LOGIN_COOLOFF_MINUTES (60) for staff login.
"""

import os
from datetime import timedelta
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from .env import cache_from_url, database_from_url, env_bool, env_date, env_int, env_list

WEB_DIR = Path(__file__).resolve().parent
# The repository root in a source checkout (src/gongkai/web -> repo); var/ holds the SQLite file.
BASE_DIR = WEB_DIR.parents[2]
VAR_DIR = Path(os.environ.get("GONGKAI_VAR", BASE_DIR / "var"))

DEBUG = env_bool("DEBUG", False)
_DEV_KEY = "gongkai-development-key-not-for-production"
SECRET_KEY = os.environ.get("SECRET_KEY", _DEV_KEY)
if not DEBUG and SECRET_KEY == _DEV_KEY and env_bool("GONGKAI_REQUIRE_SECRET", False):
    raise ImproperlyConfigured("SECRET_KEY must be set in production (GONGKAI_REQUIRE_SECRET=1)")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])

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
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files (the API docs' Swagger UI) straight from the installed apps, also under gunicorn.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
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
# Attachments hold applicants' documents: at most 20 MB each, never served as public media.
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# The limits' counters (portal lookups, applications, messages) must be shared by every worker: Redis when
# CACHE_URL (or REDIS_URL) is set, else a table of the database (the embedded default; createcachetable).
CACHES = {"default": cache_from_url(os.environ.get("CACHE_URL") or os.environ.get("REDIS_URL"))}

# Failed status lookups per hour, counted per client address and per tracking number. The number's limit is
# higher: one person's typos stop that person long before they could lock the number for its applicant,
# while guessing one number's code from many addresses still stops.
GONGKAI_LOOKUP_FAILURES_PER_CLIENT = env_int("GONGKAI_LOOKUP_FAILURES_PER_CLIENT", 10, minimum=1)
GONGKAI_LOOKUP_FAILURES_PER_NUMBER = env_int("GONGKAI_LOOKUP_FAILURES_PER_NUMBER", 30, minimum=1)
# Anonymous online applications and 意见箱 messages per client address per day (the web pages and the API).
GONGKAI_APPLICATIONS_PER_DAY = env_int("GONGKAI_APPLICATIONS_PER_DAY", 10, minimum=1)
GONGKAI_MESSAGES_PER_DAY = env_int("GONGKAI_MESSAGES_PER_DAY", 20, minimum=1)

# Staff login: after GONGKAI_LOGIN_FAILURES wrong passwords for one username from one address, that pair is
# refused for GONGKAI_LOGIN_COOLOFF_MINUTES (django-axes; the address as the trusted proxy reports it).
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = env_int("GONGKAI_LOGIN_FAILURES", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("GONGKAI_LOGIN_COOLOFF_MINUTES", 60, minimum=1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "gongkai.web.agencies.clients.client_ip"
AXES_LOCKOUT_CALLABLE = "gongkai.web.agencies.lockout.locked_out"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

GONGKAI_DUE_SOON = env_int("GONGKAI_DUE_SOON", 5)
GONGKAI_TODAY = env_date("GONGKAI_TODAY")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

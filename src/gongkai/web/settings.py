"""Django settings, all from environment variables (see env.py); a fresh checkout runs on SQLite.

Variables: SECRET_KEY, DEBUG, ALLOWED_HOSTS, DATABASE_URL (default sqlite at var/gongkai.sqlite3
under the repository), MEDIA_ROOT, GONGKAI_DUE_SOON (working days, default 5), GONGKAI_TODAY (an ISO
date that replaces today, for training and demonstrations).
"""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from .env import database_from_url, env_bool, env_date, env_int, env_list

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

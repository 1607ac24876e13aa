"""Settings from environment variables, each refused loudly when malformed.

Why: a typo in ``DEBUG=flase`` or a database URL must stop the server at start, with the variable
named, instead of silently running with a default in production.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean (use 1/0, true/false, yes/no)")


def env_int(name: str, default: int, minimum: int = 0) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not an integer") from None
    if value < minimum:
        raise ImproperlyConfigured(f"{name}={value} is below the minimum {minimum}")
    return value


def env_date(name: str) -> dt.date | None:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return None
    try:
        return dt.date.fromisoformat(raw.strip())
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not an ISO date (YYYY-MM-DD)") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_origins(name: str) -> list[str]:
    """Origins such as ``https://gk.example.gov.cn`` (Django compares the scheme too, so it is required)."""
    origins = env_list(name, [])
    for origin in origins:
        parts = urlsplit(origin)
        if parts.scheme not in ("http", "https") or not parts.netloc or parts.path not in ("", "/"):
            raise ImproperlyConfigured(f"{name}: {origin!r} is not an origin like https://gk.example.gov.cn")
    return [origin.rstrip("/") for origin in origins]


def env_networks(name: str) -> list[str]:
    """Addresses or networks (``127.0.0.1``, ``10.0.0.0/24``, ``::1``), each checked at start."""
    entries = env_list(name, [])
    for entry in entries:
        try:
            ipaddress.ip_network(entry, strict=False)
        except ValueError:
            raise ImproperlyConfigured(f"{name}: {entry!r} is not an IP address or network") from None
    return entries


def env_proxy_header(name: str) -> tuple[str, str] | None:
    """``SECURE_PROXY_SSL_HEADER`` from ``X-Forwarded-Proto`` (meaning ``=https``) or ``Header=value``.

    Why opt-in: Django then believes the header blindly, which is right only when the proxy in front
    always sets it (overwriting what the client sent) and nobody can reach the server around the proxy.
    """
    raw = os.environ.get(name, "").strip()
    if not raw:
        return None
    header, _, value = raw.partition("=")
    header, value = header.strip(), value.strip() or "https"
    if not re.fullmatch(r"[A-Za-z0-9-]+", header):
        raise ImproperlyConfigured(f"{name}={raw!r}: use a header name such as X-Forwarded-Proto")
    return "HTTP_" + header.upper().replace("-", "_"), value


def database_from_url(url: str, base_dir: Path) -> dict:
    """A ``DATABASES['default']`` entry from ``sqlite:///path`` or ``postgres://user:pass@host:port/name``.

    A dozen lines instead of a dependency: these two schemes are all the platform supports.
    """
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        path = unquote(parts.path)
        if parts.netloc or not path or path == "/":
            raise ImproperlyConfigured(f"DATABASE_URL {url!r}: use sqlite:///relative/path or sqlite:////abs/path")
        name = path[1:]  # "/rel" -> "rel", "//abs" -> "/abs"
        if name == ":memory:":
            return {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}
        p = Path(name)
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(p if p.is_absolute() else base_dir / p),
            # WAL lets readers go on while one writer commits; IMMEDIATE takes the write lock at BEGIN, so
            # parallel writers queue for up to `timeout` seconds instead of failing with "database is locked"
            # when a read transaction tries to upgrade.
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    if parts.scheme in ("postgres", "postgresql", "pgsql"):
        name = unquote(parts.path.lstrip("/"))
        if not name:
            raise ImproperlyConfigured(f"DATABASE_URL {_safe(url)!r}: no database name after the host")
        try:
            port = parts.port
        except ValueError:
            raise ImproperlyConfigured(f"DATABASE_URL {_safe(url)!r}: bad port") from None
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": name,
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(port or ""),
            "CONN_MAX_AGE": 60,
            # PostgreSQL's JIT compiles a query that reads thousands of rows before running it: ~130 ms
            # of compiling for a common-word search that runs in less, on every such request.
            "OPTIONS": {"options": "-c jit=off"},
        }
    raise ImproperlyConfigured(f"DATABASE_URL {_safe(url)!r}: unsupported scheme (use sqlite:// or postgres://)")


def _safe(url: str) -> str:
    """The URL without its password, for error messages that end up in logs."""
    parts = urlsplit(url)
    if parts.password:
        return url.replace(f":{parts.password}@", ":***@")
    return url


CACHE_TABLE = "gongkai_cache"


def cache_from_url(url: str | None, prefix: str = "gongkai") -> dict:
    """A ``CACHES['default']`` entry: Redis for ``redis://``/``rediss://``/``unix://``, else the database.

    Why the database by default: the limits must be shared by every worker, which a per-process memory
    cache is not, and the embedded platform should need nothing but its own SQLite file
    (``createcachetable`` makes the table; ``make run`` runs it). ``prefix`` keeps sites (or test runs)
    that share one Redis apart.
    """
    if not url or url.strip() in ("", "db://", "database://"):
        # A high ceiling: culling a full table would delete live counters, i.e. lift the limits.
        return {"BACKEND": "gongkai.web.limits.backends.DatabaseCache", "LOCATION": CACHE_TABLE,
                "KEY_PREFIX": prefix, "OPTIONS": {"MAX_ENTRIES": 1_000_000}}
    scheme = urlsplit(url).scheme
    if scheme in ("redis", "rediss", "unix"):
        return {"BACKEND": "gongkai.web.limits.backends.RedisCache", "LOCATION": url, "KEY_PREFIX": prefix}
    raise ImproperlyConfigured(f"CACHE_URL {_safe(url)!r}: unsupported scheme (use redis://host:port/db or nothing)")

"""Production behind HTTPS from the environment: GONGKAI_PRODUCTION=1 passes `check --deploy`, and each
variable of the README's production section reaches its setting or is refused at start."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from gongkai.web.env import env_networks, env_origins, env_proxy_header

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = ROOT / "src" / "gongkai" / "web" / "settings.py"
KEY = "k" * 20 + "Production-Key-For-Tests-Only-9f3b2c7d1e5a"  # 50+ characters, many distinct
PRODUCTION = {"GONGKAI_PRODUCTION": "1", "SECRET_KEY": KEY, "ALLOWED_HOSTS": "gk.example.gov.cn"}
READ = ["SECURE_PROXY_SSL_HEADER", "CSRF_TRUSTED_ORIGINS", "SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE", "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD",
        "SESSION_COOKIE_AGE", "SESSION_EXPIRE_AT_BROWSER_CLOSE", "GONGKAI_TRUSTED_PROXIES", "DEBUG",
        "GONGKAI_MAX_FILE_BYTES", "GONGKAI_MAX_REQUEST_BYTES", "DATA_UPLOAD_MAX_MEMORY_SIZE", "ALLOWED_HOSTS"]


def _run(tmp_path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    """A fresh Python process with only these variables set (settings are read once, at start)."""
    base = {k: v for k, v in os.environ.items()
            if not k.startswith(("GONGKAI_", "SECURE_", "SESSION_", "CSRF_", "DJANGO_"))
            and k not in ("DEBUG", "SECRET_KEY", "ALLOWED_HOSTS")}
    full = {**base, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", **env}
    return subprocess.run([sys.executable, *args], env=full, capture_output=True, text=True, timeout=120)


def _settings(tmp_path, env: dict[str, str]) -> dict:
    code = ("import json, django; from django.conf import settings as s; "
            f"print(json.dumps({{n: getattr(s, n) for n in {READ!r}}}))")
    proc = _run(tmp_path, {**env, "DJANGO_SETTINGS_MODULE": "gongkai.web.settings"}, "-c", code)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def _deploy_check(tmp_path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return _run(tmp_path, env, "-m", "gongkai.web", "check", "--deploy", "--fail-level", "WARNING")


def test_it_passes_the_deploy_check_in_production_mode(tmp_path):
    proc = _deploy_check(tmp_path, PRODUCTION)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "no issues" in proc.stdout + proc.stderr


def test_it_fails_the_deploy_check_without_production_mode(tmp_path):
    # The same key and host, none of the HTTPS guards: HSTS, redirect and secure cookies are each reported.
    proc = _deploy_check(tmp_path, {k: v for k, v in PRODUCTION.items() if k != "GONGKAI_PRODUCTION"})
    assert proc.returncode != 0
    for code in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert code in proc.stdout + proc.stderr


def test_it_turns_every_https_guard_on_in_production_mode(tmp_path):
    got = _settings(tmp_path, PRODUCTION)
    assert got["SECURE_SSL_REDIRECT"] and got["SESSION_COOKIE_SECURE"] and got["CSRF_COOKIE_SECURE"]
    assert got["SECURE_HSTS_SECONDS"] == 31_536_000
    assert got["SECURE_HSTS_INCLUDE_SUBDOMAINS"] and got["SECURE_HSTS_PRELOAD"]
    assert got["SECURE_PROXY_SSL_HEADER"] is None  # opt-in: only a proxy that always sets it may be believed
    assert got["GONGKAI_TRUSTED_PROXIES"] == []
    assert got["ALLOWED_HOSTS"] == ["gk.example.gov.cn"]
    assert got["DEBUG"] is False


def test_it_reads_each_variable_from_the_environment(tmp_path):
    got = _settings(tmp_path, {
        **PRODUCTION, "SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto",
        "CSRF_TRUSTED_ORIGINS": "https://gk.example.gov.cn, https://gk.example.gov.cn:8443/",
        "SECURE_SSL_REDIRECT": "0", "SECURE_HSTS_SECONDS": "300", "SECURE_HSTS_PRELOAD": "no",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": "false", "SESSION_COOKIE_AGE": "3600",
        "SESSION_EXPIRE_AT_BROWSER_CLOSE": "0", "GONGKAI_TRUSTED_PROXIES": "127.0.0.1, 10.0.0.0/24",
        "GONGKAI_MAX_FILE_MB": "10", "GONGKAI_MAX_REQUEST_MB": "12", "GONGKAI_MAX_FORM_MB": "2",
    })
    assert got["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert got["CSRF_TRUSTED_ORIGINS"] == ["https://gk.example.gov.cn", "https://gk.example.gov.cn:8443"]
    assert (got["SECURE_SSL_REDIRECT"], got["SECURE_HSTS_SECONDS"], got["SECURE_HSTS_PRELOAD"],
            got["SECURE_HSTS_INCLUDE_SUBDOMAINS"]) == (False, 300, False, False)
    assert (got["SESSION_COOKIE_AGE"], got["SESSION_EXPIRE_AT_BROWSER_CLOSE"]) == (3600, False)
    assert got["GONGKAI_TRUSTED_PROXIES"] == ["127.0.0.1", "10.0.0.0/24"]
    assert (got["GONGKAI_MAX_FILE_BYTES"], got["GONGKAI_MAX_REQUEST_BYTES"], got["DATA_UPLOAD_MAX_MEMORY_SIZE"]) == (
        10 * 2**20, 12 * 2**20, 2 * 2**20)


def test_it_keeps_the_development_defaults_without_production_mode(tmp_path):
    got = _settings(tmp_path, {})
    assert not (got["SECURE_SSL_REDIRECT"] or got["SESSION_COOKIE_SECURE"] or got["CSRF_COOKIE_SECURE"])
    assert got["SECURE_HSTS_SECONDS"] == 0
    assert got["SESSION_COOKIE_AGE"] == 8 * 3600 and got["SESSION_EXPIRE_AT_BROWSER_CLOSE"] is True
    assert got["GONGKAI_MAX_FILE_BYTES"] == 20 * 2**20 and got["GONGKAI_MAX_REQUEST_BYTES"] == 25 * 2**20


@pytest.mark.parametrize(("env", "named"), [
    ({"SECRET_KEY": ""}, "SECRET_KEY"),
    ({"ALLOWED_HOSTS": ""}, "ALLOWED_HOSTS"),
    ({"DEBUG": "1"}, "DEBUG"),
    ({"CSRF_TRUSTED_ORIGINS": "gk.example.gov.cn"}, "CSRF_TRUSTED_ORIGINS"),
    ({"GONGKAI_TRUSTED_PROXIES": "nginx"}, "GONGKAI_TRUSTED_PROXIES"),
    ({"SECURE_PROXY_SSL_HEADER": "X Forwarded"}, "SECURE_PROXY_SSL_HEADER"),
    ({"GONGKAI_MAX_FILE_MB": "30"}, "GONGKAI_MAX_REQUEST_MB"),
])
def test_it_refuses_to_start_production_with_a_missing_or_malformed_variable(tmp_path, env, named):
    full = {**PRODUCTION, **env}
    if full.get("SECRET_KEY") == "":
        del full["SECRET_KEY"]
    proc = _run(tmp_path, full, "-m", "gongkai.web", "check")
    assert proc.returncode != 0
    assert "ImproperlyConfigured" in proc.stderr and named in proc.stderr


def test_the_environment_helpers_refuse_what_django_would_misread(monkeypatch):
    monkeypatch.setenv("X_ORIGINS", "https://a.example, http://b.example:8000")
    assert env_origins("X_ORIGINS") == ["https://a.example", "http://b.example:8000"]
    for bad in ("a.example", "https://a.example/path", "ftp://a.example"):
        monkeypatch.setenv("X_ORIGINS", bad)
        with pytest.raises(ImproperlyConfigured):
            env_origins("X_ORIGINS")
    monkeypatch.setenv("X_NETS", "::1, 192.168.0.0/16")
    assert env_networks("X_NETS") == ["::1", "192.168.0.0/16"]
    monkeypatch.setenv("X_HEADER", "X-Forwarded-Ssl=on")
    assert env_proxy_header("X_HEADER") == ("HTTP_X_FORWARDED_SSL", "on")
    monkeypatch.delenv("X_HEADER")
    assert env_proxy_header("X_HEADER") is None


def test_every_variable_the_settings_read_is_documented_in_the_readme():
    source = SETTINGS.read_text("utf-8")
    names = set(re.findall(r"""env_\w+\(\s*["']([A-Z0-9_]+)["']""", source))
    names |= set(re.findall(r"""os\.environ\.get\(\s*["']([A-Z0-9_]+)["']""", source))
    assert {"GONGKAI_PRODUCTION", "CSRF_TRUSTED_ORIGINS", "GONGKAI_TRUSTED_PROXIES"} <= names
    readme = (ROOT / "README.md").read_text("utf-8")
    assert sorted(n for n in names if f"`{n}`" not in readme) == []

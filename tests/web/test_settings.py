from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from gongkai.web.env import database_from_url, env_bool, env_date, env_int


def test_it_reads_sqlite_urls_relative_to_the_repository():
    base = Path("/repo")
    assert database_from_url("sqlite:///var/x.sqlite3", base)["NAME"] == "/repo/var/x.sqlite3"
    assert database_from_url("sqlite:////abs/x.sqlite3", base)["NAME"] == "/abs/x.sqlite3"


def test_it_reads_postgres_urls():
    db = database_from_url("postgres://postgres:s%40cret@127.0.0.1:5432/gongkai_test", Path("/repo"))
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["NAME"], db["USER"], db["PASSWORD"], db["HOST"], db["PORT"]) == (
        "gongkai_test", "postgres", "s@cret", "127.0.0.1", "5432")


@pytest.mark.parametrize("url", ["mysql://x/y", "postgres://host/", "sqlite://", "postgres://h:port/x"])
def test_it_refuses_bad_database_urls(url):
    with pytest.raises(ImproperlyConfigured):
        database_from_url(url, Path("/repo"))


def test_it_hides_the_password_in_errors():
    with pytest.raises(ImproperlyConfigured) as info:
        database_from_url("postgres://u:topsecret@h:port/db", Path("/repo"))
    assert "topsecret" not in str(info.value)


def test_it_refuses_malformed_booleans_integers_and_dates(monkeypatch):
    monkeypatch.setenv("DEBUG", "flase")
    monkeypatch.setenv("GONGKAI_DUE_SOON", "five")
    monkeypatch.setenv("GONGKAI_TODAY", "2025-13-01")
    with pytest.raises(ImproperlyConfigured):
        env_bool("DEBUG", False)
    with pytest.raises(ImproperlyConfigured):
        env_int("GONGKAI_DUE_SOON", 5)
    with pytest.raises(ImproperlyConfigured):
        env_date("GONGKAI_TODAY")
    monkeypatch.setenv("DEBUG", "yes")
    assert env_bool("DEBUG", False) is True


def test_it_refuses_agency_codes_the_site_uses_itself():
    from django.core.exceptions import ValidationError

    from gongkai.web.agencies.models import Agency

    for code in ("zfxxgk", "admin", "API"):
        with pytest.raises(ValidationError) as caught:
            Agency(name="某机关", code=code).clean_fields()
        assert "系统保留" in str(caught.value)
    Agency(name="某机关", code="donghu").clean_fields()  # an ordinary code passes

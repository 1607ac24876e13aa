import pytest

from . import servers


@pytest.fixture(autouse=True)
def _fresh_media_root(media_root):
    """Every test here writes its uploads into this run's own temporary MEDIA_ROOT (tests/conftest.py)."""
    return media_root


@pytest.fixture(scope="session")
def production_site(tmp_path_factory):
    """gunicorn with the production settings on a migrated, seeded SQLite database (servers.py)."""
    site = servers.prepare(tmp_path_factory.mktemp("site"))
    process = servers.start_gunicorn(site)
    yield site
    servers.stop(process)


@pytest.fixture(scope="session")
def https_site(production_site):
    """The same site behind nginx terminating HTTPS, as the README's production recipe runs it."""
    process = servers.start_nginx(production_site)
    yield production_site
    servers.stop(process)

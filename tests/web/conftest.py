import pytest


@pytest.fixture(autouse=True)
def _fresh_media_root(media_root):
    """Every test here writes its uploads into this run's own temporary MEDIA_ROOT (tests/conftest.py)."""
    return media_root

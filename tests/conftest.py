import os
from pathlib import Path

import pytest

from .needs import on_ci

DATA = Path(__file__).parent / "data"
SEEDS = sorted((DATA / "seeds").glob("*.txt"))


@pytest.fixture
def seeds() -> list[Path]:
    return SEEDS


@pytest.fixture(scope="session")
def media_root(tmp_path_factory) -> Path:
    """A fresh, empty MEDIA_ROOT for this run, for the tests and the servers they start (never var/media).

    Why: uploads of one run (or of the demo) must not be found by the next run's "nothing was written"
    checks, nor pile up in the developer's var/.
    """
    from django.test import override_settings

    media = tmp_path_factory.mktemp("media")
    previous = os.environ.get("MEDIA_ROOT")
    os.environ["MEDIA_ROOT"] = str(media)
    with override_settings(MEDIA_ROOT=str(media)):
        yield media
    if previous is None:
        os.environ.pop("MEDIA_ROOT", None)
    else:
        os.environ["MEDIA_ROOT"] = previous


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """On CI a skipped test is a failed one, unless it is marked ``may_skip`` with its reason.

    Why: the helpers of tests/needs.py already fail on CI when a program or service is missing; this
    catches every other skip, so that a green CI run means every test ran.
    """
    outcome = yield
    report = outcome.get_result()
    if not (report.skipped and on_ci()) or hasattr(report, "wasxfail") or item.get_closest_marker("may_skip"):
        return
    reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
    report.outcome = "failed"
    report.longrepr = f"skipped on CI, which must run every test: {reason}"

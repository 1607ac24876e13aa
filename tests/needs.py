"""What a test needs from the machine (programs, PostgreSQL, Redis): skip on a developer's machine, fail on CI.

Why: scripts/setup.sh installs every program of scripts/apt-packages.txt and `make test` starts the
services, so on CI (CI=true, which .ci/run exports) a missing one is a broken setup, and a suite
that skips the tests of LibreOffice, poppler, Chromium or nginx would pass while checking nothing.
On a developer's machine without them the test says what to install instead.
"""

from __future__ import annotations

import os
import shutil
import socket
from typing import NoReturn

import pytest


def on_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def missing(what: str) -> NoReturn:
    """Fail under CI, skip elsewhere, saying what is missing and where it should come from."""
    if on_ci():
        pytest.fail(f"{what} (CI must not skip this test)", pytrace=False)
    pytest.skip(what)


def program(name: str, package: str) -> str:
    """The path of an installed program, e.g. ``program("soffice", "libreoffice-writer-nogui")``."""
    path = shutil.which(name) or next(
        (p for p in (f"/usr/sbin/{name}", f"/usr/bin/{name}") if os.access(p, os.X_OK)), None)
    if path is None:
        missing(f"{name} is not installed (Debian package {package}, listed in scripts/apt-packages.txt)")
    return path


def service(host: str, port: int, what: str) -> None:
    """A service listening on host:port (PostgreSQL, Redis), which `make test` starts."""
    try:
        with socket.create_connection((host, port), timeout=2):
            return
    except OSError as exc:
        missing(f"{what} is not answering on {host}:{port} ({exc}); `make test` starts it")

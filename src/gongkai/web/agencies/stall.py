"""Test-only: hold a request at a named point, so that a test can race it or kill its worker there.

``GONGKAI_STALL`` lists ``point:seconds[:marker file]`` items separated by commas, e.g.
``locked:0.1`` (every change holds its row lock a moment longer, so that a second request surely
waits for it) or ``attach:60:/tmp/x/pid`` (the attachment upload writes the worker's pid to the
marker file and waits just before it commits). A point with a marker file holds once: while the
file exists it lets requests through, so the test can check that the next request works. Read once
from the environment at start; never set outside tests, when ``point`` costs one empty check.
"""

from __future__ import annotations

import os
import time
from pathlib import Path


def _parse(raw: str) -> dict[str, tuple[float, str]]:
    points = {}
    for item in filter(None, (part.strip() for part in raw.split(","))):
        name, seconds, *marker = item.split(":", 2)
        points[name] = (float(seconds), marker[0] if marker else "")
    return points


_POINTS = _parse(os.environ.get("GONGKAI_STALL", ""))


def point(name: str) -> None:
    if not _POINTS or name not in _POINTS:
        return
    seconds, marker = _POINTS[name]
    if marker:
        if Path(marker).exists():
            return
        Path(marker).write_text(str(os.getpid()), encoding="ascii")
    time.sleep(seconds)

"""Report downloads rendered once per published version, then served from storage.

Why: rendering a report to DOCX or PDF costs ~40 ms of CPU, and a published version never changes,
so the public download is rendered on its first request and read from a file ever after (~26
downloads/s before, now what the disk and the network allow).

The file is named for a digest of the published snapshot, the renderer's version and the kind, so a
correction (a new snapshot) or a new renderer gets a new file and an old one is never served for it;
every gunicorn worker finds the same file. A file is written under a temporary name and renamed
into place, so a reader sees a whole file or none, and two workers rendering at once both write the
same bytes' worth of a correct file (the last rename wins, harmlessly).
"""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from pathlib import Path

from django.conf import settings

import gongkai
from gongkai.report import render as render_report

FOLDER = "rendered"
# Raised when the renderer's output changes in a way the package version does not say.
RENDERER = "1"


def digest(snapshot: dict, kind: str) -> str:
    raw = json.dumps(snapshot, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    key = f"{gongkai.__version__}\n{RENDERER}\n{kind}\n{raw}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:40]


def path_for(snapshot: dict, kind: str) -> Path:
    return Path(settings.MEDIA_ROOT) / FOLDER / f"{digest(snapshot, kind)}.{kind}"


def published_file(snapshot: dict, kind: str) -> Path:
    """The stored rendering of ``snapshot`` as ``kind``, rendered now if it is the first request.

    Raises RenderError as the renderer does (e.g. the PDF font is not installed); nothing is stored then.
    """
    path = path_for(snapshot, kind)
    if path.is_file():
        return path
    # Published means checked at publication: the public gets that document, not a re-validation.
    body = render_report(snapshot, kind, allow_errors=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(f".{path.name}.{uuid.uuid4().hex}.part")
    part.write_bytes(body)
    os.replace(part, path)
    return path

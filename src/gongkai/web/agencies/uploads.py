"""Uploaded files that commit with their row: written aside, moved into place when the transaction commits.

Why: a file saved straight into place is there even when its row and audit entry never commit (the
worker killed mid-request, the transaction rolled back), and then nobody can say what it is or who
uploaded it. Here the file is written under ``MEDIA_ROOT/.incoming/`` (same disk, so the move is one
``os.replace``), moved to its final name by ``transaction.on_commit``, and removed when the block
fails. What a killed worker leaves behind stays aside, unreferenced, until ``sweep`` removes it.

The final name is chosen inside the transaction that holds the owner's row lock (the application or
the document whose folder it goes to), checked against files in place, files aside and rows already
committed, so two uploads of the same name at the same moment never share a file.
"""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path

from django.db import models, transaction
from django.utils.crypto import get_random_string

INCOMING = ".incoming"
STALE_AFTER = 24 * 3600  # seconds: no request holds a transaction open that long


class Staging:
    """The files written aside in one ``with staging()`` block."""

    def __init__(self):
        self.paths: list[Path] = []

    def stage(self, instance: models.Model, field_name: str, upload) -> str:
        """Write ``upload`` aside for ``instance.<field_name>``, set the field's name, move it on commit."""
        field = instance._meta.get_field(field_name)
        storage = field.storage
        sweep(storage.location)
        name = _free_name(instance, field, storage, field.generate_filename(instance, upload.name))
        aside = Path(storage.path(f"{INCOMING}/{name}"))
        aside.parent.mkdir(parents=True, exist_ok=True)
        self.paths.append(aside)
        with aside.open("xb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        setattr(instance, field_name, name)
        final = Path(storage.path(name))
        transaction.on_commit(lambda: _move(aside, final))
        return name

    def discard(self) -> None:
        for path in self.paths:
            path.unlink(missing_ok=True)


@contextlib.contextmanager
def staging():
    """Open this around ``transaction.atomic()``: files aside are removed if the block fails."""
    files = Staging()
    try:
        yield files
    except BaseException:
        files.discard()
        raise


def _move(aside: Path, final: Path) -> None:
    final.parent.mkdir(parents=True, exist_ok=True)
    os.replace(aside, final)


def _taken(instance, field, storage, name: str) -> bool:
    return (storage.exists(name) or storage.exists(f"{INCOMING}/{name}")
            or type(instance)._default_manager.filter(**{field.name: name}).exists())


def _free_name(instance, field, storage, wanted: str) -> str:
    name = storage.get_available_name(wanted, max_length=field.max_length)
    folder, base = os.path.split(name)
    root, ext = os.path.splitext(base)
    while _taken(instance, field, storage, name):
        # Room for the suffix within max_length, whatever the length of the uploaded name.
        keep = max(1, (field.max_length or 100) - len(folder) - len(ext) - 10)
        name = os.path.join(folder, f"{root[:keep]}_{get_random_string(7)}{ext}")
    return name


def sweep(root: str | os.PathLike, older_than: float = STALE_AFTER) -> list[Path]:
    """Remove files left aside (by a worker that died before its commit) older than ``older_than`` s."""
    incoming, removed = Path(root) / INCOMING, []
    if not incoming.is_dir():
        return removed
    limit = time.time() - older_than
    for path in incoming.rglob("*"):
        if path.is_file() and path.stat().st_mtime <= limit:
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed

"""Reading one untrusted file in a child process that is killed at the time budget and refused
memory beyond its limit.

Why a process: a reader stuck inside one call (a PDF page of a million characters, a DOCX body of
millions of cells, a text of fifty megabytes) cannot be interrupted from Python between pages or
rows, and memory once taken by lxml or PDFium is not given back. A child process can be killed at
the deadline wherever it is, and ``RLIMIT_AS`` makes an allocation beyond the limit fail in the
child instead of swapping the machine. The parent gets the ``Report`` back pickled, or the
``ReportError`` the child raised, or ``timeout`` / ``out_of_memory`` when it had to stop it.

Children come from a fork server (multiprocessing's "forkserver" context) that has imported the
readers once: a fresh interpreter per file would spend longer importing lxml, PDFium and the
parser than reading a report, and forking the caller itself is unsafe in a threaded web server.
The child leads its own process group, so that killing the group also stops a LibreOffice it
started.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import multiprocessing
import os
import resource
import signal
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import wait
from typing import TYPE_CHECKING

from . import messages
from .errors import ReportError

if TYPE_CHECKING:
    from .model import Report
    from .source import Limits

log = logging.getLogger(__name__)

# Imported once in the fork server, so that each child starts with the readers loaded.
_PRELOAD = [
    "gongkai.report.source", "gongkai.report.read.docx", "gongkai.report.read.html", "gongkai.report.read.pdf",
    "gongkai.report.read.legacy", "pypdfium2", "pdfplumber.table", "docx.styles", "gongkai.report.warm",
]
_CONTEXT_LOCK = threading.Lock()
_CONTEXT = None


@dataclass(frozen=True)
class Outcome:
    """What one isolated read gave: a report or an error, and what it cost the child."""

    report: Report | None
    error: ReportError | None
    seconds: float
    peak_rss: int  # bytes, the child's high-water mark of resident memory (0 when unknown)


def parse_isolated(data: bytes, path: str, limits: Limits) -> Report:
    """``parse_bytes`` in a child process; raises the child's ``ReportError``."""
    outcome = run(data, path, limits)
    if outcome.error is not None:
        raise outcome.error
    return outcome.report


def run(data: bytes, path: str, limits: Limits) -> Outcome:
    name = os.path.basename(path) or path
    started = time.monotonic()
    receiver, sender = _context().Pipe(duplex=False)
    child = _context().Process(target=_child, args=(sender, data, path, limits), name="gongkai-reader", daemon=True)
    try:
        child.start()
        sender.close()  # the child holds the only writing end: its death reads as end of file
        ready = wait([receiver, child.sentinel], timeout=max(0.0, limits.seconds - (time.monotonic() - started)))
        if receiver in ready:
            with contextlib.suppress(EOFError, OSError):
                kind, value, peak = receiver.recv()
                return _outcome(kind, value, peak, name, limits, time.monotonic() - started)
        if not ready:  # over the budget, wherever the child is
            peak = _peak_rss(child.pid)
            _kill(child)
            log.warning("%s: reader killed after %.1f s (peak RSS %d MB)", path, limits.seconds, peak >> 20)
            error = ReportError("timeout", f"{path}: killed after {limits.seconds:g}s in the reader process",
                                name=name, seconds=limits.seconds)
            return Outcome(None, error, time.monotonic() - started, peak)
        child.join()
        return Outcome(None, _died(child.exitcode, path, name, limits), time.monotonic() - started, 0)
    finally:
        _kill(child)
        receiver.close()


def _outcome(kind: str, value, peak: int, name: str, limits: Limits, seconds: float) -> Outcome:
    if kind == "report":
        return Outcome(value, None, seconds, peak)
    if kind == "out_of_memory":
        return Outcome(None, _out_of_memory(value, name, limits), seconds, peak)
    return Outcome(None, value, seconds, peak)


def _out_of_memory(detail: str, name: str, limits: Limits) -> ReportError:
    return ReportError("out_of_memory", f"{detail} (limit {limits.memory_bytes} bytes)",
                       name=name, limit=messages.size_text(limits.memory_bytes))


def _died(exitcode: int | None, path: str, name: str, limits: Limits) -> ReportError:
    """The child ended without an answer. Under ``RLIMIT_AS`` that is a C library failing an
    allocation it cannot report (an abort, or the kernel's kill), so a signal reads as memory."""
    if exitcode is not None and exitcode < 0:
        return _out_of_memory(f"{path}: reader process ended by signal {-exitcode}", name, limits)
    return ReportError("parse_failed", f"{path}: reader process exited with {exitcode} and no answer", name=name)


def _kill(child) -> None:
    """The child and everything in its process group (LibreOffice), at once."""
    if child.pid is None or child.exitcode is not None:
        return
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(child.pid, signal.SIGKILL)
    with contextlib.suppress(ProcessLookupError, OSError, ValueError):
        child.kill()
    child.join()


def _peak_rss(pid: int | None) -> int:
    """VmHWM of a live process, in bytes (0 when it cannot be read)."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


def _context():
    global _CONTEXT
    with _CONTEXT_LOCK:
        if _CONTEXT is None:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(_PRELOAD)
            _CONTEXT = context
        return _CONTEXT


# --- in the child ------------------------------------------------------------------------------------

def _child(sender, data: bytes, path: str, limits: Limits) -> None:
    os.setpgid(0, 0)
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    soft = limits.memory_bytes if hard == resource.RLIM_INFINITY else min(limits.memory_bytes, hard)
    resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
    from .source import parse_bytes

    try:
        answer = ("report", parse_bytes(data, path, dataclasses.replace(limits, isolate=False)))
    except ReportError as exc:
        answer = ("error", exc)
    except Exception as exc:  # the caller sees the same error as an in-process failure would give
        log.exception("internal error while reading %s", path)
        answer = ("error", ReportError("parse_failed", f"{path}: {type(exc).__name__}: {exc}",
                                       name=os.path.basename(path) or path))
    del data
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    try:
        sender.send((*answer, peak))
    except MemoryError:
        sender.send(("out_of_memory", f"{path}: the answer did not fit in memory", peak))
    sender.close()

"""One chunk of input files read, parsed and checked: what a worker process (or Dask worker) runs.

A chunk's result is a set of Arrow tables (rows for ``reports``, ``cells``, ``findings``,
``narratives``, ``signatures``, ``files``), so the importing process only concatenates and appends
them: the parsing, the hashing and the MinHash all happen in parallel, and the store receives whole
columns. Every row carries ``seq``, the item's place in the chunk, so the importer can drop the rows
of a file whose content is already in the store.
"""

from __future__ import annotations

import gc
import hashlib
import itertools
import os
import resource
import signal
import zipfile
from dataclasses import dataclass

import pyarrow as pa

from ..report import Cell, Limits, ReportError, ValidationConfig, check, parse_bytes, parse_file
from ..report.messages import size_text
from . import agency, narrative
from .messages import ERRORS


@dataclass(frozen=True, slots=True)
class Item:
    """One input: a file, or a member of a zip archive (``member`` set, ``path`` the archive)."""

    path: str
    member: str | None
    fingerprint: str
    # The member's name decoded as its author wrote it (``member`` is the name as stored).
    shown: str | None = None

    @property
    def label(self) -> str:
        """The path stored for the item: ``archive.zip::folder/name.txt`` for a member."""
        if self.member is None:
            return self.path
        return f"{self.path}::{self.shown or self.member}"


# The address space a local pool worker may take beyond its own when it starts (the interpreter,
# the readers, pyarrow: ~600 MB mapped, most of it never touched): the core's bound for reading one
# file in its child process. RLIMIT_AS is that sum. GONGKAI_CORPUS_WORKER_MEMORY (bytes) changes it.
WORKER_MEMORY = int(os.environ.get("GONGKAI_CORPUS_WORKER_MEMORY", str(Limits().memory_bytes)))


@dataclass(frozen=True, slots=True)
class Options:
    """What every worker needs to read and check a file the same way.

    ``seconds`` and ``memory_bytes`` bound the local pool's workers (``bounded_chunk``): each file
    gets ``seconds`` of CPU time, and a worker ``memory_bytes`` of address space beyond its
    own at its start."""

    max_bytes: int = Limits().max_bytes
    seconds: float = Limits().seconds
    memory_bytes: int = WORKER_MEMORY

    def config(self) -> ValidationConfig:
        return ValidationConfig()

    def limits(self) -> Limits:
        return Limits(max_bytes=self.max_bytes, seconds=self.seconds, memory_bytes=self.memory_bytes)


# Rules of the core the workers leave to the corpus check: the publication deadline depends on who
# the agency is (the roster's own deadline, the level deadlines given), which only the store knows.
DEFERRED_RULES = frozenset({"late_publication"})


_CODED = pa.dictionary(pa.int32(), pa.string())

SCHEMAS = {
    "reports": pa.schema([
        ("seq", pa.int32()), ("report_id", pa.string()), ("path", pa.string()), ("kind", pa.string()),
        ("issuer", pa.string()), ("name_key", pa.string()), ("year", pa.int32()), ("format", pa.string()),
        ("published_on", pa.date32()), ("title", pa.string()), ("truncated", pa.string()),
        ("error_code", pa.string()), ("error_message", pa.string()), ("error_detail", pa.string()),
    ]),
    # The strings of a chunk's cells as indices into the few distinct ones (``Cells``): a chunk's table
    # is a quarter of the bytes to build, pickle and hand over, and DuckDB reads it as it reads strings.
    "cells": pa.schema([
        ("seq", pa.int32()), ("report_id", _CODED), ("section", _CODED), ("row", _CODED),
        ("col", _CODED), ("value", pa.float64()), ("inferred", pa.bool_()),
    ]),
    "extra_rows": pa.schema([
        ("seq", pa.int32()), ("report_id", pa.string()), ("section", pa.string()), ("position", pa.int32()),
        ("label", pa.string()), ("col", pa.int32()), ("value", pa.float64()),
    ]),
    "findings": pa.schema([
        ("seq", pa.int32()), ("report_id", pa.string()), ("rule", pa.string()), ("severity", pa.string()),
        ("message", pa.string()), ("cells", pa.string()),
    ]),
    "narratives": pa.schema([
        ("seq", pa.int32()), ("report_id", pa.string()), ("section", pa.int32()), ("text", pa.string()),
    ]),
    "signatures": pa.schema([
        ("seq", pa.int32()), ("report_id", pa.string()), ("chars", pa.int32()), ("minhash", pa.binary()),
    ]),
    "files": pa.schema([
        ("seq", pa.int32()), ("path", pa.string()), ("fingerprint", pa.string()), ("report_id", pa.string()),
    ]),
}


class Columns:
    """One table's rows, appended row by row and turned into an Arrow table by column at the end.

    Each row is kept as the tuple it came in and the tuples are transposed once (``zip``) at the end:
    a report adds tens of findings, and an append per column of every row cost more than the rest of
    the extraction of a finding."""

    def __init__(self, schema: pa.Schema) -> None:
        self.schema = schema
        self.width = len(schema.names)
        self.rows: list[tuple] = []

    def add(self, *values) -> None:
        if len(values) != self.width:
            raise ValueError(f"{len(values)} values for the {self.width} columns of {self.schema.names}")
        self.rows.append(values)

    @property
    def data(self) -> list[list]:
        """The values by column."""
        if not self.rows:
            return [[] for _ in range(self.width)]
        return [list(column) for column in zip(*self.rows, strict=True)]

    def table(self) -> pa.Table:
        return pa.table(self.data, schema=self.schema)


class Cells:
    """The ``cells`` rows of a chunk, built by column: a table's cells cost one look-up of its shape
    and three ``extend``; the strings (``report_id``, ``section``, ``row``, ``col``) are looked up
    once per distinct value and stay codes into those values (Arrow dictionary arrays).

    A table's cells are kept (cells are replaced, never changed in place) and their values and flags
    read in one pass when the table is made: two list comprehensions per table row cost more than
    the rest of the cells' rows."""

    def __init__(self) -> None:
        self.keys: list[tuple[str, str, str]] = []  # (section, row, col) by code
        self.codes_of: dict[tuple[str, str], dict[str, int]] = {}  # (section, row) → col → code
        # A table's shape (section, row keys, each row's column keys, in order) → its cells' codes.
        self.shapes: dict[tuple, tuple[int, ...]] = {}
        self.seq: list[int] = []
        self.code: list[int] = []
        self.cells: list[Cell] = []

    def _row(self, section: str, row: str) -> dict[str, int]:
        codes = self.codes_of.get((section, row))
        if codes is None:
            codes = self.codes_of[(section, row)] = {}
        return codes

    def _new(self, codes: dict[str, int], section: str, row: str, col: str) -> int:
        code = codes[col] = len(self.keys)
        self.keys.append((section, row, col))
        return code

    def _codes(self, section: str, rows: dict) -> tuple[int, ...]:
        """The codes of a table's cells, row by row, new ones made for the (row, col) not seen before."""
        out = []
        for row, columns in rows.items():
            codes = self._row(section, row)
            for col in columns:
                number = codes.get(col)
                out.append(self._new(codes, section, row, col) if number is None else number)
        return tuple(out)

    def add_table(self, seq: int, section: str, rows: dict) -> None:
        # Every table of a schema has the same shape in every report: its codes are one tuple.
        shape = (section, tuple(rows), tuple(map(tuple, rows.values())))
        codes = self.shapes.get(shape)
        if codes is None:
            codes = self.shapes[shape] = self._codes(section, rows)
        self.code.extend(codes)
        self.cells.extend(itertools.chain.from_iterable(map(dict.values, rows.values())))
        self.seq.extend(itertools.repeat(seq, len(codes)))

    def add(self, seq: int, section: str, row: str, col: str, value, inferred: bool) -> None:
        codes = self._row(section, row)
        number = codes.get(col)
        self.code.append(self._new(codes, section, row, col) if number is None else number)
        self.cells.append(Cell(value, inferred=inferred))
        self.seq.append(seq)

    def table(self, report_ids: dict[int, str]) -> pa.Table:
        schema = SCHEMAS["cells"]
        seq = pa.array(self.seq, type=pa.int32())
        ids = pa.array([report_ids.get(i) for i in range(max(report_ids, default=-1) + 1)], type=pa.string())
        code = pa.array(self.code, type=pa.int32())
        sections, rows, cols = (pa.array(list(part), type=pa.string()) for part in zip(*self.keys, strict=True)) \
            if self.keys else (pa.array([], type=pa.string()),) * 3
        cells = self.cells
        # int, float or None: Arrow makes the values doubles.
        value = pa.array([cell.value for cell in cells], type=pa.float64())
        inferred = pa.array([cell.inferred for cell in cells], type=pa.bool_())
        coded = pa.DictionaryArray.from_arrays
        return pa.table([seq, coded(seq, ids), coded(code, sections), coded(code, rows), coded(code, cols), value,
                         inferred], schema=schema)


def missing_id(label: str) -> str:
    """The id of a file that could not be opened at all (no content to hash): derived from its path."""
    return hashlib.sha256(b"\0unopened:" + label.encode("utf-8")).hexdigest()


class Archives:
    """The zip archives a chunk reads from, each opened once."""

    def __init__(self) -> None:
        self.open: dict[str, zipfile.ZipFile] = {}

    def read(self, item: Item, max_bytes: int) -> bytes:
        archive = self.open.get(item.path)
        if archive is None:
            archive = self.open[item.path] = zipfile.ZipFile(item.path)
        info = archive.getinfo(item.member)
        if info.file_size > max_bytes:
            raise ReportError("too_large", f"{item.label}: {info.file_size} bytes > limit {max_bytes}",
                              name=item.member, size=f"{info.file_size} 字节", limit=f"{max_bytes} 字节")
        with archive.open(info) as fh:
            return fh.read(max_bytes + 1)

    def close(self) -> None:
        for archive in self.open.values():
            archive.close()


def read_item(item: Item, archives: Archives, options: Options) -> bytes:
    """The bytes of one file or archive member, at most ``options.max_bytes + 1`` (public: the
    supervision app's uploads read files exactly as the corpus workers do)."""
    if item.member is None:
        try:
            with open(item.path, "rb") as fh:
                # As much as the file holds (plus one byte, to see the end): ``read(max_bytes + 1)``
                # allocated the whole limit (50 MB) for every file and gave most of it back, ~17 µs of
                # CPU a file. A file that grew since ``fstat`` is read on up to the limit, as before.
                most = options.max_bytes + 1
                size = os.fstat(fh.fileno()).st_size
                data = fh.read(min(size + 1, most))
                if size < len(data) < most:
                    data += fh.read(most - len(data))
                return data
        except OSError:
            parse_file(item.path)  # raises the core's own ReportError (not_found, unreadable...)
            raise
    return archives.read(item, options.max_bytes)


# The error code of a file whose content was already read under another path: the importer keeps its
# ``files`` row and drops its ``reports`` row, so it never reaches the store as a report.
DUPLICATE = "duplicate_content"


class _Timeout(BaseException):
    """A file over its time budget (a BaseException: the readers' ``except Exception`` lets it by)."""


class _Budget:
    """The time budget of one file in a long-lived worker, twice over.

    ``SIGPROF`` after ``seconds`` of the worker's CPU time (``ITIMER_PROF``: the same budget on a
    quiet machine and a loaded one, where wall-clock time would stop good files that merely waited
    for a core) raises ``_Timeout`` in the reader wherever Python runs next, and the file is
    recorded as ``timeout`` while the worker goes on with the next. (Waiting on LibreOffice is not
    CPU time of the worker; the core bounds LibreOffice itself with the same ``seconds``.)
    A reader stuck inside one C call never gets back to Python, so the kernel also stops the worker
    once its CPU time passes ``RLIMIT_CPU``, set before each file to the time used so far plus twice
    the budget: the worker dies, and the importer retries its files one by one (``importer``).
    Costs a few system calls per file, nothing like a process per file (20–65 ms).
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.armed = False
        signal.signal(signal.SIGPROF, self._fire)

    def _fire(self, signum, frame) -> None:
        if self.armed:
            self.armed = False
            raise _Timeout

    def __enter__(self) -> _Budget:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        _, hard = resource.getrlimit(resource.RLIMIT_CPU)
        soft = int(usage.ru_utime + usage.ru_stime + 2 * self.seconds) + 1
        resource.setrlimit(resource.RLIMIT_CPU, (soft if hard == resource.RLIM_INFINITY else min(soft, hard), hard))
        self.armed = True
        signal.setitimer(signal.ITIMER_PROF, self.seconds)
        return self

    def __exit__(self, *exc) -> None:
        self.armed = False
        signal.setitimer(signal.ITIMER_PROF, 0)
        _, hard = resource.getrlimit(resource.RLIMIT_CPU)
        resource.setrlimit(resource.RLIMIT_CPU, (hard, hard))


_BASE: list[int] = []  # this worker's address space when its first chunk came (bytes)


def _address_space() -> int:
    with open("/proc/self/statm", encoding="ascii") as fh:
        return int(fh.read().split()[0]) * resource.getpagesize()


def _limit_memory(extra: int) -> None:
    """The worker's address space: its own at the first chunk plus ``extra`` (RLIMIT_AS). Beyond
    it an allocation fails with MemoryError, and the file is recorded as ``out_of_memory``."""
    if not _BASE:
        try:
            _BASE.append(_address_space())
        except (OSError, ValueError, IndexError):  # no /proc: the limit is the extra alone
            _BASE.append(0)
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = _BASE[0] + extra
    wanted = limit if hard == resource.RLIM_INFINITY else min(limit, hard)
    if soft != wanted:
        resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))


def bounded_chunk(items: list[Item], options: Options, known: frozenset[str] = frozenset()) -> dict[str, pa.Table]:
    """``process_chunk`` in a local pool worker (its main thread): the worker's address space
    limited to its own plus ``options.memory_bytes``, each file's time to ``options.seconds``."""
    _limit_memory(options.memory_bytes)
    return process_chunk(items, options, known, _Budget(options.seconds))


def process_chunk(items: list[Item], options: Options, known: frozenset[str] = frozenset(),
                  budget: _Budget | None = None) -> dict[str, pa.Table]:
    """Read, parse and check every item; one failure is recorded as that file's error, never raised.

    ``known`` holds contents (sha256) read before: a file with one of them, or with the content of an
    earlier file of the chunk, is hashed but not parsed again (``DUPLICATE``). ``budget`` bounds each
    file's reading (``bounded_chunk``; a Dask worker runs tasks in threads, where no signal comes)."""
    out = {name: Columns(schema) for name, schema in SCHEMAS.items() if name != "cells"}
    out["cells"] = Cells()
    config = options.config()
    archives = Archives()
    # The chunk's own contents, beside ``known`` rather than in a copy of it: copying the store's
    # known contents for every chunk costs as much as the chunk's duplicate tests themselves.
    seen: set[str] = set()
    # The cyclic garbage collector is off while the chunk is read: a text report leaves no cycles
    # (every object is freed by its reference count), yet the collector's passes over the objects
    # it makes were ~3 % of a text report's cost. After any other file (DOCX, PDF, HTML and failures,
    # whose readers may leave cycles) the young objects are collected at once, as the collector
    # would have done. (Dask runs chunks in threads: each restores only what it found.)
    collecting = gc.isenabled()
    if collecting:
        gc.disable()
    reports = out["reports"].rows
    try:
        for seq, item in enumerate(items):
            _one(seq, item, archives, options, config, out, seen, budget, known)
            if collecting and reports[-1][3] not in _ACYCLIC:  # the item's one reports row: its kind
                gc.collect(0)
    finally:
        archives.close()
        if collecting:
            gc.enable()
    ids = {row[0]: row[1] for row in out["reports"].rows}  # seq and report_id are its first columns
    return {name: columns.table(ids) if name == "cells" else columns.table() for name, columns in out.items()}


# The kinds of file whose reading leaves no reference cycles (``process_chunk``); an error row has no
# kind, and is collected after.
_ACYCLIC = frozenset({"text", "markdown"})


def _one(seq, item: Item, archives: Archives, options: Options, config, out, seen: set[str],
         budget: _Budget | None = None, known: frozenset[str] = frozenset()) -> None:
    label = item.label
    try:
        data = read_item(item, archives, options)
    except ReportError as exc:
        _error(out, seq, missing_id(label), label, None, exc.code, exc.message, exc.detail)
        return
    except (zipfile.BadZipFile, KeyError, OSError, EOFError, RuntimeError, ValueError) as exc:
        _error(out, seq, missing_id(label), label, None, "corrupt", ERRORS["zip_unreadable"].format(name=item.path),
               f"{label}: {type(exc).__name__}: {exc}")
        return
    report_id = hashlib.sha256(data).hexdigest()
    out["files"].add(seq, label, item.fingerprint, report_id)
    if report_id in seen or report_id in known:
        _error(out, seq, report_id, label, None, DUPLICATE, None, None)
        return
    seen.add(report_id)
    name = os.path.basename(item.member or item.path) or label
    try:
        if budget is None:
            report = check(parse_bytes(data, label, options.limits(), sha256=report_id), config)
        else:
            with budget:
                report = check(parse_bytes(data, label, options.limits(), sha256=report_id), config)
    except _Timeout:
        exc = ReportError("timeout", f"{label}: over the budget of {options.seconds:g}s in the worker",
                          name=name, seconds=options.seconds)
        _error(out, seq, report_id, label, None, exc.code, exc.message, exc.detail)
        return
    except MemoryError:  # in the checks, beyond the reader (which says so itself)
        exc = ReportError("out_of_memory", f"{label}: MemoryError (limit {options.memory_bytes} bytes)",
                          name=name, limit=size_text(options.memory_bytes))
        _error(out, seq, report_id, label, None, exc.code, exc.message, exc.detail)
        return
    except ReportError as exc:
        _error(out, seq, report_id, label, None, exc.code, exc.message, exc.detail)
        return
    except Exception as exc:  # one broken file must not stop the others
        _error(out, seq, report_id, label, None, "parse_failed", ERRORS["parse_failed"],
               f"{label}: {type(exc).__name__}: {exc}")
        return
    if not _is_report(report):
        _error(out, seq, report_id, label, report.source.kind, "not_a_report", ERRORS["not_a_report"],
               f"{label}: no statutory table, year, issuer, title, section or headline figure found")
        return
    report_rows(out, seq, report_id, label, report)


def _is_report(report) -> bool:
    """Whether a file read as text is an annual report at all. A folder of reports often holds a
    README, an index or notes beside them: such a file has none of what every report has (a table,
    the year, the issuer, the title, a numbered section, the figures of a 2008–2018 report), and is
    recorded as ``not_a_report`` instead of a report full of gaps that every statistic would count."""
    return bool(report.tables() or report.year or report.issuer or report.title or report.sections
                or any(v is not None for v in (report.headlines or {}).values()))


def _error(out, seq, report_id, label, kind, code, message, detail) -> None:
    out["reports"].add(seq, report_id, label, kind, None, None, None, None, None, None, None, code, message, detail)


def report_rows(out, seq: int, report_id: str, label: str, report) -> None:
    """Append one parsed report's rows to ``out`` (a ``Columns`` per table, ``Cells`` for cells);
    public: the supervision app writes its in-memory store with the workers' own row builder."""
    name_key = agency.normalise(report.issuer)
    out["reports"].add(seq, report_id, label, report.source.kind, report.issuer, name_key, report.year,
                       report.format, report.published_on, report.title, report.truncated, None, None, None)
    cells = out["cells"]
    for table in report.tables():
        section = table.spec.key
        cells.add_table(seq, section, table.rows)
        for position, extra in enumerate(table.extra, start=1):
            for col, value in enumerate(extra.values, start=1):
                out["extra_rows"].add(seq, report_id, section, position, extra.label, col,
                                      None if value is None else float(value))
    for key, value in (report.headlines or {}).items():
        cells.add(seq, "pre2019", key, "total", value, False)
    # The rows as ``Columns.add`` keeps them, appended directly: a report has tens of findings.
    findings = out["findings"].rows
    findings.extend([(seq, report_id, f.rule, f.severity, f.message, ",".join(f.cells))
                     for f in report.findings if f.rule not in DEFERRED_RULES])
    texts = []
    for number in narrative.SECTIONS:
        section = report.sections.get(number)
        if section is not None and section.text:
            out["narratives"].add(seq, report_id, number, section.text)
            texts.append(section.text)
    cleaned = narrative.clean("\n".join(texts), report.issuer)
    blob = narrative.signature(cleaned)
    if blob is not None:
        out["signatures"].add(seq, report_id, len(cleaned), blob)

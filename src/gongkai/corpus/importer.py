"""``gongkai corpus import``: inputs discovered lazily, read in parallel, stored in batches.

Why this shape: 100,000 files must neither sit in memory at once nor stop at the first bad one. The
importing process discovers items, drops those the store already has (same path and fingerprint),
hands chunks to a pool of processes (or a Dask cluster) with a bounded number in flight, and appends
the finished chunks' Arrow tables to DuckDB in batches, one transaction each. Content already stored
under another path is stored once. Whatever the order chunks finish in, the store ends the same:
rows are keyed by content, a report's ``path`` is the first of its paths, and the corpus checks are
recomputed from the whole store at the end.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor
from concurrent.futures import wait as wait_futures
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field

import pyarrow as pa
import pyarrow.compute as pc

from . import discover, store
from .extract import DUPLICATE, SCHEMAS, Item, Options, bounded_chunk, process_chunk
from .messages import ERRORS, PROGRESS

CHUNK = 32  # files per task: large enough to amortise the hand-over, small enough to balance two cores
# Files per transaction; GONGKAI_CORPUS_BATCH_FILES changes it (smaller: less lost to a kill, more commits).
# At 500 reports a batch, the cells (~200 rows a report) stayed under DuckDB's row group (122,880 rows)
# and went into its write-ahead log, to be written again at the next checkpoint (6,000 reports wrote
# 154 MB of log for 7 MB of cells); from 1,000 on, DuckDB writes them compressed into the file at once
# ("optimistic writes"). 2,048 rather than 1,000: each commit has a fixed part (the files table's
# de-duplication, the primary keys, the log), and the appends of 100,000 generated reports took
# 0.16 ms of the importing process a report instead of 0.23 (a replay of stored batches), which the
# workers had to share their two cores with; the whole import went from 93-97 s to 80 s. A batch
# waiting is ~1.5 MB a chunk of 32 reports: ~95 MB at 2,048, within the import's 500 MB.
BATCH_FILES = int(os.environ.get("GONGKAI_CORPUS_BATCH_FILES", "2048"))
# DuckDB checkpoints its write-ahead log into the file when the log passes this size; each checkpoint
# also writes the primary-key indexes whole, so at the default 16 MB the commits of a 100,000-report
# import grew with the store (130 s of them). GONGKAI_CORPUS_CHECKPOINT changes it while appending.
IMPORT_CHECKPOINT = os.environ.get("GONGKAI_CORPUS_CHECKPOINT", "256MB")
# ...or this long since the last commit, so an interrupted run loses little. 20 s rather than 5: on a
# loaded machine (100 reports/s) 5 s made batches of 500 and less, whose cells went to the WAL.
BATCH_SECONDS = 20.0
# Chunks in flight per worker (submitted, running or finished and not yet taken in). Enough to keep the
# workers busy while the importing process commits a batch, when it submits nothing: at 3 a worker
# (192 reports on 2 cores, ~0.2 s of work) a commit of 1,000 reports (0.3–0.6 s) left the workers
# without chunks; the machine was idle 8.1–9.6 % of a 10,000–30,000-report import at 3, 1.9–7.3 % at
# 10 (/proc/stat, three runs each way, the end's single-threaded checks included). A finished chunk
# waiting is ~1.5 MB, so 20 of them cost little. GONGKAI_CORPUS_IN_FLIGHT changes it.
IN_FLIGHT = int(os.environ.get("GONGKAI_CORPUS_IN_FLIGHT", "10"))


@dataclass
class Summary:
    files: int = 0
    read: int = 0
    failed: int = 0
    not_reports: int = 0  # files read that are no annual report (a README, an index beside the reports)
    skipped: int = 0
    copies: int = 0  # of the skipped: a content read before under another path, not parsed again
    batches: int = 0
    seconds: float = 0.0
    checks: dict = field(default_factory=dict)
    # Seconds of the importing process by phase, for the benchmark: ``discover`` (walking the inputs,
    # ``lookups`` in the store included), ``submit`` (handing chunks over), ``waiting`` for workers,
    # ``results`` (taking them in), ``commit`` of the batches, ``check.*`` the corpus checks',
    # ``close`` (DuckDB's last checkpoint).
    phases: dict[str, float] = field(default_factory=dict)
    # CPU seconds of the importing process's main thread by phase (``submit``, ``results``,
    # ``commit``; DuckDB runs in that thread with ``threads = 1``): steadier than wall-clock time on
    # a machine others load too.
    cpu: dict[str, float] = field(default_factory=dict)

    def timed(self, phase: str, since: float, cpu_since: float | None = None) -> None:
        self.phases[phase] = self.phases.get(phase, 0.0) + time.perf_counter() - since
        if cpu_since is not None:
            self.cpu[phase] = self.cpu.get(phase, 0.0) + time.thread_time() - cpu_since


def chunks(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


class _LocalPool:
    """A process pool over ``jobs`` cores (forkserver: workers never inherit the open database).

    Workers live as long as the pool and are bounded (``extract.bounded_chunk``): an address-space
    limit, a time budget per file, and a CPU-time limit that the kernel enforces on a reader stuck in
    C. A worker that dies for it breaks the pool; ``_run_tasks`` retries the files one by one."""

    def __init__(self, jobs: int) -> None:
        import multiprocessing

        self.jobs = jobs
        self.context = multiprocessing.get_context("forkserver")
        self.context.set_forkserver_preload(["gongkai.corpus.extract", "gongkai.corpus.importer"])
        self.pool = ProcessPoolExecutor(max_workers=jobs, mp_context=self.context)

    def submit(self, chunk: list[Item], options: Options, delta: Delta = (0, 0, ())):
        return self.pool.submit(_task, chunk, options, delta, True)

    def wait(self, pending):
        return wait_futures(pending, return_when=FIRST_COMPLETED)[0]

    def restart(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)
        self.pool = ProcessPoolExecutor(max_workers=self.jobs, mp_context=self.context)

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


class _DaskPool:
    """The same tasks on a dask.distributed cluster: workers must see the same paths (a shared folder)."""

    def __init__(self, address: str) -> None:
        from distributed import Client

        self.client = Client(address, timeout="20s")
        self.jobs = max(1, sum(self.client.nthreads().values()))

    def submit(self, chunk: list[Item], options: Options, delta: Delta = (0, 0, ())):
        return self.client.submit(_task, chunk, options, delta, False, pure=False)

    def wait(self, pending):
        from distributed import wait

        return wait(list(pending), return_when="FIRST_COMPLETED").done

    def restart(self) -> None:  # a lost Dask worker is retried by the scheduler itself
        pass

    def close(self) -> None:
        self.client.close()


class _Progress:
    """A bar on a terminal (tqdm); otherwise one line per committed batch on standard error."""

    def __init__(self, total: int | None, stream) -> None:
        self.stream = stream
        self.total = total
        self.bar = None
        if total is not None:
            from tqdm import tqdm

            self.bar = tqdm(total=total, desc=PROGRESS["bar"], unit="个", file=stream, dynamic_ncols=True)

    def advance(self, summary: Summary, files: int) -> None:
        if self.bar is not None:
            self.bar.update(files)
            self.bar.set_postfix_str(PROGRESS["counts"].format(**_counts(summary)), refresh=False)

    def committed(self, summary: Summary) -> None:
        if self.bar is None:
            print(PROGRESS["line"].format(done=summary.files, total=self.total or "?", **_counts(summary)),
                  file=self.stream, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _counts(summary: Summary) -> dict:
    return {"read": summary.read, "failed": summary.failed, "skipped": summary.skipped}


def _crashed(item: Item, options: Options) -> dict[str, pa.Table]:
    """The rows of a file whose reading killed its worker process, alone in the pool.

    Why it died is asked of a fresh worker process with the pool's own bounds (``_alone``: the same
    address space beyond its own, the same CPU-time budget), so that a file over them is recorded
    as ``timeout`` or ``out_of_memory`` exactly as a worker that survived would have recorded it.
    (Before, the core's isolated reader was asked, with an absolute memory bound and a wall-clock
    deadline that included its process's start: the same file came out ``timeout`` or
    ``out_of_memory`` depending on the load.) One that reads there (the crash was elsewhere), or
    whose second worker dies too without a sign of either bound, is recorded as ``worker_crashed``."""
    from .extract import Archives, missing_id, read_item

    report_id = missing_id(item.label)
    files = {"seq": [], "path": [], "fingerprint": [], "report_id": []}
    code, message, detail = "worker_crashed", ERRORS["worker_crashed"], f"{item.label}: the worker process died"
    archives = Archives()
    try:
        data = read_item(item, archives, options)
    except Exception:  # unreadable now: recorded as the crash it was
        data = None
    finally:
        archives.close()
    if data is not None:
        report_id = hashlib.sha256(data).hexdigest()
        files = {"seq": [0], "path": [item.label], "fingerprint": [item.fingerprint], "report_id": [report_id]}
        found = _alone(item, options)
        if found is not None:
            code, message, detail = found
    out = {name: schema.empty_table() for name, schema in SCHEMAS.items()}
    row = dict.fromkeys(SCHEMAS["reports"].names)
    row.update(seq=0, report_id=report_id, path=item.label, error_code=code, error_message=message,
               error_detail=detail)
    out["reports"] = pa.Table.from_pylist([row], schema=SCHEMAS["reports"])
    out["files"] = pa.table(files, schema=SCHEMAS["files"])
    return out


# A second worker's wall-clock time for one file, beyond which it is killed (its CPU-time budget
# decides first; this bounds a reader that waits without using CPU, as LibreOffice's children).
ALONE_SECONDS = 30.0


def _alone(item: Item, options: Options) -> tuple[str, str, str] | None:
    """(code, message, detail) of ``timeout`` or ``out_of_memory`` for a file read by a fresh worker
    process under the pool's bounds, or None when it read the file or died of something else.

    A worker killed by the kernel for its CPU time (``RLIMIT_CPU``: SIGXCPU, or SIGKILL at the hard
    limit) is the time budget; one ended by another signal under its address-space limit is a C
    library failing an allocation it could not report, as the core's isolated reader reads it."""
    import multiprocessing
    import signal as signals

    from ..report import ReportError
    from ..report.messages import size_text

    context = multiprocessing.get_context("forkserver")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_alone_child, args=(sender, item, options), name="gongkai-retry", daemon=True)
    name = os.path.basename(item.member or item.path) or item.label
    try:
        child.start()
        sender.close()
        if receiver.poll(max(ALONE_SECONDS, 4 * options.seconds)):
            try:
                code, message, detail = receiver.recv()
            except (EOFError, OSError):  # died: its exit code says why
                code = None
            else:
                return (code, message, detail) if code in ("timeout", "out_of_memory") else None
        else:
            child.kill()
        child.join()
        if child.exitcode in (-signals.SIGXCPU, -signals.SIGKILL) or child.exitcode is None:
            exc = ReportError("timeout", f"{item.label}: killed for its CPU time ({child.exitcode}) in a second "
                              f"worker, budget {options.seconds:g}s", name=name, seconds=options.seconds)
        elif child.exitcode is not None and child.exitcode < 0:
            exc = ReportError("out_of_memory", f"{item.label}: a second worker ended by signal {-child.exitcode} "
                              f"(limit {options.memory_bytes} bytes)", name=name,
                              limit=size_text(options.memory_bytes))
        else:
            return None
        return exc.code, exc.message, exc.detail
    finally:
        if child.is_alive():
            child.kill()
            child.join()
        receiver.close()


def _alone_child(sender, item: Item, options: Options) -> None:
    """In the second worker: the file read as the pool's worker reads it; its reports row's error."""
    tables = bounded_chunk([item], options)
    row = tables["reports"].to_pylist()[0]
    sender.send((row["error_code"], row["error_message"], row["error_detail"]))
    sender.close()


# What a task tells its worker of the contents read before: (epoch, start, [(size, sha256), ...]),
# the entries of the importing process's log from ``start`` on (see ``_Seen``).
Delta = tuple[int, int, tuple[tuple[int, str], ...]]


class _Seen:
    """Contents (sha256, with their byte size) read before, so that a worker can hash a file and skip
    parsing a content read before (a mirror folder, a copy inside an archive): those of this run's
    finished files and, when the store held files before the run, those the store holds of the
    sizes about to be read.

    Why a log and deltas: every worker keeps what it was told (``_WorkerSeen``), and a task carries
    only the log's entries from the lowest position any worker has acknowledged. Before, each task
    carried every content of its files' sizes, which grew with the run (many reports of one size:
    tens of thousands of hashes pickled per chunk, most of the 64 s of "submit" in the 100,000
    benchmark, and as much again unpickled by the workers). A worker that missed entries (a new
    worker after a restart, one that got no task for a while) only parses a copy again, which the
    commit drops as before.

    Bounded: beyond ``LIMIT`` entries the log starts again (a new epoch: the workers forget theirs
    too); a content seen again after that is parsed and then dropped by the commit, as before; a
    twin still in flight is not known either.
    """

    LIMIT = 200_000

    def __init__(self, con) -> None:
        self.con = con
        self.log: list[tuple[int, str]] = []
        self.logged: set[str] = set()
        self.epoch = 0
        self.acked: dict = {}  # worker → how much of this epoch's log it holds
        self.stored = bool(con.execute("SELECT count(*) FROM (SELECT 1 FROM files LIMIT 1)").fetchall()[0][0])

    def _remember(self, size: int, report_id: str) -> None:
        if report_id in self.logged:
            return
        if len(self.log) >= self.LIMIT:
            self.log, self.logged, self.acked = [], set(), {}
            self.epoch += 1
        self.log.append((size, report_id))
        self.logged.add(report_id)

    def add(self, files: pa.Table) -> None:
        for fingerprint, report_id in zip(files["fingerprint"].to_pylist(), files["report_id"].to_pylist(),
                                          strict=True):
            size = store.size_of(fingerprint)
            if size is not None:
                self._remember(size, report_id)

    def in_store(self, items: list[Item]) -> dict[int, set[str]]:
        if not self.stored:
            return {}
        return store.contents_by_size(self.con, {s for i in items if (s := store.size_of(i.fingerprint)) is not None})

    def delta(self, stored: dict[int, set[str]] | None = None) -> Delta:
        """What the next task carries: the log from the lowest position a worker acknowledged."""
        for size, ids in sorted((stored or {}).items()):
            for report_id in sorted(ids):
                self._remember(size, report_id)
        start = min(self.acked.values(), default=0)
        return self.epoch, start, tuple(self.log[start:])

    def ack(self, worker, epoch: int, upto: int) -> None:
        if epoch == self.epoch:
            self.acked[worker] = upto

    def restarted(self) -> None:
        """The pool's workers were replaced: the new ones know nothing yet."""
        self.acked = {}


class _WorkerSeen:
    """A worker process's side of ``_Seen``: the contents it was told of, by size, and how far into
    the importing process's log it holds them all (a Dask worker's threads share it: a lock)."""

    def __init__(self) -> None:
        import threading

        self.lock = threading.Lock()
        self.epoch = 0
        self.upto = 0
        self.by_size: dict[int, set[str]] = {}

    def update(self, delta: Delta) -> tuple[int, int]:
        epoch, start, entries = delta
        with self.lock:
            if epoch != self.epoch:
                self.epoch, self.upto, self.by_size = epoch, 0, {}
            for size, report_id in entries:
                self.by_size.setdefault(size, set()).add(report_id)
            if start <= self.upto:  # no gap: it now holds the log up to the delta's end
                self.upto = max(self.upto, start + len(entries))
            return self.epoch, self.upto

    def known(self, chunk: list[Item]) -> frozenset[str]:
        with self.lock:
            sizes = {store.size_of(item.fingerprint) for item in chunk}
            return frozenset().union(*(self.by_size.get(size, ()) for size in sizes))


_WORKER_SEEN = _WorkerSeen()


def _task(chunk: list[Item], options: Options, delta: Delta, bounded: bool):
    """What a worker runs for one chunk: the contents read before updated from ``delta``, the chunk
    read (``bounded_chunk`` in a local pool's process, ``process_chunk`` in a Dask worker's thread).
    Returns (worker, epoch, position acknowledged, the chunk's tables)."""
    import socket

    epoch, upto = _WORKER_SEEN.update(delta)
    known = _WORKER_SEEN.known(chunk)
    tables = bounded_chunk(chunk, options, known) if bounded else process_chunk(chunk, options, known)
    return (socket.gethostname(), os.getpid()), epoch, upto, tables


class _Batch:
    """Finished chunks waiting for their transaction."""

    def __init__(self) -> None:
        self.results: list[dict[str, pa.Table]] = []
        self.files = 0
        self.since = time.monotonic()

    def add(self, result: dict[str, pa.Table]) -> None:
        self.results.append(result)
        self.files += result["reports"].num_rows

    def due(self) -> bool:
        return self.files >= BATCH_FILES or (self.results and time.monotonic() - self.since >= BATCH_SECONDS)


def _existing(con, results: list[dict[str, pa.Table]]) -> set[str]:
    ids = pa.concat_tables([r["reports"].select(["report_id"]) for r in results])
    con.register("ids", ids)
    try:
        return {row[0] for row in con.execute(
            "SELECT DISTINCT f.report_id FROM files f JOIN ids USING (report_id)").fetchall()}
    finally:
        con.unregister("ids")


def _commit(con, batch: _Batch, summary: Summary) -> None:
    """Write a batch: contents already stored (or twice in this batch) keep only their ``files`` row."""
    if not batch.results:
        return
    started, cpu = time.perf_counter(), time.thread_time()
    existing = _existing(con, batch.results)
    seen: set[str] = set()
    tables: dict[str, list[pa.Table]] = {name: [] for name in SCHEMAS}
    for result in batch.results:
        reports = result["reports"]
        keep = []
        for seq, report_id, error in zip(reports["seq"].to_pylist(), reports["report_id"].to_pylist(),
                                         reports["error_code"].to_pylist(), strict=True):
            if error == DUPLICATE or report_id in existing or report_id in seen:
                summary.skipped += 1
                summary.copies += error == DUPLICATE
                continue
            seen.add(report_id)
            keep.append(seq)
            if error is None:
                summary.read += 1
            elif error == "not_a_report":
                summary.not_reports += 1
            else:
                summary.failed += 1
        whole = len(keep) == reports.num_rows  # the usual case: nothing of the chunk to drop
        mask = None if whole else pa.array(keep, type=pa.int32())
        for name, table in result.items():
            if name != "files" and mask is not None:
                table = table.filter(pc.is_in(table["seq"], value_set=mask))
            tables[name].append(table.drop_columns(["seq"]))
    store.write_batch(con, {name: pa.concat_tables(parts) for name, parts in tables.items()})
    summary.timed("commit", started, cpu)
    summary.batches += 1
    batch.results, batch.files, batch.since = [], 0, time.monotonic()


Task = tuple[list[Item], dict[int, set[str]]]  # a chunk and the stored contents of its files' sizes


def _run_tasks(con, pool, tasks: Iterator[Task], options: Options, summary: Summary, progress: _Progress,
               seen: _Seen) -> None:
    batch = _Batch()
    pending: dict = {}
    limit = max(2, pool.jobs * IN_FLIGHT)
    retry: list[Item] = []

    def submit(chunk: list[Item], stored: dict[int, set[str]] | None = None) -> None:
        try:
            pending[pool.submit(chunk, options, seen.delta(stored))] = chunk
        except BrokenProcessPool:
            # The pool broke (a worker died) before any future of it said so. Its files are retried
            # like those of the futures it took down; with none in flight, nothing else restarts it.
            retry[:0] = chunk
            if not pending:
                pool.restart()
                seen.restarted()

    def fill() -> None:
        # After a worker died, the files of the chunks it took down are retried one at a time, alone
        # in the pool, so that the one that kills its worker again is known and recorded.
        while True:
            if retry:
                if pending:
                    return
                submit([retry.pop(0)])
                continue
            if len(pending) >= limit:
                return
            started = time.perf_counter()
            task = next(tasks, None)  # discovery of the files and the store's look-ups
            summary.timed("discover", started)
            if task is None:
                return
            started, cpu = time.perf_counter(), time.thread_time()
            submit(*task)
            summary.timed("submit", started, cpu)

    fill()
    while pending:
        started = time.perf_counter()
        done = pool.wait(pending.keys())
        summary.timed("waiting", started)
        for future in done:
            chunk = pending.pop(future)
            try:
                worker, epoch, upto, result = future.result()
                seen.ack(worker, epoch, upto)
            except BrokenProcessPool:
                pool.restart()
                seen.restarted()
                if len(chunk) == 1 and not pending:
                    result = _crashed(chunk[0], options)
                else:
                    retry.extend(chunk)
                    for other in list(pending):
                        retry.extend(pending.pop(other))
                    break
            except Exception:  # raised in the worker outside any one file's reading
                if len(chunk) > 1:
                    retry.extend(chunk)
                    continue
                result = _crashed(chunk[0], options)
            started, cpu = time.perf_counter(), time.thread_time()
            batch.add(result)
            seen.add(result["files"])
            summary.timed("results", started, cpu)
            summary.files += result["reports"].num_rows
            progress.advance(summary, result["reports"].num_rows)
        if batch.due():
            _commit(con, batch, summary)
            progress.committed(summary)
        fill()
    _commit(con, batch, summary)
    progress.committed(summary)


def _fresh(con, items: Iterable[Item], summary: Summary, progress: _Progress, seen: _Seen) -> Iterator[Task]:
    """Chunks of the items the store does not hold yet (same path, same fingerprint), each with the
    stored contents of its sizes."""
    for group in chunks(items, CHUNK * 16):  # one look-up in the store per 16 tasks
        started = time.perf_counter()
        # Into a store that held no file when the run began, only a path given twice in this run can
        # be stored already: read again, it is a copy of itself, and the commit keeps one ``files`` row.
        # (Each look-up joins the whole ``files`` table: 2.7 s of a 100,000-file import.)
        have = store.known(con, group) if seen.stored else set()
        todo = [i for i in group if (i.label, i.fingerprint) not in have]
        skipped = len(group) - len(todo)
        if skipped:
            summary.files += skipped
            summary.skipped += skipped
            progress.advance(summary, skipped)
        stored = seen.in_store(todo)
        summary.timed("lookups", started)
        for chunk in chunks(todo, CHUNK):
            yield chunk, stored


def inputs(paths: Iterable[str], files_from: str | None, db: str) -> Callable[[], Iterator[Item]]:
    """A way to walk the inputs (twice when a progress bar needs the total first)."""
    paths = list(paths)
    exclude = (db, db + ".wal")

    def walk() -> Iterator[Item]:
        listed = discover.listed(files_from) if files_from else ()
        return discover.items(itertools.chain(paths, listed), exclude)

    return walk


def _give_back_memory() -> None:
    """Return to the system what the appends freed but the allocators keep (the workers' Arrow
    tables in Arrow's pool, Python's and DuckDB's in glibc's heap), so that the checks start from
    the process's live memory rather than from the appends' high-water mark."""
    import contextlib
    import ctypes
    import gc

    gc.collect()
    pa.default_memory_pool().release_unused()
    # The C library already loaded (``ctypes.util.find_library`` would fork this process); one
    # without malloc_trim (musl) has nothing to return.
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None).malloc_trim(0)


def import_corpus(paths: Iterable[str], db: str, *, files_from: str | None = None, jobs: int | None = None,
                  scheduler: str | None = None, options: Options | None = None, stream=None,
                  show_progress: bool | None = None, roster: str | None = None,
                  deadlines: dict[str, tuple[int, int]] | None = None) -> Summary:
    """Import every report under ``paths`` (and listed in ``files_from``) into the store ``db``.

    ``roster`` and ``deadlines`` (level → (month, day)) replace the stored ones for the corpus check
    that ends the import; None keeps those of the last run."""
    from . import checks

    began = time.perf_counter()
    options = options or Options()
    stream = stream or sys.stderr
    walk = inputs(paths, files_from, db)
    if show_progress is None:
        show_progress = stream.isatty()
    total = sum(1 for _ in walk()) if show_progress else None
    pool = _DaskPool(scheduler) if scheduler else _LocalPool(jobs or os.cpu_count() or 1)
    summary = Summary()
    con = store.connect(db)  # DuckDB's memory bounded there, for the appends and the checks alike
    # Appends of a few thousand rows gain nothing from DuckDB's threads, which take CPU from the
    # workers (one thread: ~0.3 ms of the importing process per report appended, ~0.45 with two).
    con.execute("SET threads = 1")
    con.execute(f"SET checkpoint_threshold = '{IMPORT_CHECKPOINT}'")
    # DuckDB's blocks from memory it allocates once and keeps, up to its limit: otherwise each block
    # given back and allocated again is fresh pages, faulted in by the kernel (appends of 100,000
    # generated reports replayed: 1.38 million page faults and 4.2 s of system time, 0.64 million and
    # 2.4 s so). The appending connection only: closing it gives the memory back before the checks.
    con.execute(f"SET block_allocator_memory = '{store.MEMORY_LIMIT}'")
    store.refresh_signatures(con)
    progress = _Progress(total, stream)
    seen = _Seen(con)
    try:
        _run_tasks(con, pool, _fresh(con, walk(), summary, progress, seen), options, summary, progress, seen)
    finally:
        progress.close()
        pool.close()
    # The checks on a connection of their own: closing the appending one checkpoints the log and gives
    # back what DuckDB held for the appends (its buffers at the memory limit, the write-ahead log's
    # pages), which the checks would otherwise add to (100,000 reports: 631 MB in the checks).
    del seen  # the contents read this run (100,000 hashes), of no use to the checks
    started = time.perf_counter()
    con.close()
    _give_back_memory()
    con = store.connect(db)
    summary.timed("reopen", started)
    summary.checks = checks.run(con, roster, deadlines=deadlines, timings=summary.phases)
    started = time.perf_counter()
    con.close()  # the last checkpoint
    summary.timed("close", started)
    summary.seconds = time.perf_counter() - began
    return summary

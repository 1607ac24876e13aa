"""Benchmark: `gongkai corpus import` end to end (discover, read, parse, check, MinHash, DuckDB,
corpus checks) on generated reports, on one core and on all cores, with peak memory.

The reports are the five seeds with changed numbers and re-spaced layouts (as bench.parse_text),
each made distinct by its own index line and its own agency, plus a share of DOCX and PDF rendered by
the project's renderer (``--docx``/``--pdf`` per thousand). Each text report has narrative of its own
(the seed's own sentences of sections 一 and 五 replaced by random text of the same length), except a
share ``--copied`` per thousand that keep the seed's word for word: the 雷同 a real corpus has, in
clusters of thousands, the worst case of the copy detection. Their tables get numbers of their own
that add up as a real report's do (section 二 free, 三 and 四 by the sums and the balance), except a
share ``--inconsistent`` per thousand whose blank-or-zero figures are drawn at random, so that
their rows, columns and balance do not add up: real reports mostly do (the 74 real texts of the
test data: 1.6 findings a report, none of them a sum), and a corpus whose every report broke ten
sums would measure the findings' storage, not the reading. Run with `make bench`; prints numbers,
asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import shutil
import tempfile
import threading
import time
from pathlib import Path

from bench.corpus_data import narrative, rendered, report
from bench.machine import print_reference
from gongkai.corpus import import_corpus
from gongkai.corpus import narrative as narratives
from gongkai.report import parse_file, schema

SEEDS = sorted((Path(__file__).resolve().parent.parent / "tests" / "data" / "seeds").glob("*.txt"))


# Common characters for the random narrative: 5-grams of random text almost never recur.
_CHARS = ("的一是在不了有和人这中大为上个国以要时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而"
          "方后多定行学法所民得经三之进着等部度家电力里如水化高自理起小物现实加量都两体制机当使点从业本去把性好应开")


def _own_sentences(path: Path, text: str) -> list[str]:
    """The seed's own sentences of sections 一 and 五 that its text holds as they are."""
    report = parse_file(str(path))
    found = [s for n in (1, 5) if n in report.sections for s in narratives.sentences(report.sections[n].text)]
    return [s for s in found if len(s) >= 8 and s in text]


def _own_narrative(text: str, sentences: list[str], rng: random.Random) -> str:
    for sentence in sentences:
        body = "".join(rng.choice(_CHARS) for _ in range(len(sentence) - 1))
        text = text.replace(sentence, body + sentence[-1], 1)
    return text


def _cell_lines(path: Path, text: str) -> dict[tuple[str, str, str], int]:
    """The seed's cells printed alone on a line, by (table, row, column): 0-based line numbers of
    ``text``. Seeds that print a table row on one line have none, and keep the seed's figures."""
    lines = text.split("\n")
    report = parse_file(str(path))
    found: dict[tuple[str, str, str], int] = {}
    taken: dict[int, int] = {}
    for table in report.tables():
        for row, cells in table.rows.items():
            for col, cell in cells.items():
                line = cell.where.line if cell.where else None
                if line is not None and cell.raw is not None and lines[line - 1].strip() == cell.raw.strip():
                    found[(table.spec.key, row, col)] = line - 1
                    taken[line - 1] = taken.get(line - 1, 0) + 1
    return {key: line for key, line in found.items() if taken[line] == 1}


def _figures(rng: random.Random) -> dict[tuple[str, str, str], int]:
    """Figures of the three tables that add up as a real report's: each applicant's new and carried
    cases closed (mostly granted, some other outcomes) or carried out, totals the sums of the parts."""
    out: dict[tuple[str, str, str], int] = {}
    tables = {t.key: t for t in schema.FORMAT_2021.tables}
    for row in tables["proactive"].rows:
        for column in row.columns:
            out[("proactive", row.key, column.key)] = rng.choice((0, 0, rng.randint(0, 30)))
    apps = tables["applications"]
    others = [row.key for row in apps.rows if row.outcome and row.key != "granted"]
    columns = [c.key for c in schema.APPLICANT_COLUMNS]
    values = {(row.key, c): 0 for row in apps.rows for c in columns}
    for c in columns[:-1]:
        new = rng.choice((0, rng.randint(0, 40)))
        carried_in = rng.randint(0, 2) if new else 0
        carried_out = rng.randint(0, min(2, new + carried_in))
        closed = new + carried_in - carried_out
        values[("new", c)], values[("carried_in", c)], values[("carried_out", c)] = new, carried_in, carried_out
        values[("total", c)] = closed
        for _ in range(rng.randint(0, min(3, closed))):
            values[(rng.choice(others), c)] += 1
        values[("granted", c)] = closed - sum(values[(r, c)] for r in others)
    for row in apps.rows:
        values[(row.key, "total")] = sum(values[(row.key, c)] for c in columns[:-1])
    out.update({("applications", r, c): v for (r, c), v in values.items()})
    for row in tables["appeals"].rows:
        parts = {c: rng.choice((0, 0, rng.randint(0, 3))) for c in schema.APPEAL_PARTS}
        out.update({("appeals", row.key, c): v for c, v in parts.items()})
        out[("appeals", row.key, "total")] = sum(parts.values())
    return out


def _with_figures(text: str, places: dict[tuple[str, str, str], int], figures: dict[tuple[str, str, str], int]) -> str:
    lines = text.split("\n")
    for key, line in places.items():
        if key in figures:
            old = lines[line]
            lines[line] = old[: len(old) - len(old.lstrip())] + str(figures[key])
    return "\n".join(lines)


def _name(i: int, kind: str) -> str:
    # In characters: the parser reads no issuer from a name of digits.
    return "基准" + "".join("甲乙丙丁戊己庚辛壬癸"[int(d)] for d in f"{i:06d}") + kind


def generate(folder: Path, count: int, docx_per_mille: int, pdf_per_mille: int, seed: int = 11,
             copied_per_mille: int = 50, inconsistent_per_mille: int = 100) -> dict[str, int]:
    rng = random.Random(seed)
    texts = []
    for p in SEEDS:
        text = p.read_text("utf-8")
        issuer = json.loads(p.with_name(p.name.replace(".txt", ".expected.json")).read_text("utf-8"))["issuer"]
        texts.append((text, issuer, _own_sentences(p, text), _cell_lines(p, text)))
    kinds = {"text": 0, "docx": 0, "pdf": 0}
    for i in range(count):
        sub = folder / f"{i // 1000:04d}"
        if i % 1000 == 0:
            sub.mkdir(parents=True, exist_ok=True)
        draw = rng.randrange(1000)
        if draw < docx_per_mille + pdf_per_mille:
            kind = "docx" if draw < docx_per_mille else "pdf"
            doc = report(_name(i % 997, "县人民政府"), 2021 + i % 3, new=rng.randint(0, 50),
                         carried_in=rng.randint(0, 3), sections=narrative(rng))
            (sub / f"{i:06d}.{kind}").write_bytes(rendered(doc, kind))
        else:
            kind = "text"
            text, issuer, own, places = rng.choice(texts)
            # Each text report its own agency (one report a year each, as a real corpus mostly is).
            if rng.randrange(1000) >= copied_per_mille:
                text = _own_narrative(text, own, rng)
            text = text.replace(issuer, _name(i, "乡人民政府"))
            if rng.randrange(1000) < inconsistent_per_mille:
                text = re.sub(r"(?m)^(\t?)0$", lambda m: m.group(1) + str(rng.randint(0, 30)), text)
            else:
                text = _with_figures(text, places, _figures(rng))
            if rng.random() < 0.3:
                text = text.replace("\t", "\t ")
            (sub / f"{i:06d}.txt").write_text(f"索引号：BENCH-{i:06d}\n{text}", "utf-8")
        kinds[kind] += 1
    return kinds


class _Descendants:
    """The largest resident set of any process below this one (the pool's workers run under the
    fork server, so ``RUSAGE_CHILDREN`` never sees them), sampled every half second.

    The descendants are found through ``/proc/PID/task/TID/children`` and only theirs are read
    (reading every process's status on a busy machine took the GIL from the importing process:
    ~20 % of its samples under py-spy); without that file, by every process's parent."""

    def __init__(self) -> None:
        self.peak_kb = 0
        self.own: list[tuple[float, int]] = []  # (time, this process's RSS in kB)
        self.stop = threading.Event()
        self.page_kb = resource.getpagesize() // 1024
        self.thread = threading.Thread(target=self._watch, daemon=True)
        self.thread.start()

    def _rss_kb(self, pid: int) -> int:
        try:
            with open(f"/proc/{pid}/statm", encoding="ascii") as fh:
                return int(fh.read().split()[1]) * self.page_kb
        except (OSError, ValueError, IndexError):
            return 0

    @staticmethod
    def _children(pid: int) -> list[int] | None:
        try:
            tasks = os.listdir(f"/proc/{pid}/task")
        except OSError:
            return []
        out: list[int] = []
        for task in tasks:
            try:
                with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as fh:
                    out.extend(int(x) for x in fh.read().split())
            except FileNotFoundError:
                return None  # a kernel without the file
            except (OSError, ValueError):
                continue
        return out

    def _below(self, me: int) -> list[int]:
        found, todo = [], [me]
        while todo:
            kids = self._children(todo.pop())
            if kids is None:
                return self._below_by_parent(me)
            found.extend(kids)
            todo.extend(kids)
        return found

    @staticmethod
    def _below_by_parent(me: int) -> list[int]:
        parents: dict[int, int] = {}
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as fh:
                    parents[int(entry)] = int(fh.read().rpartition(")")[2].split()[1])
            except (OSError, ValueError, IndexError):
                continue
        out = []
        for pid in parents:
            parent, seen = parents.get(pid), 0
            while parent and parent != me and seen < 10:
                parent, seen = parents.get(parent), seen + 1
            if parent == me:
                out.append(pid)
        return out

    def _watch(self) -> None:
        me = os.getpid()
        while not self.stop.wait(0.5):
            self.own.append((time.perf_counter(), self._rss_kb(me)))
            for pid in self._below(me):
                self.peak_kb = max(self.peak_kb, self._rss_kb(pid))

    def close(self) -> int:
        self.stop.set()
        self.thread.join()
        return self.peak_kb


def run(folder: Path, db: Path, jobs: int) -> float:
    if db.exists():
        db.unlink()
    watch = _Descendants()
    cpu = resource.getrusage(resource.RUSAGE_SELF)
    started = time.perf_counter()
    summary = import_corpus([str(folder)], str(db), jobs=jobs, show_progress=False,
                            stream=open(os.devnull, "w"))  # noqa: SIM115 - closed with the process
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_SELF)
    worker_mb = watch.close() / 1024
    importer_cpu = after.ru_utime + after.ru_stime - cpu.ru_utime - cpu.ru_stime
    print(f"  {jobs} worker(s): {summary.read:,} read, {summary.failed} failed in {seconds:.1f} s "
          f"= {summary.read / seconds:,.0f} reports/s ({summary.read / seconds / jobs:,.0f} per core); "
          f"corpus checks {summary.checks}", flush=True)
    checks_from = started + seconds - sum(v for k, v in summary.phases.items() if k.startswith("check."))
    appending = max((kb for t, kb in watch.own if t < checks_from), default=0) / 1024
    checking = max((kb for t, kb in watch.own if t >= checks_from), default=0) / 1024
    print(f"    importing process RSS: {appending:.0f} MB peak while appending, {checking:.0f} MB in the checks",
          flush=True)
    phases = ", ".join(f"{name} {value:.1f}" for name, value in summary.phases.items() if value >= 0.05)
    cpu_phases = ", ".join(f"{name} {value:.1f}" for name, value in summary.cpu.items())
    print(f"    importing process: {importer_cpu:.1f} s CPU ({importer_cpu / max(summary.read, 1) * 1000:.2f} ms "
          f"per report); phases (s): {phases}; largest worker {worker_mb:.0f} MB; load {os.getloadavg()[0]:.1f}",
          flush=True)
    print(f"    importing process's main thread, CPU s by phase: {cpu_phases}", flush=True)
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=100_000, help="reports in the full run (all cores)")
    parser.add_argument("--sample", type=int, default=4_000, help="reports for the 1 vs 2 worker speed-up")
    parser.add_argument("--docx", type=int, default=20, help="DOCX per thousand reports")
    parser.add_argument("--pdf", type=int, default=5, help="PDF per thousand reports")
    parser.add_argument("--copied", type=int, default=50, help="text reports per thousand that copy a seed's narrative")
    parser.add_argument("--folder", help="generate the full run's reports here and keep them (reused when present)")
    parser.add_argument("--inconsistent", type=int, default=100,
                        help="text reports per thousand whose tables do not add up (random figures)")
    parser.add_argument("--no-sample", action="store_true", help="skip the 1 vs 2 worker sample")
    args = parser.parse_args()
    print_reference()
    root = Path(tempfile.mkdtemp(prefix="gongkai-corpus-bench-"))
    try:
        if not args.no_sample:
            sample = root / "sample"
            generate(sample, args.sample, 0, 0, copied_per_mille=args.copied,
                     inconsistent_per_mille=args.inconsistent)
            print(f"speed-up on {args.sample:,} text reports:", flush=True)
            one = run(sample, root / "one.duckdb", 1)
            two = run(sample, root / "two.duckdb", 2)
            print(f"  speed-up from 1 to 2 workers: {one / two:.2f}x", flush=True)
        full = Path(args.folder) if args.folder else root / "full"
        started = time.perf_counter()
        if args.folder and full.exists():
            print(f"the {args.reports:,} reports generated before in {full}", flush=True)
        else:
            kinds = generate(full, args.reports, args.docx, args.pdf, seed=12, copied_per_mille=args.copied,
                             inconsistent_per_mille=args.inconsistent)
            print(f"generated {args.reports:,} reports {kinds} in {time.perf_counter() - started:.0f} s", flush=True)
        cores = os.cpu_count() or 1
        print(f"full import on all {cores} cores:", flush=True)
        seconds = run(full, root / "full.duckdb", cores)
        self_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        child_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        size = (root / "full.duckdb").stat().st_size / 1e6
        print(f"  total {seconds:.1f} s; peak RSS: importing process {self_rss:.0f} MB (the bench's whole run), "
              f"reaped children {child_rss:.0f} MB; database {size:.0f} MB", flush=True)
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()

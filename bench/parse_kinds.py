"""Benchmark: reports parsed per second and peak memory, per input kind (text, HTML, DOCX, PDF).

Each kind runs in its own process so that its peak RSS is its own. Inputs: the seeds as text; the
seeds' hand-written values as official-layout HTML; the committed LibreOffice DOCX and PDF
fixtures (tests/data/rebuilt, tests/data/pdf; the 6-page seed 000 PDF among them).
Run with `make bench`. Prints numbers; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

from bench.machine import print_reference

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"


def inputs(kind: str) -> list[bytes]:
    if kind == "text":
        return [p.read_bytes() for p in sorted((DATA / "seeds").glob("*.txt"))]
    if kind == "html":
        sys.path.insert(0, str(ROOT))
        from tests.official_html import report_html

        return [report_html(json.loads(p.read_text("utf-8")), portal=True).encode("utf-8")
                for p in sorted((DATA / "seeds").glob("*.expected.json"))]
    if kind == "pdf6":  # the yardstick: one 6-page report converted from Word by LibreOffice
        return [(DATA / "pdf" / "seed000_libreoffice.pdf").read_bytes()]
    files = sorted((DATA / "rebuilt").glob(f"*.{kind}")) + sorted((DATA / "pdf").glob(f"*.{kind}"))
    return [p.read_bytes() for p in files if "encrypted" not in p.name]


def run_kind(kind: str, seconds: float, isolated: bool = False) -> None:
    """``isolated``: each report read as the command line reads files from outside, in the bounded
    child process (``Limits(isolate=True)``); the CPU figure is then the parent's alone."""
    from gongkai.report import check, parse_bytes
    from gongkai.report.source import DEFAULT_LIMITS, UNTRUSTED

    limits = UNTRUSTED if isolated else DEFAULT_LIMITS
    docs = inputs(kind)
    for d in docs:
        check(parse_bytes(d, "bench", limits))  # warm up imports and caches (and start the fork server)
    count = 0
    started = time.perf_counter()
    cpu = time.process_time()
    while time.perf_counter() - started < seconds:
        for d in docs:
            check(parse_bytes(d, "bench", limits))
            count += 1
    wall = time.perf_counter() - started
    cpu = time.process_time() - cpu
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    size = sum(len(d) for d in docs) / len(docs) / 1024
    label = f"{kind}+child" if isolated else kind
    print(f"{label:11s} {count:6d} reports in {wall:5.2f} s ({cpu:5.2f} s CPU): {count / wall:8.1f} reports/s; "
          f"mean input {size:6.1f} KB; peak RSS {rss:5.0f} MB", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--kind", choices=["text", "html", "docx", "pdf", "pdf6"])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--isolated", action="store_true", help="read each file in the bounded child process")
    args = parser.parse_args()
    if args.kind:
        run_kind(args.kind, args.seconds, args.isolated)
        return
    print_reference()
    for kind in ("text", "html", "docx", "pdf", "pdf6"):
        subprocess.run([sys.executable, "-m", "bench.parse_kinds", "--kind", kind, "--seconds", str(args.seconds)],
                       check=True, cwd=ROOT)
    # What isolation costs: the same inputs, each in its own child process (as `gongkai parse` reads).
    for kind in ("text", "docx", "pdf6"):
        subprocess.run([sys.executable, "-m", "bench.parse_kinds", "--kind", kind, "--seconds", str(args.seconds),
                        "--isolated"], check=True, cwd=ROOT)


if __name__ == "__main__":
    main()

"""Benchmark: OCR pages per second on one core, and the reader's peak memory.

The scan is the project's own rendered report (the distinct-values report, all four pages)
rasterised at 200 dpi, turned, speckled and JPEG-compressed, as an image-only PDF (tests/ocr_scans.py).
The process is pinned to one core and the engine to one thread. Run with `make bench`. Prints
numbers; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from tests import ocr_scans

from gongkai.report import Limits, parse_bytes, report_json

from .machine import print_reference


def _scan(dpi: int) -> tuple[bytes, int]:
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "report.pdf"
        source.write_bytes(ocr_scans.rendered_pdf())
        subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", str(source), f"{tmp}/page"], check=True)
        pages = [ocr_scans.scanned(p.read_bytes(), (-1.5, 1.0)[i % 2], seed=i)
                 for i, p in enumerate(sorted(Path(tmp).glob("page-*.png")))]
    return ocr_scans.as_pdf(pages, dpi), len(pages)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dpi", type=int, default=200)
    args = parser.parse_args()
    print_reference()
    if shutil.which("pdftoppm") is None:
        print("ocr: pdftoppm (poppler-utils) is not installed; skipped")
        return
    os.environ["GONGKAI_OCR_THREADS"] = "1"
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    data, pages = _scan(args.dpi)
    limits = Limits(seconds=3600)
    started = time.perf_counter()
    got = report_json(parse_bytes(data, "scan.pdf", limits))
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"ocr: {pages} pages at {args.dpi} dpi in {seconds:.1f} s on one core: {pages / seconds:.2f} pages/s "
          f"(engine loading included); peak memory {peak:.0f} MB; issuer read: {got['issuer']!r}", flush=True)


if __name__ == "__main__":
    main()

"""Benchmark: reports rendered per second, per output kind (DOCX, HTML, Markdown, PDF).

The reports are the five seeds as parsed, plus variants with their numbers changed, so that no
two renders are alike. Rendering includes the validation gate (``allow_errors`` is set so that
seeds with findings still render). Run with `make bench`. Prints numbers; asserts nothing.
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

from gongkai.report import document_json, parse_file, render

SEEDS = sorted((Path(__file__).resolve().parent.parent / "tests" / "data" / "seeds").glob("*.txt"))
KINDS = ("md", "html", "docx", "pdf")


def corpus(size: int, seed: int = 11) -> list[dict]:
    rng = random.Random(seed)
    base = [document_json(parse_file(str(p))) for p in SEEDS]
    out = []
    while len(out) < size:
        obj = rng.choice(base)
        obj = {**obj, "applications": {row: {col: (rng.randint(0, 5000) if v is not None else None)
                                             for col, v in cells.items()}
                                       for row, cells in (obj["applications"] or {}).items()}}
        out.append(obj)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=100)
    args = parser.parse_args()
    reports = corpus(args.reports)
    for kind in KINDS:
        for obj in reports[:3]:
            render(obj, kind, allow_errors=True)  # warm imports and font registration
        started = time.perf_counter()
        cpu = time.process_time()
        size = 0
        for obj in reports:
            size += len(render(obj, kind, allow_errors=True))
        wall = time.perf_counter() - started
        cpu = time.process_time() - cpu
        print(f"render {kind:5s} {len(reports)} reports in {wall:.2f} s wall, {cpu:.2f} s CPU: "
              f"{len(reports) / wall:,.1f} renders/s, {size / len(reports) / 1024:.0f} KB per file")


if __name__ == "__main__":
    main()

"""Benchmark: text reports parsed (and checked) per second, and peak memory.

The corpus is built from the five seeds: each seed as published, plus variants whose numbers
are changed and whose layout is re-spaced, so the parser cannot lean on identical input.
Run with `make bench`. Prints numbers; asserts nothing.

``--instructions SET ROUNDS`` is for counting instructions (times on a shared machine are noisy):
it parses and checks a fixed set once as a warm-up (25 seed variants, the 69 corpus openings and
25 generated reports, ``bench`` below),
then ROUNDS more times the one named, and prints nothing. Run it under callgrind with ROUNDS 0 and 2;
the difference divided by 2 × the set's size is the cost of one report:

    valgrind --tool=callgrind --callgrind-out-file=/tmp/n.cg .venv/bin/python -m bench.parse_text \
        --instructions seeds 2        # "Collected : N"; again with 0 for the warm-up alone

``--worker`` counts a corpus worker's whole cost instead (``corpus.extract.process_chunk``: reading
the file, the SHA-256, parse, check and the extraction into Arrow columns), over the same sets plus
``bench`` (25 text reports of ``bench.corpus.generate``: seed tables, narrative of their own). The
counted rounds run inside ``functools.reduce``, so callgrind can count them alone:

    valgrind --tool=callgrind --collect-atstart=no --toggle-collect=functools_reduce \
        .venv/bin/python -m bench.parse_text --instructions bench 2 --worker   # N / (2 × 25)
"""

from __future__ import annotations

import argparse
import functools
import random
import re
import resource
import tempfile
import time
import tracemalloc
from pathlib import Path

from bench.machine import print_reference
from gongkai.report import check, parse_bytes

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
SEEDS = sorted((DATA / "seeds").glob("*.txt"))
# The real page openings of tests/data/corpus, repeated as they are (their layouts vary enough).
CORPUS = sorted((DATA / "corpus").glob("*.txt"))


def corpus(size: int, seed: int = 7) -> list[bytes]:
    rng = random.Random(seed)
    texts = [p.read_text("utf-8") for p in SEEDS]
    out: list[bytes] = []
    while len(out) < size:
        text = rng.choice(texts)
        if rng.random() < 0.8:
            text = re.sub(r"(?m)^(\t?)0$", lambda m: m.group(1) + str(rng.randint(0, 30)), text)
        if rng.random() < 0.3:
            text = text.replace("\t", "\t ")
        out.append(text.encode("gb18030" if rng.random() < 0.2 else "utf-8"))
    return out


def real(size: int) -> list[bytes]:
    texts = [p.read_bytes() for p in CORPUS]
    return [texts[i % len(texts)] for i in range(size)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=3000)
    parser.add_argument("--instructions", nargs=2, metavar=("SET", "ROUNDS"))
    parser.add_argument("--worker", action="store_true",
                        help="with --instructions: the corpus worker's whole cost (process_chunk)")
    args = parser.parse_args()
    if args.instructions and args.worker:
        _worker(args.instructions[0], int(args.instructions[1]))
        return
    if args.instructions:
        _fixed(args.instructions[0], int(args.instructions[1]))
        return
    print_reference()
    for name, docs in (("seeds", corpus(args.reports)), ("corpus", real(args.reports))):
        _measure(name, docs)


def _generated(count: int) -> list[bytes]:
    """``count`` text reports of ``bench.corpus.generate`` (seed tables, narrative of their own)."""
    from bench.corpus import generate

    with tempfile.TemporaryDirectory() as tmp:
        generate(Path(tmp), count, 0, 0)
        return [p.read_bytes() for p in sorted(Path(tmp).rglob("*.txt"))]


def _fixed(which: str, rounds: int) -> None:
    sets = {"seeds": corpus(25), "corpus": real(len(CORPUS)), "bench": _generated(25)}
    for docs in sets.values():
        for d in docs:
            check(parse_bytes(d, "bench.txt"))
    # In functools.reduce, so that callgrind can also count the rounds alone (``--worker`` below).
    functools.reduce(lambda _, __: [check(parse_bytes(d, "bench.txt")) for d in sets[which]], range(rounds), None)


def _worker(which: str, rounds: int) -> None:
    from bench.corpus import generate
    from gongkai.corpus.extract import Item, Options, process_chunk

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        sets: dict[str, list[Item]] = {}
        for name, docs in (("seeds", corpus(25)), ("corpus", real(len(CORPUS)))):
            (folder / name).mkdir()
            for i, d in enumerate(docs):
                (folder / name / f"{i:03d}.txt").write_bytes(d)
        generate(folder / "bench", 25, 0, 0)
        for name in ("seeds", "corpus", "bench"):
            paths = sorted((folder / name).rglob("*.txt"))
            sets[name] = [Item(str(p), None, str(i)) for i, p in enumerate(paths)]
        options = Options()
        for _ in range(2):  # warm-up: every set twice
            for items in sets.values():
                process_chunk(items, options)
        functools.reduce(lambda _, __: process_chunk(sets[which], options), range(rounds), None)


def _measure(name: str, docs: list[bytes]) -> None:
    total_bytes = sum(len(d) for d in docs)
    for label, work in (("parse", lambda d: parse_bytes(d, "bench.txt")),
                        ("parse+check", lambda d: check(parse_bytes(d, "bench.txt")))):
        for d in docs[:50]:
            work(d)  # warm caches
        started = time.perf_counter()
        cpu = time.process_time()
        for d in docs:
            work(d)
        wall = time.perf_counter() - started
        cpu = time.process_time() - cpu
        print(f"text {name:6s} {label:12s} {len(docs)} reports ({total_bytes / 1e6:.1f} MB) in {wall:.2f} s wall, "
              f"{cpu:.2f} s CPU: {len(docs) / wall:,.0f} reports/s ({total_bytes / 1e6 / wall:.1f} MB/s)")

    tracemalloc.start()
    for d in docs[:200]:
        check(parse_bytes(d, "bench.txt"))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{name}: peak traced memory while parsing one report at a time: {peak / 1e6:.1f} MB; "
          f"process max RSS {rss:.0f} MB")


if __name__ == "__main__":
    main()

"""Benchmark: text reports parsed (and checked) per second, and peak memory.

The corpus is built from the five seeds: each seed as published, plus variants whose numbers
are changed and whose layout is re-spaced, so the parser cannot lean on identical input.
Run with `make bench`. Prints numbers; asserts nothing.

``--instructions SET ROUNDS`` is for counting instructions (times on a shared machine are noisy):
it parses and checks a fixed set once as a warm-up (25 seed variants, and the 69 corpus openings),
then ROUNDS more times the one named, and prints nothing. Run it under callgrind with ROUNDS 0 and 2;
the difference divided by 2 × the set's size is the cost of one report:

    valgrind --tool=callgrind --callgrind-out-file=/tmp/n.cg .venv/bin/python -m bench.parse_text \
        --instructions seeds 2        # "Collected : N"; again with 0 for the warm-up alone
"""

from __future__ import annotations

import argparse
import random
import re
import resource
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
    args = parser.parse_args()
    if args.instructions:
        _fixed(args.instructions[0], int(args.instructions[1]))
        return
    print_reference()
    for name, docs in (("seeds", corpus(args.reports)), ("corpus", real(args.reports))):
        _measure(name, docs)


def _fixed(which: str, rounds: int) -> None:
    sets = {"seeds": corpus(25), "corpus": real(len(CORPUS))}
    for docs in sets.values():
        for d in docs:
            check(parse_bytes(d, "bench.txt"))
    for _ in range(rounds):
        for d in sets[which]:
            check(parse_bytes(d, "bench.txt"))


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

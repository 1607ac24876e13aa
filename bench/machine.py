"""The machine's speed at the time of a benchmark, so that figures from different hours compare.

The virtual machines this project is measured on drift by up to 2x within a day; every benchmark
prints this reference loop first, and figures are best compared as ratios to it.
"""

from __future__ import annotations

import timeit


def reference_loop_us() -> float:
    """Best of five: microseconds for ``for i in range(1000): d[i] = str(i)`` (as `python -m timeit`)."""
    timer = timeit.Timer("for i in range(1000): d[i] = str(i)", setup="d = {}")
    number = 2000
    return min(timer.repeat(repeat=5, number=number)) / number * 1e6


def print_reference() -> None:
    us = reference_loop_us()
    print(f"machine reference loop: {us:.0f} µs (lower is faster; 74 µs for the README figures)", flush=True)

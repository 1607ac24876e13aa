"""The importing process gives back what the appends freed before the corpus checks run: the
checks' memory is measured from the process's live memory, not from the appends' high-water mark."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = r"""
import pyarrow as pa
from gongkai.corpus.importer import _give_back_memory

def rss_mb():
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * 4096 // 2**20

# What a run of appends leaves: many workers' Arrow tables and Python rows, all freed.
tables = [pa.table({"id": pa.array([str(i) * 10 for i in range(2000)]), "n": pa.array(range(2000))})
          for _ in range(500)]
rows = [[str(i) * 5 for i in range(1000)] for _ in range(300)]
del tables, rows
freed = rss_mb()
_give_back_memory()
print(freed, rss_mb())
"""


def test_memory_freed_by_the_appends_is_returned_to_the_system_before_the_checks():
    out = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120, check=True)
    freed, after = map(int, out.stdout.split())
    assert after <= freed - 30, (freed, after)

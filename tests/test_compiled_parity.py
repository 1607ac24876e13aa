"""The parser with its three compiled loops (read/_text.c, parse/_segment.c, parse/_cells.c) gives
the same reports as the pure Python parser (GONGKAI_PURE_PYTHON=1, in a process of its own): the
whole JSON of the contract, with every cell's provenance and every finding, for every report of
the test data."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from gongkai.report import check, parse_file, report_json
from gongkai.report.parse import cells, segment
from gongkai.report.read import text

DATA = Path(__file__).resolve().parent / "data"
FILES = sorted(str(p) for p in DATA.rglob("*") if p.suffix in {".txt", ".md", ".docx", ".html", ".tsv"})

_DUMP = """
import json, sys
from gongkai.report import check, parse_file, report_json
from gongkai.report.parse import cells, segment
from gongkai.report.read import text
assert text.COMPILED is None and segment.COMPILED is None and cells.COMPILED is None
out = [report_json(check(parse_file(path)), provenance=True) for path in json.load(sys.stdin)]
json.dump(out, sys.stdout, ensure_ascii=False, sort_keys=True)
"""


def test_all_three_loops_are_compiled_here():
    assert text.COMPILED is not None and segment.COMPILED is not None and cells.COMPILED is not None


def test_every_report_of_the_test_data_is_read_the_same_compiled_and_in_pure_python():
    assert len(FILES) >= 80
    env = {**os.environ, "GONGKAI_PURE_PYTHON": "1"}
    done = subprocess.run([sys.executable, "-c", _DUMP], input=json.dumps(FILES), capture_output=True, text=True,
                          env=env, check=True, timeout=600)
    pure = json.loads(done.stdout)
    compiled = json.loads(json.dumps([report_json(check(parse_file(path)), provenance=True) for path in FILES],
                                     ensure_ascii=False, sort_keys=True))
    assert len(pure) == len(compiled) == len(FILES)
    different = [path for path, a, b in zip(FILES, pure, compiled, strict=True) if a != b]
    assert different == []
    # Not vacuous: the reports hold the cells both read.
    tables = [report[key] for report in compiled for key in ("proactive", "applications", "appeals") if report.get(key)]
    assert len(tables) > 100

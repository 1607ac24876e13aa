"""How well the parser reads the real reports: every hand-read cell compared with what it read.

``python -m tests.accuracy`` (``make accuracy``) prints the figure per file and per layout and lists
every wrong cell; the corpus test asserts the totals. The expected values were read by people
(tests/data/corpus/README.md); this module only compares.

A cell counts as right when the parser's value equals the hand-read one; a cell the reader marked
ambiguous is right when the parser leaves it blank *and* says it is ambiguous. Cells the parser
fills beyond what the text shows are counted separately as invented.
"""

from __future__ import annotations

import csv
import json
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from gongkai.report import parse_file, report_json, schema

DATA = Path(__file__).parent / "data"
CORPUS = DATA / "corpus"
SEEDS = DATA / "seeds"
TABLES = ("proactive", "applications", "appeals")


@dataclass
class FileScore:
    name: str
    layout: str
    cells: int = 0
    right: int = 0
    wrong: list[str] = field(default_factory=list)
    invented: list[str] = field(default_factory=list)
    format_right: bool | None = None  # None: the file shows no table
    issuer_right: bool | None = None  # None: the text does not name the issuer
    error: str | None = None


def expected_files() -> list[Path]:
    return sorted(CORPUS.glob("*.expected.json")) + sorted(SEEDS.glob("*.expected.json"))


def _layouts() -> dict[str, str]:
    with (CORPUS / "index.tsv").open(encoding="utf-8") as f:
        return {row["id"]: row["layout"] for row in csv.DictReader(f, delimiter="\t")}


def _same(a, b) -> bool:
    if a is None or b is None:
        return a is b
    return abs(float(a) - float(b)) < 1e-6


def _columns(expected: dict, table: str, row_key: str) -> list[str]:
    """The column keys of a row in the format the reader saw that row's block in."""
    fmt = (expected.get("block_formats") or {}).get(row_key) or (expected.get("table_formats") or {}).get(table)
    if fmt not in schema.FORMATS:
        fmt = expected.get("format")
    if fmt not in schema.FORMATS:
        return []
    spec = getattr(schema.FORMATS[fmt], table)
    return [c.key for c in spec.row(row_key).columns] if row_key in spec.row_index else []


def _issuer_key(text: str) -> str:
    return "".join(text.split()).replace("人民政府", "").replace("办事处", "")


def score_file(expected_path: Path, layouts: dict[str, str], text_path: Path | None = None) -> FileScore:
    """The file's score; ``text_path`` reads another text (a re-laid-out copy) against the same values."""
    name = expected_path.name.removesuffix(".expected.json")
    text_path = text_path or expected_path.with_name(name + ".txt")
    expected = json.loads(expected_path.read_text("utf-8"))
    layout = layouts.get(name, "seed" if expected_path.parent == SEEDS else "?")
    score = FileScore(name, layout)
    try:
        report = parse_file(str(text_path))
    except Exception as exc:
        score.error = f"{type(exc).__name__}: {exc}"
        report = None
    got = report_json(report) if report is not None else {}
    ambiguous_found = (
        {c for f in report.findings if f.rule == "ambiguous_cell" for c in f.cells} if report is not None else set()
    )
    ambiguous = set(expected.get("ambiguous", ()))
    any_table = False
    for table in TABLES:
        rows = expected.get(table) or {}
        have_table = got.get(table) or {}
        if expected.get(table) is not None:
            any_table = True
        for row_key, values in rows.items():
            have_row = have_table.get(row_key) or {}
            # By position: a row read in the other format's block (a mixed report) has other keys.
            columns = list(have_row) or _columns(expected, table, row_key) or [str(i) for i in range(len(values))]
            for i, want in enumerate(values):
                path = f"{table}.{row_key}.{columns[i] if i < len(columns) else i}"
                score.cells += 1
                have = have_row.get(columns[i]) if i < len(columns) else None
                # An ambiguous cell is right when left blank and reported as ambiguous.
                ok = (have is None and path in ambiguous_found) if path in ambiguous else _same(have, want)
                if ok:
                    score.right += 1
                else:
                    score.wrong.append(f"{path}: expected {want!r}, read {have!r}")
            for j, col in enumerate(have_row):
                if j >= len(values) and have_row[col] is not None:
                    score.invented.append(f"{table}.{row_key}.{col} = {have_row[col]!r}")
        for row_key, have_row in have_table.items():
            if row_key == "extra" or row_key in rows or not isinstance(have_row, dict):
                continue
            for col, value in have_row.items():
                if value is not None:
                    score.invented.append(f"{table}.{row_key}.{col} = {value!r}")
    if any_table:
        score.format_right = got.get("format") == expected["format"]
    if expected.get("issuer"):
        have = got.get("issuer") or ""
        want = expected["issuer"]
        score.issuer_right = bool(have) and (
            _issuer_key(want) in _issuer_key(have) or _issuer_key(have) in _issuer_key(want)
        )
    return score


def score_all() -> list[FileScore]:
    layouts = _layouts()
    return [score_file(p, layouts) for p in expected_files()]


def totals(scores: list[FileScore]) -> dict[str, float]:
    cells = sum(s.cells for s in scores)
    right = sum(s.right for s in scores)
    formats = [s.format_right for s in scores if s.format_right is not None]
    issuers = [s.issuer_right for s in scores if s.issuer_right is not None]
    return {
        "cells": cells,
        "right": right,
        "cell_share": right / cells if cells else 1.0,
        "invented": sum(len(s.invented) for s in scores),
        "format_files": len(formats),
        "format_share": sum(formats) / len(formats) if formats else 1.0,
        "issuer_files": len(issuers),
        "issuer_share": sum(issuers) / len(issuers) if issuers else 1.0,
    }


def main(argv: list[str]) -> int:
    scores = score_all()
    verbose = "-q" not in argv
    by_layout: dict[str, list[FileScore]] = defaultdict(list)
    print(f"{'file':<22}{'layout':<28}{'cells':>6}{'right':>7}{'share':>8}  format issuer")
    for s in scores:
        by_layout[s.layout].append(s)
        share = f"{s.right / s.cells:.1%}" if s.cells else "-"
        fmt = {None: "-", True: "ok", False: "WRONG"}[s.format_right]
        iss = {None: "-", True: "ok", False: "WRONG"}[s.issuer_right]
        print(f"{s.name:<22}{s.layout:<28}{s.cells:>6}{s.right:>7}{share:>8}  {fmt:<6} {iss}")
    print()
    print(f"{'layout':<28}{'files':>6}{'cells':>7}{'right':>7}{'share':>8}")
    for layout, group in sorted(by_layout.items()):
        t = totals(group)
        print(f"{layout:<28}{len(group):>6}{t['cells']:>7}{t['right']:>7}{t['cell_share']:>8.1%}")
    if verbose:
        print()
        for s in scores:
            for line in ([f"ERROR {s.error}"] if s.error else []) + s.wrong:
                print(f"wrong  {s.name}: {line}")
            for line in s.invented:
                print(f"invent {s.name}: {line}")
            if s.issuer_right is False:
                print(f"issuer {s.name}: not found")
    t = totals(scores)
    print()
    print(f"files {len(scores)}, cells {t['cells']}, read right {t['right']} ({t['cell_share']:.2%}); "
          f"invented {t['invented']}")
    print(f"format right on {t['format_share']:.1%} of {t['format_files']} table-bearing files; "
          f"issuer found on {t['issuer_share']:.1%} of {t['issuer_files']} files that name it")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""From a reader's raw rows to a ``Report``: sections, metadata, format, tables.

This is the single place where the pieces meet; each step is a pure function of the rows.
"""

from __future__ import annotations

import re

from .. import messages, schema
from ..model import Finding, Report, SectionText, Source
from ..read.grid import RawDocument, RawRow
from .meta import read_meta
from .normalize import label_key
from .pre2019 import read_headlines
from .sections import Heading, find_headings
from .tables import align_table
from .values import read_cell

_EVIDENCE = [(key, re.compile("|".join(words))) for key, words in schema.FORMAT_EVIDENCE]


def parse_document(doc: RawDocument, source: Source) -> Report:
    rows = doc.rows
    headings = find_headings(rows)
    meta = read_meta(rows, headings[0].index if headings else None)
    report = Report(source, meta.issuer, meta.year, "unknown", meta.published_on, meta.title)
    report.sections = _section_texts(rows, headings, meta.signature_index)

    # The tables' words are after heading 二 (or anywhere, without headings).
    layout = _layout_format(rows[next((h.index for h in headings if h.number >= 2), 0) :])
    report.layout_format = layout
    fmt_key = layout or schema.required_format(meta.year)
    if fmt_key == "pre2019":
        report.format = "pre2019"
        report.headlines = read_headlines("\n".join(row.text for row in rows))
        return report
    if fmt_key not in schema.FORMATS:
        fmt_key = "2021"  # look for tables anyway; the format stays "unknown" unless some are found
    fmt = schema.FORMATS[fmt_key]

    any_table = False
    cut: tuple[schema.Table, schema.Row, int] | None = None
    regions = _regions(rows, headings, fmt)
    for number, (spec, (start, end)) in enumerate(zip(fmt.tables, regions, strict=True)):
        if start is None:
            continue
        result = align_table(spec, rows, start, end)
        if result.found:
            setattr(report, spec.key, result.data)
            any_table = True
            report.findings.extend(result.findings)
        if result.cut is not None:
            cut = (spec, *result.cut)
        elif end == len(rows) and any_table and (not result.found or number + 1 < len(fmt.tables)):
            # The text ends in this table's header, or right after this table: the next one is not visible.
            following = spec if not result.found else fmt.tables[number + 1]
            cut = (following, following.rows[0], 0)
        if cut is not None:
            break
    if cut is not None:
        spec, row, visible = cut
        report.truncated = f"{spec.key}.{row.key}"
        report.invisible = _cells_after(fmt, spec.key, row.key, visible)
        report.findings.append(
            Finding(
                "truncated",
                "warning",
                messages.FINDINGS["truncated"].format(table=spec.label, row=row.label),
                (f"{spec.key}.{row.key}",),
                rows[-1].where if rows else None,
            )
        )
    if any_table:
        report.format = fmt.key
    return report


def _layout_format(rows: list[RawRow]) -> str | None:
    """The format the tables are laid out in, from the words only one format prints, strongest
    first (``schema.FORMAT_EVIDENCE``): read from the tables, never from the year. Only short cells
    count, since a sentence of section 一 may use the same words."""
    # The strongest evidence any cell holds; each pattern is plain words, so a cell's evidence is its
    # own (asked once per distinct cell text, across reports). The tables repeat the same texts ("0",
    # header words), so each distinct text of the region is looked up once.
    none = len(_EVIDENCE)
    known = _CELL_EVIDENCE.get
    best = none
    for text in {cell.text for row in rows for cell in row.cells}:
        found = known(text)
        if found is None:
            found = _evidence_of(text)
        if found < best:
            best = found
            if not best:
                break  # the strongest evidence there is
    return _EVIDENCE[best][0] if best < none else None


# Cell text → the index in _EVIDENCE of the first pattern its folded text matches (len(_EVIDENCE): none).
_CELL_EVIDENCE: dict[str, int] = {}


def _evidence_of(text: str) -> int:
    found = len(_EVIDENCE)
    if len(text) <= _HEADER_CELL:
        key = label_key(text)
        found = next((i for i, (_, pattern) in enumerate(_EVIDENCE) if pattern.search(key)), found)
    if len(_CELL_EVIDENCE) >= 65536:
        _CELL_EVIDENCE.clear()
    _CELL_EVIDENCE[text] = found
    return found


_HEADER_CELL = 40


def _regions(rows: list[RawRow], headings: list[Heading], fmt: schema.Format) -> list[tuple[int | None, int]]:
    """(start, end) row indices of the three tables, by heading or, lacking one, by anchor row."""
    heads = {h.number: h.index for h in headings}
    starts: list[int | None] = []
    after = heads.get(1, 0)
    for number, spec in zip((2, 3, 4), fmt.tables, strict=True):
        start = heads.get(number)
        if start is None:
            start = _anchor(rows, spec, after)
        starts.append(start)
        if start is not None:
            after = start
    stops = sorted({i for i in starts if i is not None} | {heads[n] for n in (5, 6) if n in heads} | {len(rows)})
    regions: list[tuple[int | None, int]] = []
    for start in starts:
        if start is None:
            regions.append((None, 0))
            continue
        end = next(s for s in stops if s > start)
        regions.append((start, end))
    return regions


def _anchor(rows: list[RawRow], spec: schema.Table, after: int) -> int | None:
    anchors = _ANCHORS.get(id(spec))
    if anchors is None or anchors[0] is not spec or len(anchors[2]) >= 65536:
        anchors = _ANCHORS[id(spec)] = (spec, re.compile("|".join(spec.anchors)), {})
    _, pattern, known = anchors
    for index in range(after, len(rows)):
        for cell in rows[index].cells:
            text = cell.text
            found = known.get(text)
            if found is None:
                found = known[text] = read_cell(text).is_label and pattern.search(label_key(text)) is not None
            if found:
                return index
    return None


# Per schema table (by id; the table kept to check the id was not reused): its anchor pattern and,
# by cell text, whether the cell is an anchor. The same cells are asked about in every report.
_ANCHORS: dict[int, tuple[schema.Table, re.Pattern[str], dict[str, bool]]] = {}
# (format, table, row, visible cells) → ``Format.cells_after``: a page opening is cut in the same few
# places, and the set is built anew from the whole schema each time.
_CUT_CELLS: dict[tuple[str, str, str, int], frozenset[str]] = {}


def _cells_after(fmt: schema.Format, table_key: str, row_key: str, visible: int) -> frozenset[str]:
    key = (fmt.key, table_key, row_key, visible)
    found = _CUT_CELLS.get(key)
    if found is None or schema.FORMATS.get(fmt.key) is not fmt:
        found = fmt.cells_after(table_key, row_key, visible)
        if schema.FORMATS.get(fmt.key) is fmt:
            _CUT_CELLS[key] = found
    return found


def _section_texts(rows: list[RawRow], headings: list[Heading], signature: int | None) -> dict[int, SectionText]:
    texts: dict[int, SectionText] = {}
    for i, heading in enumerate(headings):
        end = headings[i + 1].index if i + 1 < len(headings) else len(rows)
        if signature is not None and heading.index < signature < end:
            end = max(heading.index + 1, signature - 1)
        body = "\n".join(
            [text for row in rows[heading.index + 1 : end] if not row.structured and (text := row.text.strip())]
        )
        texts[heading.number] = SectionText(heading.number, heading.text, body, rows[heading.index].where)
    return texts

"""The JSON of CONTRACT.md: one object per report, or one error object per unreadable file.

Only this module knows the JSON's shape. Additions (``title``, ``where`` in findings, the opt-in
``provenance`` map) are compatible extensions: new keys, never renamed or retyped ones.
"""

from __future__ import annotations

from typing import Any

from .errors import ReportError
from .model import Finding, Report, Source, TableData

CONTRACT_VERSION = 1


def _source(source: Source) -> dict[str, Any]:
    out: dict[str, Any] = {"path": source.path}
    if source.sha256 is not None:
        out["sha256"] = source.sha256
    if source.kind is not None:
        out["kind"] = source.kind
    return out


def _table(table: TableData | None) -> dict[str, Any] | None:
    if table is None:
        return None
    out: dict[str, Any] = {
        row: {col: cell.value for col, cell in cells.items()} for row, cells in table.rows.items()
    }
    if table.extra:
        out["extra"] = [{"label": e.label, "values": list(e.values)} for e in table.extra]
    return out


def read_quality(report: Report) -> dict[str, dict[str, Any] | None]:
    """Per table: how many of its cells were read as printed, inferred (placed by position, a unit
    converted, decided by the row total), left blank as ambiguous, blank in the text, or not visible
    (after the cut of a page opening); and the share read of the visible cells that hold a value."""
    ambiguous = {c for f in report.findings if f.rule == "ambiguous_cell" for c in f.cells}
    out: dict[str, dict[str, Any] | None] = {}
    for key in ("proactive", "applications", "appeals"):
        table = getattr(report, key)
        if table is None:
            out[key] = None
            continue
        counts = {"cells": 0, "read": 0, "inferred": 0, "ambiguous": 0, "blank": 0, "not_visible": 0}
        for row, cells in table.rows.items():
            for col, cell in cells.items():
                path = table.path(row, col)
                counts["cells"] += 1
                if path in ambiguous and cell.value is None:
                    counts["ambiguous"] += 1
                elif cell.value is not None:
                    counts["inferred" if cell.inferred else "read"] += 1
                elif path in report.invisible:
                    counts["not_visible"] += 1
                else:
                    counts["blank"] += 1
        decided = counts["read"] + counts["inferred"] + counts["ambiguous"]
        counts["share_read"] = round(counts["read"] / decided, 4) if decided else None
        out[key] = counts
    return out


def finding_json(finding: Finding) -> dict[str, Any]:
    out: dict[str, Any] = {
        "rule": finding.rule,
        "severity": finding.severity,
        "message": finding.message,
        "cells": list(finding.cells),
    }
    if finding.where is not None and finding.where.describe():
        out["where"] = finding.where.describe()
    return out


def report_json(report: Report, provenance: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {
        "contract": CONTRACT_VERSION,
        "source": _source(report.source),
        "issuer": report.issuer,
        "year": report.year,
        "format": report.format,
        "published_on": report.published_on.isoformat() if report.published_on else None,
        "title": report.title,
        "proactive": _table(report.proactive),
        "applications": _table(report.applications),
        "appeals": _table(report.appeals),
        "findings": [finding_json(f) for f in report.findings],
        # Extensions: the row where the text ends inside a table (cells after it are not visible), and
        # how each table was read, so that doubtful reports can be sorted to the top.
        "truncated": report.truncated,
        "read_quality": read_quality(report),
    }
    if report.headlines is not None:
        out["pre2019"] = dict(report.headlines)
    if provenance:
        out["provenance"] = {
            table.path(row, col): _provenance(report, table.path(row, col), cell)
            for table in report.tables()
            for row, cells in table.rows.items()
            for col, cell in cells.items()
            if cell.raw is not None or cell.value is not None
        }
    return out


def _provenance(report: Report, path: str, cell) -> dict[str, Any]:
    entry = {"raw": cell.raw, "where": cell.where.to_json() if cell.where else None, "inferred": cell.inferred}
    if report.ocr and path in report.ocr:  # extension: a cell read by OCR says from where and how sure
        entry["ocr"] = report.ocr[path]
    return entry


def error_json(source: Source, error: ReportError) -> dict[str, Any]:
    return {
        "contract": CONTRACT_VERSION,
        "source": _source(source),
        "error": {"code": error.code, "message": error.message, "detail": error.detail},
    }

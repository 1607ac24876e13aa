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
        # Extension: the row where the text ends inside a table (cells after it are not visible).
        "truncated": report.truncated,
    }
    if report.headlines is not None:
        out["pre2019"] = dict(report.headlines)
    if provenance:
        out["provenance"] = {
            table.path(row, col): {
                "raw": cell.raw,
                "where": cell.where.to_json() if cell.where else None,
                "inferred": cell.inferred,
            }
            for table in report.tables()
            for row, cells in table.rows.items()
            for col, cell in cells.items()
            if cell.raw is not None or cell.value is not None
        }
    return out


def error_json(source: Source, error: ReportError) -> dict[str, Any]:
    return {
        "contract": CONTRACT_VERSION,
        "source": _source(source),
        "error": {"code": error.code, "message": error.message, "detail": error.detail},
    }

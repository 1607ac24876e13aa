"""A report as readable Chinese text for the terminal: header, tables, findings."""

from __future__ import annotations

import unicodedata

from .messages import CLI, SEVERITY
from .model import Finding, Report, TableData


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def _value(v: object) -> str:
    if v is None:
        return CLI["blank"]
    if isinstance(v, float):
        return f"{v:g}"
    return str(v)


def render_header(report: Report) -> list[str]:
    fmt = CLI["format_names"].get(report.format, report.format)
    return [
        f"{CLI['source']}：{report.source.path}",
        f"{CLI['issuer']}：{report.issuer or CLI['none']}",
        f"{CLI['year']}：{report.year or CLI['none']}",
        f"{CLI['format']}：{fmt}",
        f"{CLI['published_on']}：{report.published_on.isoformat() if report.published_on else CLI['none']}",
    ]


def render_table(table: TableData) -> list[str]:
    lines = [f"【{table.spec.label}】"]
    label_width = min(48, max(_width(r.label) for r in table.spec.rows))
    for row in table.spec.rows:
        label = row.label if _width(row.label) <= label_width else row.label[: label_width // 2 - 1] + "…"
        cells = "  ".join(f"{c.label}={_value(table.value(row.key, c.key))}" for c in row.columns)
        if len(row.columns) == 7:
            cells = " ".join(_pad(_value(table.value(row.key, c.key)), 5) for c in row.columns)
        lines.append(f"  {_pad(label, label_width)}  {cells}")
    for extra in table.extra:
        lines.append(f"  {_pad(extra.label, label_width)}  {' '.join(_value(v) for v in extra.values)}")
    return lines


def render_findings(findings: list[Finding]) -> list[str]:
    if not findings:
        return [f"{CLI['findings']}：{CLI['no_findings']}"]
    lines = [f"{CLI['findings']}："]
    for f in findings:
        where = f"（{f.where.describe()}）" if f.where is not None and f.where.describe() else ""
        lines.append(f"  [{SEVERITY[f.severity]}] {f.message}{where}")
    return lines


def render_report(report: Report, with_findings: bool) -> str:
    lines = render_header(report)
    for table in report.tables():
        lines.extend(render_table(table))
    if with_findings:
        lines.extend(render_findings(report.findings))
    return "\n".join(lines)

"""Contract JSON (CONTRACT.md) back to a ``Report``: the inverse of ``contract.report_json``.

Why: ``gongkai render`` takes the contract JSON as input, so that a parsed report, edited by hand
or by a program, can be re-issued in the official layout. The loader is strict about shape (an
unknown row or a string where a number belongs is a typo that would otherwise vanish from the
published report) and lenient about absence (a row or cell left out is a blank cell, as the
contract says). It also accepts one compatible extension, ``sections``: the narrative of the six
sections, which ``document_json`` adds to the contract object.
"""

from __future__ import annotations

import json
import os
from datetime import date
from typing import Any

from . import schema
from .contract import report_json
from .errors import RenderError
from .model import Cell, ExtraRow, Finding, Report, SectionText, Source, TableData

_SEVERITIES = ("error", "warning", "info")


def _bad(name: str, detail: str, reason: str) -> RenderError:
    return RenderError("bad_json", detail, name=name, reason=reason)


def _number(value: Any, where: str, name: str) -> int | float | None:
    if value is None:
        return None
    # bool is an int in Python but never a count in a report.
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _bad(name, f"{where}: {value!r} is not a number", f"“{where}”应为数字或 null")
    if isinstance(value, float) and value != value:  # NaN
        raise _bad(name, f"{where}: NaN", f"“{where}”不是有效数字")
    return value


def _table(spec: schema.Table, data: Any, name: str) -> TableData | None:
    if data is None:
        return None
    if not isinstance(data, dict):
        raise _bad(name, f"{spec.key}: expected an object", f"“{spec.key}”应为对象")
    table = TableData.empty(spec)
    for row_key, cells in data.items():
        if row_key == "extra":
            table.extra = _extra(spec.key, cells, name)
            continue
        if row_key not in spec.row_index:
            raise _bad(name, f"{spec.key}.{row_key}: no such row", f"没有“{spec.key}.{row_key}”这一行")
        if not isinstance(cells, dict):
            raise _bad(name, f"{spec.key}.{row_key}: expected an object", f"“{spec.key}.{row_key}”应为对象")
        columns = {c.key for c in spec.row(row_key).columns}
        for col_key, value in cells.items():
            path = f"{spec.key}.{row_key}.{col_key}"
            if col_key not in columns:
                raise _bad(name, f"{path}: no such column", f"没有“{path}”这一格")
            table.rows[row_key][col_key] = Cell(_number(value, path, name))
    return table


def _extra(table: str, rows: Any, name: str) -> list[ExtraRow]:
    if not isinstance(rows, list):
        raise _bad(name, f"{table}.extra: expected a list", f"“{table}.extra”应为列表")
    out = []
    for i, row in enumerate(rows):
        where = f"{table}.extra[{i}]"
        if not (isinstance(row, dict) and isinstance(row.get("label"), str) and isinstance(row.get("values"), list)):
            raise _bad(name, f"{where}: expected {{label, values}}", f"“{where}”应含 label 和 values")
        out.append(ExtraRow(row["label"], [_number(v, where, name) for v in row["values"]]))
    return out


def _date(value: Any, name: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise _bad(name, f"published_on: {value!r}", "落款日期应为 YYYY-MM-DD 格式") from None


def _findings(items: Any, name: str) -> list[Finding]:
    out = []
    for item in items or []:
        if not isinstance(item, dict) or item.get("severity") not in _SEVERITIES:
            raise _bad(name, f"findings: {item!r}", "findings 中有无法识别的条目")
        out.append(Finding(str(item.get("rule", "")), item["severity"], str(item.get("message", "")),
                           tuple(item.get("cells") or ())))
    return out


def _sections(items: Any, name: str) -> dict[int, SectionText]:
    if items is None:
        return {}
    if not isinstance(items, dict):
        raise _bad(name, "sections: expected an object", "sections 应为对象")
    out = {}
    for key, item in items.items():
        number = int(key) if str(key).isdigit() else 0
        if not 1 <= number <= len(schema.SECTIONS) or not isinstance(item, dict):
            raise _bad(name, f"sections.{key}", f"sections 中的“{key}”不是第一至第六部分")
        text = item.get("text") or ""
        heading = item.get("heading") or schema.SECTIONS[number - 1].label
        out[number] = SectionText(number, str(heading), str(text))
    return out


def report_from_json(obj: Any, name: str = "<json>") -> Report:
    """The ``Report`` a contract object describes (the inverse of ``report_json``)."""
    if not isinstance(obj, dict):
        raise _bad(name, "top level is not an object", "最外层应为 JSON 对象")
    if "error" in obj:
        raise _bad(name, f"an error object: {obj['error']!r}", "这是一个读取失败的记录，不含报告数据")
    fmt = obj.get("format", "unknown")
    year = obj.get("year")
    if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
        raise _bad(name, f"year: {year!r}", "year 应为整数或 null")
    src = obj.get("source") or {}
    report = Report(
        Source(str(src.get("path", name)), src.get("sha256"), src.get("kind")),
        issuer=obj.get("issuer"),
        year=year,
        format=fmt if isinstance(fmt, str) else "unknown",
        published_on=_date(obj.get("published_on"), name),
        title=obj.get("title"),
    )
    spec = schema.FORMATS.get(report.format)
    if spec is not None:
        for table in spec.tables:
            setattr(report, table.key, _table(table, obj.get(table.key), name))
    report.sections = _sections(obj.get("sections"), name)
    report.findings = _findings(obj.get("findings"), name)
    _mark_inferred(report)
    _cut(report, obj.get("truncated"), name)
    return report


def _mark_inferred(report: Report) -> None:
    """Cells an ``inferred_cell`` finding names were inferred, and so were those with a value that an
    ``ambiguous_cell`` finding names (the certain part of a split): the JSON says so only there."""
    for finding in report.findings:
        if finding.rule not in ("inferred_cell", "ambiguous_cell"):
            continue
        for path in finding.cells:
            cell = report.cell_at(path)
            if cell is not None and cell.value is not None:
                cell.inferred = True


def _cut(report: Report, truncated: Any, name: str) -> None:
    """Where a page opening stopped: the row named, its cells up to the last one with a value."""
    if truncated is None or report.format not in schema.FORMATS:
        return
    if not isinstance(truncated, str) or truncated.count(".") < 1:
        raise _bad(name, f"truncated: {truncated!r}", "truncated 应为“表.行”形式的字符串或 null")
    table_key, _, row_key = truncated.partition(".")
    table = getattr(report, table_key, None) if table_key in ("proactive", "applications", "appeals") else None
    spec = getattr(schema.FORMATS[report.format], table_key, None)
    if spec is None or row_key not in spec.row_index:
        raise _bad(name, f"truncated: {truncated!r}", "truncated 指向的行不存在")
    cells = list(table.rows[row_key].values()) if table is not None else []
    visible = max((i + 1 for i, c in enumerate(cells) if c.value is not None), default=0)
    report.truncated = truncated
    report.invisible = schema.FORMATS[report.format].cells_after(table_key, row_key, visible)


def loads_report(text: str, name: str = "<json>") -> Report:
    """One report from JSON text: a single object, or JSON Lines holding exactly one object."""
    try:
        objs = [json.loads(text)]
    except json.JSONDecodeError as exc:
        try:
            objs = [json.loads(line) for line in text.splitlines() if line.strip()]
        except json.JSONDecodeError:
            raise _bad(name, f"JSON error at line {exc.lineno} column {exc.colno}: {exc.msg}",
                       f"第{exc.lineno}行第{exc.colno}列 JSON 格式错误") from exc
    if len(objs) != 1:
        raise _bad(name, f"{len(objs)} JSON objects", f"文件中有 {len(objs)} 份报告，每次只能生成一份")
    return report_from_json(objs[0], name)


def load_report(path: str) -> Report:
    name = os.path.basename(path) or path
    try:
        with open(path, encoding="utf-8-sig") as fh:
            text = fh.read()
    except FileNotFoundError as exc:
        raise RenderError("unreadable", f"{path}: no such file", name=name, reason="文件不存在") from exc
    except UnicodeDecodeError as exc:
        raise _bad(name, f"{path}: not UTF-8 at byte {exc.start}", "不是 UTF-8 编码的文本") from exc
    except OSError as exc:
        raise RenderError("unreadable", f"{path}: {exc}", name=name, reason=exc.strerror or "系统错误") from exc
    return loads_report(text, name)


def document_json(report: Report, provenance: bool = False) -> dict[str, Any]:
    """The contract object plus ``sections`` (narrative by section number): all a render needs."""
    out = report_json(report, provenance)
    out["sections"] = {
        str(number): {"heading": s.heading, "text": s.text} for number, s in sorted(report.sections.items())
    }
    return out

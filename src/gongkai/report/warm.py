"""Imported once by the reader's fork server (``isolate``): one small report of each format read
there, so that every child starts with the label patterns compiled, OpenCC's dictionary loaded
the DOCX stylesheet built and LibreOffice's sandbox probed, instead of paying for them on each file.

Nothing here may fail the fork server: a warm-up that breaks only costs speed.
"""

from __future__ import annotations

import contextlib

from . import schema
from .source import parse_text


def _sample(fmt: schema.Format) -> str:
    lines = ["某县人民政府2023年政府信息公开工作年度报告", "一、总体情况"]
    for number, table in zip("二三四", fmt.tables, strict=True):
        lines.append(f"{number}、{table.label}")
        lines.extend(f"{row.label} " + " ".join("0" for _ in row.columns) for row in table.rows)
    lines.append("五、存在的主要问题及改进情况")
    return "\n".join(lines)


def warm() -> None:
    for fmt in schema.FORMATS.values():
        with contextlib.suppress(Exception):
            parse_text(_sample(fmt), "warm-up.txt")
    with contextlib.suppress(Exception):
        from .read import docx

        for namespace in (docx._W, docx._W_STRICT):
            docx._body_transform(namespace)
    with contextlib.suppress(Exception):
        from .read import legacy

        legacy.sandbox()


warm()

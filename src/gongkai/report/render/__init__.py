"""Rendering a report in the official layout: DOCX, HTML, Markdown and PDF.

Why a gate before every output: a rendered report is what an agency publishes, and a published
report with broken 勾稽关系 or blank statutory cells is worse than none. So ``render`` validates the
report as it will be printed (all six sections present) and refuses, listing the error findings,
unless the caller explicitly allows errors. The layout is built once (``layout.build``) and each
output only draws it.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from .. import schema
from ..errors import RenderError
from ..load import loads_report, report_from_json
from ..model import Finding, Report, SectionText
from ..validate import ValidationConfig, validate
from . import layout

KINDS = ("docx", "html", "md", "pdf")
_ALIASES = {"markdown": "md", "htm": "html", "word": "docx"}
SUFFIXES = {"docx": ".docx", "html": ".html", "md": ".md", "pdf": ".pdf"}


def _renderer(kind: str):
    # Each output's library is imported only when that output is asked for.
    if kind == "docx":
        from .docx import render_docx

        return render_docx
    if kind == "html":
        from .html import render_html

        return render_html
    if kind == "md":
        from .markdown import render_markdown

        return render_markdown
    from .pdf import render_pdf

    return render_pdf


def as_report(source: Report | dict[str, Any] | str | bytes) -> Report:
    """A ``Report`` from a report, a contract object, or contract JSON text."""
    if isinstance(source, Report):
        return source
    if isinstance(source, bytes):
        source = source.decode("utf-8-sig")
    if isinstance(source, str):
        return loads_report(source)
    return report_from_json(source)


def blocking_findings(report: Report, config: ValidationConfig | None = None) -> list[Finding]:
    """The error findings of the report as it would be printed: six sections, these tables.

    Findings stored in the input (possibly stale after an edit) are ignored; the rules run afresh.
    """
    sections = {
        s.number: report.sections.get(s.number) or SectionText(s.number, s.label, "") for s in schema.SECTIONS
    }
    printed = dataclasses.replace(report, findings=[], sections=sections)
    return [f for f in validate(printed, config) if f.severity == "error"]


def render(
    source: Report | dict[str, Any] | str | bytes,
    to: str,
    *,
    allow_errors: bool = False,
    config: ValidationConfig | None = None,
) -> bytes:
    """The report in the official layout as ``to`` (docx, html, md or pdf), as bytes.

    Raises ``RenderError``: ``bad_json`` for input that is not a report, ``unsupported_format`` for
    a report in neither national format, ``refused`` (with ``.findings``) when validation finds
    errors and ``allow_errors`` is false, ``font_missing`` when the PDF font is not installed.
    """
    kind = _ALIASES.get(to, to)
    if kind not in KINDS:
        raise ValueError(f"unknown output kind {to!r}; expected one of {', '.join(KINDS)}")
    report = as_report(source)
    if report.format not in schema.FORMATS:
        raise RenderError("unsupported_format", f"format {report.format!r}", format=report.format)
    if not allow_errors:
        errors = blocking_findings(report, config)
        if errors:
            raise RenderError("refused", f"{len(errors)} error findings", findings=errors, count=len(errors))
    return _renderer(kind)(layout.build(report))


__all__ = ["KINDS", "SUFFIXES", "RenderError", "as_report", "blocking_findings", "render"]

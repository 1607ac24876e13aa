"""The report core: parse, validate and render 政府信息公开工作年度报告.

Pure Python, never importing Django. The public API is what this module exports; everything
else is private to the package.
"""

import dataclasses

from .contract import error_json, report_json
from .errors import RenderError, ReportError
from .load import document_json, load_report, report_from_json
from .model import Cell, Finding, Location, Report, TableData

# ``render`` the function (not the subpackage of that name) is the public API; the subpackage's
# modules stay importable as ``gongkai.report.render.<module>``.
from .render import render
from .source import Limits, parse_bytes, parse_file, parse_text
from .validate import Deadlines, ValidationConfig, validate


def check(report: Report, config: ValidationConfig | None = None) -> Report:
    """A new report: ``report`` with every validator finding attached (parser findings first).

    ``report`` itself is left as it was, so checking twice gives the same findings, not twice as many.
    """
    return dataclasses.replace(report, findings=validate(report, config))


__all__ = [
    "Cell",
    "Deadlines",
    "Finding",
    "Limits",
    "Location",
    "RenderError",
    "Report",
    "ReportError",
    "TableData",
    "ValidationConfig",
    "check",
    "document_json",
    "error_json",
    "load_report",
    "parse_bytes",
    "parse_file",
    "parse_text",
    "render",
    "report_from_json",
    "report_json",
    "validate",
]

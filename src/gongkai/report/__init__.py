"""The report core: parse, validate and (later) render 政府信息公开工作年度报告.

Pure Python, never importing Django. The public API is what this module exports; everything
else is private to the package.
"""

from .contract import error_json, report_json
from .errors import ReportError
from .model import Cell, Finding, Location, Report, TableData
from .source import Limits, parse_bytes, parse_file, parse_text
from .validate import Deadlines, ValidationConfig, validate


def check(report: Report, config: ValidationConfig | None = None) -> Report:
    """The report with every validator finding attached (parser findings first)."""
    report.findings = validate(report, config)
    return report


__all__ = [
    "Cell",
    "Deadlines",
    "Finding",
    "Limits",
    "Location",
    "Report",
    "ReportError",
    "TableData",
    "ValidationConfig",
    "check",
    "error_json",
    "parse_bytes",
    "parse_file",
    "parse_text",
    "report_json",
    "validate",
]

"""The one error type of the report core.

A ``ReportError`` carries a stable ``code`` (for programs), a Chinese ``message`` a clerk can act on,
and a ``detail`` for operators saying precisely what went wrong and where.
"""

from __future__ import annotations

from .messages import ERRORS


class ReportError(Exception):
    def __init__(self, code: str, detail: str, **fields: object) -> None:
        self.code = code
        self.detail = detail
        self.message = ERRORS[code].format(**fields)
        super().__init__(f"{code}: {detail}")

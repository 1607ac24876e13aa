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

    def __reduce__(self):
        # Sent back from the reader's child process: rebuilt from what it says, not formatted again.
        return _restore, (type(self), self.args, self.__dict__.copy())


class RenderError(ReportError):
    """A report that cannot be loaded or rendered as asked (bad JSON, broken arithmetic, no font).

    Same three faces as every ``ReportError``; the sentence comes from ``messages.RENDER`` so that
    the parser's error codes stay the parser's. ``findings`` lists the error findings that stopped
    a render, so that a caller can show each one.
    """

    def __init__(self, code: str, detail: str, findings: tuple = (), **fields: object) -> None:
        from .messages import RENDER

        self.code = code
        self.detail = detail
        self.message = RENDER[code].format(**fields)
        self.findings = tuple(findings)
        Exception.__init__(self, f"{code}: {detail}")


def _restore(cls: type[ReportError], args: tuple, state: dict) -> ReportError:
    error = cls.__new__(cls)
    Exception.__init__(error, *args)
    error.__dict__.update(state)
    return error

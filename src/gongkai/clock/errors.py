"""The one error type of the clock, shaped like ``ReportError`` so the CLI and the platform show both alike."""

from __future__ import annotations

from .messages import ERRORS


class ClockError(Exception):
    """A deadline that cannot be computed honestly.

    ``message`` is the Chinese sentence for the clerk; ``detail`` says precisely, in English, what the
    operator must fix (e.g. which chinese-calendar version covers which years). A guessed deadline is
    worse than none, because an agency that trusts it may answer late and lose a lawsuit.
    """

    def __init__(self, code: str, detail: str, **fields: object) -> None:
        self.code = code
        self.detail = detail
        self.fields = fields
        self.message = ERRORS[code].format(**fields)
        super().__init__(f"{code}: {detail}")

    def to_json(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message, "detail": self.detail}

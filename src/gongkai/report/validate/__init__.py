"""Consistency rules over a parsed or assembled report (CONTRACT.md's finding ids)."""

from .rules import Deadlines, ValidationConfig, validate

__all__ = ["Deadlines", "ValidationConfig", "validate"]

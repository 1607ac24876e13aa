"""Counting uses against a limit, before the use, in the shared cache.

Why before: a limit checked after the work lets thirty parallel requests all pass the check while
the counter still says nine. ``spend`` adds one first and answers whether that one was still
allowed, so at most ``allowed`` requests in a window ever get through, however many arrive at once.
The counters are ``cache.add`` + ``cache.incr``, which the stores of ``limits.backends`` (and
Django's Redis cache) make atomic; a counter expires ``window`` seconds after its first use.
"""

from __future__ import annotations

import contextlib
import hashlib
from dataclasses import dataclass

from django.core.cache import cache
from django.utils import timezone

HOUR = 3600
DAY = 24 * HOUR


@dataclass(frozen=True)
class Limit:
    """At most ``allowed`` uses of ``name`` per ``window`` seconds (per calendar day when ``daily``)."""

    name: str
    allowed: int
    window: int = HOUR
    daily: bool = False

    def key(self, *parts: str) -> str:
        # Hashed: the parts are addresses and typed numbers, which need neither be readable in the store
        # nor be valid cache keys.
        if self.daily:
            parts = (timezone.localdate().isoformat(), *parts)
        digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:40]
        return f"limits:{self.name}:{digest}"

    @property
    def timeout(self) -> int:
        return DAY + HOUR if self.daily else self.window  # a day's key outlives its day; it is never read again


def hit(key: str, timeout: int) -> int:
    """One more use of ``key``: its count in the current window, this use included."""
    for _ in range(3):
        if cache.add(key, 1, timeout):
            return 1
        try:
            return cache.incr(key)
        except ValueError:  # expired between add and incr: start a new window
            continue
    raise RuntimeError(f"counter {key} neither added nor incremented")


def spend(limit: Limit, *parts: str) -> bool:
    """Count one use; True while that use is within the limit."""
    return hit(limit.key(*parts), limit.timeout) <= limit.allowed


def refund(limit: Limit, *parts: str) -> None:
    """Give back a use that turned out not to count (a lookup that found the right code)."""
    with contextlib.suppress(ValueError):  # the window ended meanwhile: nothing to give back
        cache.decr(limit.key(*parts))


def used(limit: Limit, *parts: str) -> int:
    return cache.get(limit.key(*parts), 0)


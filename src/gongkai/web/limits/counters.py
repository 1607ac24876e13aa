"""Counting uses against a limit, before the use, in the shared cache.

Why before: a limit checked after the work lets thirty parallel requests all pass the check while
the counter still says nine. ``spend`` adds one first and answers whether that one was still
allowed, so at most ``allowed`` requests in a window ever get through, however many arrive at once.
The counters are ``cache.add`` + ``cache.incr``, which the stores of ``limits.backends`` (and
Django's Redis cache) make atomic; a counter expires ``window`` seconds after its first use.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass

from django.core.cache import cache
from django.utils import timezone

HOUR = 3600
DAY = 24 * HOUR

log = logging.getLogger(__name__)


class Unavailable(Exception):
    """The shared cache holding the counters cannot be reached.

    The limits then fail closed: the use is refused (the callers answer 503 in Chinese) rather than let
    through uncounted, because a lookup limit that lapses while Redis is down is an open door for
    guessing status codes, and an application quota that lapses lets one script file hundreds of cases
    the office must answer. The public pages themselves keep working (the page cache degrades to none).
    """


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
        try:
            if cache.add(key, 1, timeout):
                return 1
            return cache.incr(key)
        except ValueError:  # expired between add and incr: start a new window
            continue
        except Exception as exc:  # the store is down (Redis refused, the database cache's table unreachable)
            # The key is a hash and says nothing of the visitor; the operator needs the store's own error.
            log.error("limits: the shared cache is unavailable (%s: %s); counted uses are refused",
                      type(exc).__name__, exc)
            raise Unavailable(str(exc)) from exc
    raise RuntimeError(f"counter {key} neither added nor incremented")


def spend(limit: Limit, *parts: str) -> bool:
    """Count one use; True while that use is within the limit."""
    return hit(limit.key(*parts), limit.timeout) <= limit.allowed


def refund(limit: Limit, *parts: str) -> None:
    """Give back a use that turned out not to count (a lookup that found the right code)."""
    try:
        cache.decr(limit.key(*parts))
    except ValueError:  # the window ended meanwhile: nothing to give back
        pass
    except Exception as exc:  # the store went down after the use was counted: the use stays counted
        log.error("limits: could not refund a use (%s: %s)", type(exc).__name__, exc)


def used(limit: Limit, *parts: str) -> int:
    return cache.get(limit.key(*parts), 0)


"""Rate limits: a per-token burst limit and a per-app daily quota.

Pinterest answers both with HTTP 429. A client must tell them apart: a burst limit is
worth waiting for (seconds, ``Retry-After``), a spent daily quota is not (Pinterest code 8,
reset hours away). Windows are fixed and start with the first request, and read the
emulator's clock, so tests can move past them.
"""

from __future__ import annotations

import math
import re
import threading
from dataclasses import dataclass
from enum import StrEnum

from pinterest_tools.emulator.data.clock import Clock

DAY = 24 * 60 * 60
_UNITS = {"": 1, "s": 1, "sec": 1, "second": 1, "m": 60, "min": 60, "minute": 60, "h": 3600, "hour": 3600, "d": DAY}


@dataclass(frozen=True, slots=True)
class RateLimit:
    requests: int
    window: float  # seconds

    def __str__(self) -> str:
        return f"{self.requests}/{self.window:g}s"


DEFAULT_RATE_LIMIT = RateLimit(1000, 60)


def parse_rate_limit(text: str) -> RateLimit:
    """``N/SECONDS`` or ``N/UNIT``: "100/60", "10/s", "1000/min", "5000/h", "2/5s"."""
    match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d*\.?\d*)\s*([a-z]*)\s*", text)
    if not match or match.group(3) not in _UNITS or int(match.group(1)) < 1:
        raise ValueError(f"rate limit {text!r}: expected N/SECONDS or N/UNIT, e.g. 100/60 or 10/s")
    count, amount, unit = match.groups()
    window = float(amount or 1) * _UNITS[unit]
    if window <= 0:
        raise ValueError(f"rate limit {text!r}: the window must be positive")
    return RateLimit(int(count), window)


@dataclass(frozen=True, slots=True)
class Window:
    """One counter's position: how many are left and when it resets."""

    allowed: bool
    limit: int
    remaining: int
    reset: int  # whole seconds until the window resets


class FixedWindows:
    """Independent fixed windows, one per key."""

    def __init__(self, limit: RateLimit, clock: Clock) -> None:
        self.limit = limit
        self.clock = clock
        self._lock = threading.Lock()
        self._windows: dict[str, tuple[float, int]] = {}

    def hit(self, key: str, *, count: bool = True) -> Window:
        """Count one request (unless ``count`` is False) if the window has room."""
        now = self.clock.now()
        with self._lock:
            start, used = self._windows.get(key, (now, 0))
            if now >= start + self.limit.window:
                start, used = now, 0
            allowed = used < self.limit.requests
            if allowed and count:
                used += 1
            self._windows[key] = (start, used)
        reset = max(1, math.ceil(start + self.limit.window - now))
        return Window(allowed, self.limit.requests, max(0, self.limit.requests - used), reset)


class Outcome(StrEnum):
    OK = "ok"
    BURST = "burst"
    QUOTA = "quota"


@dataclass(frozen=True, slots=True)
class Verdict:
    outcome: Outcome
    window: Window  # the window the headers describe

    def headers(self) -> dict[str, str]:
        headers = {
            "X-RateLimit-Limit": str(self.window.limit),
            "X-RateLimit-Remaining": str(self.window.remaining),
            "X-RateLimit-Reset": str(self.window.reset),
        }
        if self.outcome is not Outcome.OK:
            headers["Retry-After"] = str(self.window.reset)
        return headers


class Limits:
    """The burst limit per token (or caller) and the daily quota per app."""

    def __init__(self, clock: Clock, burst: RateLimit | None = None, daily_quota: int | None = None) -> None:
        self.burst = FixedWindows(burst or DEFAULT_RATE_LIMIT, clock)
        self.quota = FixedWindows(RateLimit(daily_quota, DAY), clock) if daily_quota else None

    def check(self, caller: str, app_id: str | None) -> Verdict:
        """Count one request by ``caller`` (a token, or an app at its token endpoint)."""
        if self.quota is not None and app_id is not None:
            day = self.quota.hit(app_id, count=False)
            if not day.allowed:
                return Verdict(Outcome.QUOTA, day)
        window = self.burst.hit(caller)
        if not window.allowed:
            return Verdict(Outcome.BURST, window)
        if self.quota is not None and app_id is not None:
            self.quota.hit(app_id)
        return Verdict(Outcome.OK, window)

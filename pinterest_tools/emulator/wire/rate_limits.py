"""Rate limits as Pinterest applies them: per rate-limit category and tier, plus a universal limit.

Pinterest's developer documentation, page "Rate limits"
(https://developers.pinterest.com/docs/reference/rate-limits/): every v5 operation belongs
to a category (its ``x-ratelimit-category``); an app with Trial access gets a number of
requests per day per app in each category, an app with Standard access a number per
minute per user per app. On top, a universal limit: Trial 1,000 requests per day per app,
Standard 100 requests per second per user per app (applied when asked for, see
:data:`STANDARD_UNIVERSAL`). :data:`CATEGORY_LIMITS` is that table.

Also kept, for tests that set them: a per-token burst limit (``rate_limit``) and a per-app
daily quota (``daily_quota``). ``rate_limits`` (``{"ads_write": "10/s", "universal":
"5/s"}``) replaces a category's numbers for both tiers, to reach a limit in a test.

Pinterest answers every limit with HTTP 429. A client must tell them apart: a short
window is worth waiting for (seconds, ``Retry-After``; code 429), a spent day is not
(Pinterest code 8, reset hours away). Windows are fixed, start with the first request and
read the emulator's clock, so tests advance it instead of sleeping. The headers describe
the window with the fewest requests left among those the request counted against.
"""

from __future__ import annotations

import math
import re
import threading
from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple

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
MINUTE = 60

# category -> (Trial: requests per day per app, Standard: requests per minute per user per app),
# from Pinterest's "Rate limits" page. ads_analytics, ads_conversions (per ad account there; the
# emulator counts it per user per app) and ads_read were read from the page; the other rows follow
# the same page as last read by the project and are the place to correct a number.
CATEGORY_LIMITS: dict[str, tuple[int, int]] = {
    "ads_analytics": (1000, 300),
    "ads_conversions": (1000, 120_000),
    "ads_read": (1000, 1000),
    "ads_write": (1000, 400),
    "ads_estimates_read": (1000, 1000),
    "advanced_auction_read": (1000, 1000),
    "advanced_auction_write": (1000, 400),
    "catalogs_read": (1000, 1000),
    "catalogs_write": (1000, 400),
    "msot_write": (1000, 400),
    "org_analytics": (1000, 300),
    "org_read": (1000, 1000),
    "org_write": (1000, 1000),
    "trends_read": (1000, 1000),
}
UNIVERSAL = "universal"
TRIAL_UNIVERSAL = RateLimit(1000, DAY)  # per app
# Standard's universal limit, 100 requests per second per user per app, is applied only when asked
# for (``rate_limits={"universal": "100/s"}``): a test suite against a local emulator sends far
# faster than any client across the internet, and would trip it where Pinterest never would.
STANDARD_UNIVERSAL = RateLimit(100, 1)


def tier_limit(category: str, trial: bool) -> RateLimit | None:
    """A category's documented limit for a tier (None: a category the table does not list)."""
    if category == UNIVERSAL:
        return TRIAL_UNIVERSAL if trial else None
    numbers = CATEGORY_LIMITS.get(category)
    if numbers is None:
        return None
    return RateLimit(numbers[0], DAY) if trial else RateLimit(numbers[1], MINUTE)


def parse_rate_limits(text: str) -> dict[str, RateLimit]:
    """``ads_write=10/s,universal=5/s`` (for ``--rate-limits``) as a category -> limit mapping."""
    found: dict[str, RateLimit] = {}
    for item in text.split(","):
        if not item.strip():
            continue
        name, sep, limit = item.partition("=")
        if not sep or not name.strip():
            raise ValueError(f"rate limits {item!r}: expected CATEGORY=N/WINDOW, e.g. ads_write=10/s")
        found[checked_category(name.strip())] = parse_rate_limit(limit)
    return found


def checked_category(name: str) -> str:
    if name != UNIVERSAL and name not in CATEGORY_LIMITS:
        known = ", ".join([UNIVERSAL, *sorted(CATEGORY_LIMITS)])
        raise ValueError(f"unknown rate-limit category {name!r}; one of {known}")
    return name


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


class Window(NamedTuple):
    """One counter's position: how many are left and when it resets (a tuple: one is made per request)."""

    allowed: bool
    limit: int
    remaining: int
    reset: int  # whole seconds until the window resets
    span: float = 60.0  # the window's length in seconds


class FixedWindows:
    """Independent fixed windows, one per key (not locked: :class:`Limits` holds one lock over a request)."""

    def __init__(self, limit: RateLimit, clock: Clock) -> None:
        self.limit = limit
        self.clock = clock
        self._windows: dict[str, tuple[float, int]] = {}

    def position(self, key: str, now: float) -> tuple[float, int]:
        """The window's start and the requests it has counted, at ``now`` (a new window once the last ended)."""
        start, used = self._windows.get(key, (now, 0))
        return (now, 0) if now >= start + self.limit.window else (start, used)

    def count(self, key: str, start: float, used: int) -> None:
        """Keep the window at ``start`` with one more request than ``used``."""
        self._windows[key] = (start, used + 1)

    def window(self, start: float, used: int, now: float, *, allowed: bool) -> Window:
        """The headers' view of a window at ``start`` that has counted ``used`` requests."""
        reset = max(1, math.ceil(start + self.limit.window - now))
        requests = self.limit.requests
        return Window(allowed, requests, max(0, requests - used), reset, self.limit.window)

    def clear(self) -> None:
        self._windows.clear()


class Outcome(StrEnum):
    OK = "ok"
    BURST = "burst"
    QUOTA = "quota"


class Verdict(NamedTuple):
    """A request's outcome and the window its answer's headers describe (a tuple: one per request)."""

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

    def raw_headers(self) -> list[tuple[bytes, bytes]]:
        """:meth:`headers` as ASGI sends them: lower-case names, bytes (built on every answer, so directly)."""
        window = self.window
        raw = [
            (b"x-ratelimit-limit", b"%d" % window.limit),
            (b"x-ratelimit-remaining", b"%d" % window.remaining),
            (b"x-ratelimit-reset", b"%d" % window.reset),
        ]
        if self.outcome is not Outcome.OK:
            raw.append((b"retry-after", b"%d" % window.reset))
        return raw


_MAX_PLANS = 10_000


class Limits:
    """Every window one request counts against: category, universal, burst and quota."""

    def __init__(
        self,
        clock: Clock,
        burst: RateLimit | None = None,
        daily_quota: int | None = None,
        overrides: dict[str, RateLimit] | None = None,
    ) -> None:
        self.clock = clock
        self.burst = FixedWindows(burst, clock) if burst is not None else None
        self.quota = FixedWindows(RateLimit(daily_quota, DAY), clock) if daily_quota else None
        self.overrides = dict(overrides or {})
        self._lock = threading.Lock()
        self._windows: dict[tuple[str, bool], FixedWindows | None] = {}
        self._plans: dict[
            tuple[str, str | None, str | None, str | None, bool], tuple[tuple[FixedWindows, str, bool], ...]
        ] = {}
        self._fallback = FixedWindows(DEFAULT_RATE_LIMIT, clock)  # callers with no app (e.g. a bad token)

    def reset(self) -> None:
        """Forget every count (the control plane's reset)."""
        with self._lock:
            self._windows.clear()
            self._plans.clear()
            for windows in (self.burst, self.quota, self._fallback):
                if windows is not None:
                    windows.clear()

    def _category_windows(self, category: str, trial: bool) -> FixedWindows | None:
        """The windows of a category for a tier, made on first use (called holding ``_lock``)."""
        key = (category, trial)
        found = self._windows.get(key)
        if found is None and key not in self._windows:
            limit = self.overrides.get(category) or tier_limit(category, trial)
            found = self._windows[key] = FixedWindows(limit, self.clock) if limit is not None else None
        return found

    def check(
        self,
        caller: str,
        app_id: str | None,
        *,
        user_id: str | None = None,
        category: str | None = None,
        trial: bool = False,
    ) -> Verdict:
        """Count one request by ``caller`` (a token, or an app at its token endpoint) of ``app_id``/``user_id``.

        ``category``: the operation's rate-limit category (None: v3, ads v4 and pages with none);
        ``trial``: whether the app has Trial access (limits per day per app instead of per
        minute per user per app). A request refused by one window is counted by none.
        """
        with self._lock:
            now = self.clock.now()
            planned = self._plans.get((caller, app_id, user_id, category, trial))
            if planned is None:
                planned = self._plan(caller, app_id, user_id, category, trial)
            positions = [windows.position(key, now) for windows, key, _shown in planned]
            for (windows, _key, _shown), (start, used) in zip(planned, positions, strict=True):
                if used >= windows.limit.requests:
                    window = windows.window(start, used, now, allowed=False)
                    return Verdict(Outcome.QUOTA if window.span >= DAY else Outcome.BURST, window)
            # The headers speak of the shown window with the fewest requests left.
            least: tuple[FixedWindows, float, int] | None = None
            for (windows, key, shown), (start, used) in zip(planned, positions, strict=True):
                windows.count(key, start, used)
                if shown and (least is None or windows.limit.requests - used < least[0].limit.requests - least[2]):
                    least = (windows, start, used)
            assert least is not None
            windows, start, used = least
            return Verdict(Outcome.OK, windows.window(start, used + 1, now, allowed=True))

    def _plan(
        self, caller: str, app_id: str | None, user_id: str | None, category: str | None, trial: bool
    ) -> tuple[tuple[FixedWindows, str, bool], ...]:
        """The windows a caller's request counts against, each with its key and whether the headers
        may show it (the universal window only where nothing narrower counts the request: v3, pages
        without a category). Kept per caller until a reset: built on every request, it was the
        larger part of the check."""
        planned: list[tuple[FixedWindows, str]] = []
        if self.quota is not None and app_id is not None:
            planned.append((self.quota, app_id))
        universal = None
        if app_id is not None:
            who = app_id if trial else f"{app_id}:{user_id}"
            universal = self._category_windows(UNIVERSAL, trial)
            if universal is not None:
                planned.append((universal, who))
            windows = self._category_windows(category, trial) if category else None
            if windows is not None:
                planned.append((windows, who))
        if self.burst is not None:
            planned.append((self.burst, caller))
        if not planned:
            planned.append((self._fallback, caller))
        plan = tuple((windows, key, windows is not universal or len(planned) == 1) for windows, key in planned)
        if len(self._plans) >= _MAX_PLANS:  # a flood of made-up tokens must not grow it without bound
            self._plans.clear()
        self._plans[(caller, app_id, user_id, category, trial)] = plan
        return plan

"""Pacing: requests spaced so that a bulk job uses each rate-limit window fully without a 429.

Pinterest counts requests per user, per app and per *rate-limit category* (each v5
operation's ``x-ratelimit-category``: ``org_read``, ``ads_write``, ``ads_analytics``, ...),
and says in every answer how much of the category's window is left (``X-RateLimit-Limit``,
``-Remaining``, ``-Reset``; v3: ``x-userendpoint-ratelimit-*``). The retry layer only
reacts to a 429 by waiting out ``Retry-After``; a job that knows the window never meets one.

One :class:`Pacer` per client family (a ``Pinterest`` and its ``with_options`` copies, sync
and async; a command's client) keeps one :class:`Budget` per (token, category). Before a
request is sent the transport asks for a place in its budget (:meth:`Pacer.acquire`) and
waits as long as the answer says; the answer's headers then correct the budget
(:meth:`Pacer.settle`). Budgets of different categories never wait for each other; threads
and async tasks of one client share them (a lock guards the state, held for arithmetic only).

The reserve is the concurrency: after an answer, the budget is what the server says is left
less the requests still in flight, which the server may not have counted yet; a sequential
job therefore spends its window down to the last request, eight workers keep eight back.

The window's end is learnt from ``X-RateLimit-Reset``, which Pinterest (and the emulator)
give in whole seconds rounded up, so ``now + reset`` is a latest end; the earliest such
bound among a window's answers is kept. At that moment the window is assumed full again
(less what is in flight) until the next answer says otherwise. Before the first answer,
a budget starts from Pinterest's documented per-minute limit of its category
(:data:`DOCUMENTED_PER_MINUTE`); in a category without a documented number one request goes
first and the others wait for its answer. An API whose answers carry no rate-limit headers
(a test double, a proxy that strips them) is not paced.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping

import httpx

from pinterest_tools.http.ratelimit import header_number

# Standard access, requests per minute per user per app, from Pinterest's "Rate limits" page
# (developers.pinterest.com/docs/reference/rate-limits/). Only the rows that page gives plainly
# are here; the answers' headers replace a seed after the first answer in any case.
DOCUMENTED_PER_MINUTE: dict[str, int] = {
    "ads_analytics": 300,
    "ads_read": 1000,
    "ads_conversions": 120_000,  # per ad account per app
}
SEED_WINDOW = 60.0  # seconds: the documented limits are per minute
# how long to look again when the budget is spent and the window's end is not known yet:
# requests are in flight and their answers will say
POLL = 0.05

Key = tuple[int, str]  # (hash of the Authorization header, rate-limit category)


class Budget:
    """One (token, category) window as this client sees it; every method is called under the pacer's lock."""

    def __init__(self, seed: int | None) -> None:
        self.limit: int | None = seed
        # without a seed, one request goes first and its answer tells the window (or that there is none)
        self.remaining: float = float(seed) if seed is not None else 1.0
        self.window = SEED_WINDOW if seed is not None else 0.0  # longest Reset seen: the window's length
        self.ends: float | None = None  # the latest the current window ends, once an answer said so
        self.previous_end: float | None = None  # the end of the window before, to tell its late answers
        self.in_flight = 0
        self.seen_headers = False

    def wait(self, now: float) -> float:
        """0.0 and a place taken when the request may go now, else the seconds to wait before asking again."""
        if self.ends is not None and now >= self.ends:
            # The window is over: the next one starts full, less what is on its way.
            self.previous_end, self.ends = self.ends, None
            if self.limit is not None:
                self.remaining = float(self.limit - self.in_flight)
        if self.ends is None and self.in_flight == 0 and self.remaining < 1:
            # nothing in flight will tell more: the window is taken to be a fresh one
            self.remaining = float(self.limit or 1)
        if self.remaining >= 1:
            self.remaining -= 1
            self.in_flight += 1
            return 0.0
        if self.ends is not None:
            return self.ends - now
        return POLL

    def settle(self, headers: Mapping[str, str] | None, now: float) -> None:
        """An answer (``headers``) or a failure (None) for one of this budget's requests in flight."""
        self.in_flight = max(self.in_flight - 1, 0)
        if headers is None:
            self.remaining += 1  # it may not have been counted: a failure gives its place back
            return
        limit = _first(headers, "x-ratelimit-limit", "x-userendpoint-ratelimit-limit")
        remaining = _first(headers, "x-ratelimit-remaining", "x-userendpoint-ratelimit-remaining")
        reset = _first(headers, "x-ratelimit-reset", "x-userendpoint-ratelimit-reset-seconds")
        if remaining is None or reset is None:
            if not self.seen_headers:  # an API (or a test double) that states no limit: nothing to pace
                self.limit, self.remaining, self.ends = None, float("inf"), None
            return
        seconds = max(reset - now if reset > 1e9 else reset, 0.0)  # an epoch time, or seconds from now
        if not self.seen_headers:
            # The first answer replaces the seed's minute: a window the server keeps shorter (the
            # universal 100 a second, a test's scaled-down limits) would otherwise have every
            # answer of the next window taken for a late one of the last, and never paced.
            self.window = seconds
        self.seen_headers = True
        if limit is not None:
            self.limit = int(limit)
        self.window = max(self.window, seconds)
        ends = now + seconds
        half = max(self.window / 2, 0.5)
        if self.previous_end is not None and self.ends is None and ends < self.previous_end + half:
            # A late answer from the window before, which counted it: the place kept for it in the
            # new window is free again, and the new window is not described by it.
            self.remaining += 1
            return
        if self.ends is None or abs(ends - self.ends) >= half:
            self.ends = ends  # the first answer of this window (or the server moved it)
        else:
            self.ends = min(self.ends, ends)
        self.remaining = float(int(remaining) - self.in_flight)


def _first(headers: Mapping[str, str], *names: str) -> float | None:
    for name in names:
        value = header_number(headers.get(name, ""))
        if value is not None:
            return value
    return None


class Pacer:
    """The budgets of one client family, keyed by (token, rate-limit category)."""

    def __init__(self, version: int = 5, base_url: str = "", *, seeds: Mapping[str, int] | None = None) -> None:
        self.version = version
        self.base_path = httpx.URL(base_url).path.rstrip("/") if base_url else ""
        self.seeds = DOCUMENTED_PER_MINUTE if seeds is None else seeds
        self._lock = threading.Lock()
        self._budgets: dict[Key, Budget] = {}

    def key(self, request: httpx.Request) -> Key:
        """The budget a request counts against: its token's (by the Authorization header) and its category's."""
        path = request.url.path
        if self.base_path and path.startswith(self.base_path):
            path = path[len(self.base_path) :]
        token = hash(request.headers.get("authorization", ""))
        return token, operation_category(self.version, request.method, path)

    def acquire(self, key: Key, now: float) -> float:
        """0.0 when the request may go now (its place taken), else the seconds to wait before asking again."""
        with self._lock:
            budget = self._budgets.get(key)
            if budget is None:
                budget = self._budgets[key] = Budget(self.seeds.get(key[1]))
            return budget.wait(now)

    def settle(self, key: Key, headers: Mapping[str, str] | None, now: float) -> None:
        """Correct ``key``'s budget from an answer's headers (None: the request failed without one)."""
        with self._lock:
            budget = self._budgets.get(key)
            if budget is not None:
                budget.settle(headers, now)

    def budget(self, key: Key) -> Budget | None:
        """The budget of ``key`` as it stands (for reports and tests)."""
        with self._lock:
            return self._budgets.get(key)


def operation_category(version: int, method: str, path: str) -> str:
    """The rate-limit category of ``method path`` (relative to the base URL); "" when none is known.

    The one place a request's category is looked up (:mod:`pinterest_tools.operation_facts`
    reads it off the generated operation table). v3 limits per endpoint, not by category: its
    requests share one budget per token.
    """
    if version != 5:
        return ""
    from pinterest_tools.operation_facts import category, operation_at

    operation_id = operation_at(method, path)
    return (category(operation_id) or "") if operation_id else ""

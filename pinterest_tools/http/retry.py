"""The one retry layer: a transport that retries 429, 5xx, connection failures and unreadable reads.

Retries live here and nowhere else (no ``HTTPTransport(retries=...)``, no loop in the
commands), below the auth and the event hooks (see ``pinterest_tools.connection``), so every
attempt carries a fresh bearer header and the hooks see only the final response.

Policy (:class:`RetryPolicy`, frozen; ``sleep``, ``clock`` and ``random`` injectable):

* 429, any method: the server did not act. Wait what the server says (``Retry-After`` in
  seconds or as an HTTP date, else ``X-RateLimit-Reset``/``x-userendpoint-ratelimit-reset-seconds``
  as seconds or an epoch time), else back off. A 429 Pinterest calls spam is never retried; a
  429 whose wait exceeds ``max_wait`` (the daily quota, code 8) is returned at once, marked
  with its reset time, and becomes a ``QuotaExhaustedError``.
* 500/502/503/504 and read/write failures: only for methods that are safe to repeat
  (GET, HEAD, OPTIONS, DELETE, TRACE). PUT is not among them because v3 creates pins and
  boards with PUT; a POST is repeated only when the server cannot have acted.
  A 5xx waits only for a ``Retry-After``: the rate-limit reset that every answer carries
  says when the window ends, not when a failing server recovers.
* connect errors and pool timeouts, any method: the request never left. A refused
  connection to this machine (``localhost``, ``127.0.0.0/8``, ``::1``) backs off from
  ``LOOPBACK_CONNECT_WAIT`` instead: nothing listens there, and waiting seconds will not
  change that.
* a read (GET, HEAD) whose success answer cannot be read: its body breaks off
  (``RemoteProtocolError``, ``ReadError``: fewer bytes than announced) or, declared JSON,
  does not parse (cut short, as a proxy or a dropped connection leaves it). Reading again
  is harmless, so it is retried like a 5xx (otherwise ``get_user_pins --all`` under a 30 %
  fault rate aborted half of its runs). The transport reads such a body itself, up to
  ``CHECKED_BODY`` bytes (a larger one, a report file, is left to stream); after the last
  attempt the answer is handed up and the caller's parser reports it
  (``InvalidResponseError``, which copy_board's step retries count as transient too).
* otherwise exponential backoff ``min(cap, base * 2**(n-1))`` minus up to ``jitter`` of it.

After the last attempt a transport failure becomes an ``ApiConnectionError`` (an
``ApiTimeoutError`` when one of httpx's timeouts ran out); the latest rate-limit headers
are kept in a :class:`RateLimitStatus` that callers can read.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any

import httpx

from pinterest_tools.errors import ApiConnectionError, ApiTimeoutError
from pinterest_tools.http.pacing import Key, Pacer
from pinterest_tools.http.pool import AsyncPool, Pool
from pinterest_tools.http.ratelimit import RateLimitStatus, server_wait
from pinterest_tools.library_log import get_logger
from pinterest_tools.parsing import is_digits

log = get_logger(__name__)

__all__ = ["AsyncRetryTransport", "RateLimitStatus", "RetryPolicy", "RetryTransport"]

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "DELETE", "TRACE"})
RETRY_STATUSES = frozenset({500, 502, 503, 504})
NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)
MAYBE_SENT = (httpx.ReadError, httpx.ReadTimeout, httpx.WriteError, httpx.WriteTimeout, httpx.RemoteProtocolError)
EXTENSION = "pinterest_tools.http.retry"  # response.extensions[EXTENSION] = {"retry_after", "resets_at", "attempts"}
# request.extensions[MAX_RETRIES] = n: this request's retries after the first attempt, instead of the policy's
# (a facade call's ``max_retries=``); an extension because it must reach the transport through httpx untouched
MAX_RETRIES = "pinterest_tools.max_retries"
# seconds before the first retry of a refused connection to this machine (doubling): nothing
# listens there (an emulator not started yet, a stopped tunnel), which a second or two does not
# change, so the default attempts end within half a second instead of about six
LOOPBACK_CONNECT_WAIT = 0.05
READ_METHODS = frozenset({"GET", "HEAD"})  # their answers are read again by asking again
CHECKED_BODY = 8 * 1024 * 1024  # bytes: API answers are far smaller; report downloads may be far larger


async def _asyncio_sleep(seconds: float) -> None:
    """``asyncio.sleep``, imported when an event loop (which has loaded it) first waits: sync commands never do."""
    import asyncio

    await asyncio.sleep(seconds)


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how long to retry; the defaults suit a command a person is waiting for."""

    max_attempts: int = 4
    backoff_base: float = 1.0
    backoff_cap: float = 30.0
    jitter: float = 0.25
    max_wait: float = 120.0
    sleep: Callable[[float], None] = time.sleep
    async_sleep: Callable[[float], Awaitable[None]] = _asyncio_sleep
    clock: Callable[[], float] = time.time
    random: Callable[[], float] = random.random

    def backoff(self, failures: int) -> float:
        """Delay after the ``failures``-th failure: exponential, capped, reduced by up to ``jitter``."""
        delay = min(self.backoff_cap, self.backoff_base * 2.0 ** max(failures - 1, 0))
        return delay * (1 - self.jitter * self.random())

    def server_wait(self, headers: Mapping[str, str], *, resets: bool = True) -> float | None:
        """Seconds the server asks us to wait, from ``Retry-After`` or (``resets``) a rate-limit reset header."""
        return server_wait(headers, self.clock(), resets=resets)


class _Retrier:
    """The decisions, shared by the sync and the async transport (which only differ in I/O)."""

    def __init__(
        self, policy: RetryPolicy | None, rate_limit: RateLimitStatus | None, pacer: Pacer | None = None
    ) -> None:
        self.policy = policy or RetryPolicy()
        self.rate_limit = rate_limit if rate_limit is not None else RateLimitStatus()
        self.pacer = pacer

    def pace(self, request: httpx.Request) -> tuple[Key | None, float]:
        """The request's budget and the wait before it may be sent (0.0: its place is taken), or (None, 0.0)
        when pacing is off."""
        if self.pacer is None:
            return None, 0.0
        key = self.pacer.key(request)  # per attempt: a refreshed token is another budget
        pause = self.pacer.acquire(key, self.policy.clock())
        if pause > self.policy.max_wait:
            # A window that ends later than any wait this policy accepts (a spent daily quota): sent
            # unpaced, so that the server's answer becomes the error a caller can act on, at once.
            return None, 0.0
        return key, pause

    def settle(self, key: Key | None, response: httpx.Response | None) -> None:
        """Hand the budget the answer's headers (None: the attempt failed without an answer)."""
        if self.pacer is not None and key is not None:
            self.pacer.settle(key, None if response is None else response.headers, self.policy.clock())

    def attempts(self, request: httpx.Request) -> int:
        """How many attempts ``request`` gets: its own ``MAX_RETRIES`` extension plus one, else the policy's."""
        retries = request.extensions.get(MAX_RETRIES)
        return retries + 1 if isinstance(retries, int) else self.policy.max_attempts

    def after_error(self, request: httpx.Request, exc: httpx.TransportError, attempt: int) -> float:
        """The wait before the next attempt, or raise ApiConnectionError (ApiTimeoutError for a timeout)
        when retrying is unsafe or spent."""
        safe = isinstance(exc, NOT_SENT) or (isinstance(exc, MAYBE_SENT) and request.method in SAFE_METHODS)
        where = f"{request.method} {request.url.path}"
        if not safe or attempt >= self.attempts(request):
            hint = None
            if not safe and isinstance(exc, MAYBE_SENT):
                hint = "not retried: the server may have acted on it, so check before repeating the command"
            kind = ApiTimeoutError if isinstance(exc, httpx.TimeoutException) else ApiConnectionError
            raise kind(f"{where} failed: {_describe(exc)} (attempt {attempt})", hint=hint) from exc
        wait = self.policy.backoff(attempt)
        if isinstance(exc, httpx.ConnectError) and _is_loopback(request.url.host):
            wait = min(wait, LOOPBACK_CONNECT_WAIT * 2.0 ** max(attempt - 1, 0))
        self._announce(request, _describe(exc), wait, attempt)
        return wait

    def reads_body(self, request: httpx.Request, response: httpx.Response) -> bool:
        """Whether the transport reads this answer's body before handing it up, to retry one it cannot read:
        a read's success answer in JSON, of at most ``CHECKED_BODY`` bytes (or of an unknown length)."""
        if request.method not in READ_METHODS or not 200 <= response.status_code < 300 or response.status_code == 204:
            return False
        if "json" not in response.headers.get("content-type", "").lower():
            return False
        declared = response.headers.get("content-length", "")
        return not is_digits(declared) or int(declared) <= CHECKED_BODY

    def after_response(self, request: httpx.Request, response: httpx.Response, attempt: int) -> float | None:
        """The wait before the next attempt, or None to hand this response up (marked for the error hook)."""
        now = self.policy.clock()
        self.rate_limit.update(response.headers, now)
        status = response.status_code
        if self.reads_body(request, response) and request.method != "HEAD" and not _parses(response):
            if attempt >= self.attempts(request):
                return None  # the caller's parser reports it
            wait = self.policy.backoff(attempt)
            self._announce(request, "the answer's JSON is cut short", wait, attempt)
            return wait
        if status != 429 and not (status in RETRY_STATUSES and request.method in SAFE_METHODS):
            return None
        server_wait = self.policy.server_wait(response.headers, resets=status == 429)
        info: dict[str, float | int | None] = {"retry_after": server_wait, "resets_at": None, "attempts": attempt}
        response.extensions = {**response.extensions, EXTENSION: info}
        if status == 429 and b"spam" in response.content.lower():
            return None
        if server_wait is not None and server_wait > self.policy.max_wait:
            info["resets_at"] = now + server_wait if status == 429 else None
            return None
        if attempt >= self.attempts(request):
            return None
        wait = server_wait if server_wait is not None else self.policy.backoff(attempt)
        self._announce(request, f"HTTP {status}", wait, attempt)
        return wait

    def _announce(self, request: httpx.Request, what: str, wait: float, attempt: int) -> None:
        where = f"{request.method} {request.url.path}"
        total = self.attempts(request)
        log.warning("%s: %s; retrying in %.1f s (attempt %d of %d)", where, what, wait, attempt + 1, total)


def _parses(response: httpx.Response) -> bool:
    """Whether the body is whole JSON; if so, the next ``response.json()`` hands back this parse.

    The caller's parser (the generated models, the facade) calls ``response.json()`` next:
    without the hand-back every page of a listing was parsed twice (a third of paging's CPU).
    """
    content = response.content
    try:
        value = json.loads(content)
    except (ValueError, RecursionError):
        return False

    handed: list[Any] = [value]

    def parsed(**kwargs: Any) -> Any:
        # Handed over once, then forgotten: httpx's responses sit in reference cycles, and a parse
        # kept here lived until the cyclic collector ran (a long listing's memory grew with each page).
        return handed.pop() if handed and not kwargs else json.loads(content, **kwargs)

    response.json = parsed  # type: ignore[method-assign]
    return True


def _is_loopback(host: str) -> bool:
    """Whether ``host`` (a URL's host, IPv6 without brackets) is this machine."""
    import ipaddress

    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _describe(exc: httpx.TransportError) -> str:
    kind = "timed out" if isinstance(exc, httpx.TimeoutException) else "connection failed"
    return f"{kind} ({type(exc).__name__}{': ' + str(exc) if str(exc) else ''})"


def transport_error(request: httpx.Request, exc: httpx.HTTPError) -> ApiConnectionError:
    """The typed error of an httpx failure the retry layer did not see: a body that broke off while
    an event hook or the caller read it, a redirect loop, an undecodable body.

    ``ApiTimeoutError`` for a timeout, ``ApiConnectionError`` for the rest: a caller catches
    the library's errors only (httpx's are its implementation).
    """
    where = f"{request.method} {request.url.path}"
    if isinstance(exc, httpx.TimeoutException):
        return ApiTimeoutError(f"{where} failed: {_describe(exc)}")
    kind = "connection failed" if isinstance(exc, httpx.TransportError) else "the exchange failed"
    what = f"{kind} ({type(exc).__name__}{': ' + str(exc) if str(exc) else ''})"
    hint = None
    if request.method not in SAFE_METHODS:
        hint = "the server may have acted on it, so check before repeating the command"
    return ApiConnectionError(f"{where} failed: {what}", hint=hint)


def _read(response: httpx.Response) -> None:
    """Read the body; a body that breaks off closes the response and raises its TransportError."""
    try:
        response.read()
    except httpx.TransportError:
        response.close()
        raise


async def _aread(response: httpx.Response) -> None:
    try:
        await response.aread()
    except httpx.TransportError:
        await response.aclose()
        raise


class RetryTransport(httpx.BaseTransport):
    """Wraps a sync transport (default ``pool.Pool()``: TLS only for https) with the retry policy."""

    def __init__(
        self,
        wrapped: httpx.BaseTransport | None = None,
        *,
        policy: RetryPolicy | None = None,
        rate_limit: RateLimitStatus | None = None,
        pacer: Pacer | None = None,
    ) -> None:
        self.owns_wrapped = wrapped is None  # an injected transport belongs to whoever injected it
        self.wrapped = wrapped if wrapped is not None else Pool()
        self.retrier = _Retrier(policy, rate_limit, pacer)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        request.read()  # a body read into memory can be sent again
        attempt = 0
        while True:
            attempt += 1
            key, pause = self.retrier.pace(request)
            while pause > 0:
                self.retrier.policy.sleep(pause)
                key, pause = self.retrier.pace(request)
            try:
                try:
                    response = self.wrapped.handle_request(request)
                except BaseException:
                    self.retrier.settle(key, None)
                    raise
                self.retrier.settle(key, response)
                if response.status_code == 429 or self.retrier.reads_body(request, response):
                    _read(response)  # small; tells spam from rate limits, or a whole answer from a broken one
            except httpx.TransportError as exc:
                self.retrier.policy.sleep(self.retrier.after_error(request, exc, attempt))
                continue
            wait = self.retrier.after_response(request, response, attempt)
            if wait is None:
                return response
            response.close()
            self.retrier.policy.sleep(wait)

    def close(self) -> None:
        if self.owns_wrapped:
            self.wrapped.close()


class AsyncRetryTransport(httpx.AsyncBaseTransport):
    """The same policy around an async transport (default ``pool.AsyncPool()``, made on first use)."""

    def __init__(
        self,
        wrapped: httpx.AsyncBaseTransport | None = None,
        *,
        policy: RetryPolicy | None = None,
        rate_limit: RateLimitStatus | None = None,
        pacer: Pacer | None = None,
    ) -> None:
        self.owns_wrapped = wrapped is None
        self.wrapped = wrapped
        self.retrier = _Retrier(policy, rate_limit, pacer)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if self.wrapped is None:
            self.wrapped = AsyncPool()
        await request.aread()
        attempt = 0
        while True:
            attempt += 1
            key, pause = self.retrier.pace(request)
            while pause > 0:
                await self.retrier.policy.async_sleep(pause)
                key, pause = self.retrier.pace(request)
            try:
                try:
                    response = await self.wrapped.handle_async_request(request)
                except BaseException:
                    self.retrier.settle(key, None)
                    raise
                self.retrier.settle(key, response)
                if response.status_code == 429 or self.retrier.reads_body(request, response):
                    await _aread(response)
            except httpx.TransportError as exc:
                await self.retrier.policy.async_sleep(self.retrier.after_error(request, exc, attempt))
                continue
            wait = self.retrier.after_response(request, response, attempt)
            if wait is None:
                return response
            await response.aclose()
            await self.retrier.policy.async_sleep(wait)

    async def aclose(self) -> None:
        if self.owns_wrapped and self.wrapped is not None:
            await self.wrapped.aclose()

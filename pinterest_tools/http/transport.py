"""The ``httpx_args`` every generated client here is built with, and the transport override for tests.

Layer order, outermost first (httpx's own order: auth, then redirects and event hooks,
then the transport)::

    PinterestAuth        bearer header per request; refresh before expiry, once after a 401
    event hooks          request log line; response log, non-2xx -> typed error (hooks.py)
    RetryTransport       429 / 5xx / connect errors, Retry-After, quota (retry.py)
      (Pacer)            waits before each attempt for room in its rate-limit budget (pacing.py)
    HTTPTransport        or whatever a test or the emulator injects

The generated ``Client``/``AuthenticatedClient`` build *both* their sync and async httpx
clients from the same ``httpx_args``, so every layer here serves both: the auth has both
flows, the hooks return awaitables, and :class:`DualTransport` holds a sync and an async
retry transport.

Tests and the emulator fixture inject a transport under the retry layer with
``open_client(transport=...)`` or, for code that builds its clients itself (a command's
``main``), with ``with use_transport(transport): ...``.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Callable, Iterator
from typing import Any, Protocol, runtime_checkable

import httpx

from pinterest_tools.http.hooks import event_hooks
from pinterest_tools.http.pacing import Pacer
from pinterest_tools.http.retry import AsyncRetryTransport, RateLimitStatus, RetryPolicy, RetryTransport

AnyTransport = httpx.BaseTransport | httpx.AsyncBaseTransport
_OVERRIDE: contextvars.ContextVar[AnyTransport | None] = contextvars.ContextVar("pinterest_transport", default=None)


@contextlib.contextmanager
def use_transport(transport: AnyTransport) -> Iterator[None]:
    """Send every request of the clients built inside this block through ``transport``."""
    reset = _OVERRIDE.set(transport)
    try:
        yield
    finally:
        _OVERRIDE.reset(reset)


def current_transport(transport: AnyTransport | None = None) -> AnyTransport | None:
    """``transport`` if given, else the one of an enclosing :func:`use_transport`, else None (the network)."""
    return transport if transport is not None else _OVERRIDE.get()


class DualTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """One object for ``httpx_args["transport"]`` that serves the sync and the async client."""

    def __init__(self, sync: httpx.BaseTransport, async_: httpx.AsyncBaseTransport) -> None:
        self.sync, self.async_ = sync, async_

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        return self.sync.handle_request(request)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return await self.async_.handle_async_request(request)

    def close(self) -> None:
        self.sync.close()

    async def aclose(self) -> None:
        await self.async_.aclose()


def retry_transport(
    transport: AnyTransport | None, policy: RetryPolicy | None, rate_limit: RateLimitStatus, pacer: Pacer | None = None
) -> DualTransport:
    """The retry layer over ``transport`` (or the network) for both kinds of client."""
    transport = current_transport(transport)
    sync_inner = transport if isinstance(transport, httpx.BaseTransport) else None
    async_inner = transport if isinstance(transport, httpx.AsyncBaseTransport) else None
    if transport is not None and sync_inner is None:
        sync_inner = _Unsupported("an async-only transport was injected; use the async API")
    if transport is not None and async_inner is None:
        async_inner = _Unsupported("a sync-only transport was injected; use the sync API")
    return DualTransport(
        RetryTransport(sync_inner, policy=policy, rate_limit=rate_limit, pacer=pacer),
        AsyncRetryTransport(async_inner, policy=policy, rate_limit=rate_limit, pacer=pacer),
    )


class _Unsupported(httpx.BaseTransport, httpx.AsyncBaseTransport):
    def __init__(self, why: str) -> None:
        self.why = why

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        raise RuntimeError(self.why)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        raise RuntimeError(self.why)


@runtime_checkable
class ReportsRefusals(Protocol):
    """An auth that raises its own error for a 401 it gives up on (``oauth.bearer.PinterestAuth``).

    ``httpx_args`` hands it the event hooks' error builder, so that error is the same typed
    error any other refusal gets. A protocol, not the class, so that this layer does not
    import the OAuth package, which sends its own requests through this one.
    """

    error_for: Callable[[httpx.Response], Exception]


def httpx_args(
    version: int,
    base_url: str,
    *,
    transport: AnyTransport | None = None,
    retry: RetryPolicy | None = None,
    rate_limit: RateLimitStatus | None = None,
    auth: httpx.Auth | None = None,
    pacer: Pacer | None = None,
) -> dict[str, Any]:
    """The ``httpx_args`` for a generated client: hooks, retrying transport and (optionally) auth.

    ``pacer``: the rate-limit budgets this client shares with its family (``pacing.Pacer``);
    None sends without pacing.
    """
    hooks = event_hooks(version, base_url, defer_401=auth is not None)
    reporting: object = auth  # any auth may report refusals; httpx.Auth does not say so
    if isinstance(reporting, ReportsRefusals):
        reporting.error_for = hooks["response"][0].error  # the 401s it gives up on get the same errors
    args: dict[str, Any] = {
        "event_hooks": hooks,
        "transport": retry_transport(
            transport, retry, rate_limit if rate_limit is not None else RateLimitStatus(), pacer
        ),
    }
    if auth is not None:
        args["auth"] = auth
    return args

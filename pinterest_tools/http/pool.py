"""The connection pools under every client: TLS is set up only when an https request needs it.

An ``httpx.HTTPTransport()`` loads the CA bundle when it is made (tens of milliseconds of CPU,
hundreds on a cold machine), even for a client that only ever talks plain http to the local
emulator. :class:`Pool` and :class:`AsyncPool` keep one pool per scheme and make each on its
first request: the https pool is httpx's default (certificates verified), the http pool is
made with ``verify=False`` because an ``http://`` request never starts a TLS handshake, so
there is nothing to verify (a redirect to https goes through the https pool).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

import httpx

T = TypeVar("T", httpx.HTTPTransport, httpx.AsyncHTTPTransport)


class _ByScheme(Generic[T]):
    """One pool per URL scheme, each made on first use; ``make(verify)`` builds one."""

    def __init__(self, make: Callable[[bool], T]) -> None:
        self._make: Callable[[bool], T] = make
        self._pools: dict[str, T] = {}
        self._lock = threading.Lock()

    def get(self, scheme: str) -> T:
        pool = self._pools.get(scheme)
        if pool is None:
            with self._lock:
                pool = self._pools.get(scheme)
                if pool is None:
                    # verify=False only where no TLS can happen: an http:// request never starts a handshake
                    pool = self._pools[scheme] = self._make(scheme != "http")
        return pool

    def take_all(self) -> list[T]:
        with self._lock:
            pools, self._pools = list(self._pools.values()), {}
        return pools


class Pool(httpx.BaseTransport):
    """``httpx.HTTPTransport`` per scheme, each made on first use (see the module docstring)."""

    def __init__(self) -> None:
        self._pools = _ByScheme(lambda verify: httpx.HTTPTransport(verify=verify))

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        return self._pools.get(request.url.scheme).handle_request(request)

    def close(self) -> None:
        for pool in self._pools.take_all():
            pool.close()


class AsyncPool(httpx.AsyncBaseTransport):
    """``httpx.AsyncHTTPTransport`` per scheme, each made on first use (see the module docstring)."""

    def __init__(self) -> None:
        self._pools = _ByScheme(lambda verify: httpx.AsyncHTTPTransport(verify=verify))

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return await self._pools.get(request.url.scheme).handle_async_request(request)

    async def aclose(self) -> None:
        for pool in self._pools.take_all():
            await pool.aclose()

"""The connection pools under every client: TLS set up only when needed, proxies as httpx chooses them.

An ``httpx.HTTPTransport()`` loads the CA bundle when it is made (tens of milliseconds of CPU,
hundreds on a cold machine), even for a client that only ever talks plain http to the local
emulator. :class:`Pool` and :class:`AsyncPool` keep one pool per scheme (and per proxy) and
make each on its first request: the https pool verifies certificates (with ``trust_env``,
from ``SSL_CERT_FILE``/``SSL_CERT_DIR`` when set, as httpx does), the http pool is made with
``verify=False`` because an ``http://`` request never starts a TLS handshake, so there is
nothing to verify (a redirect to https goes through the https pool; a proxy reached over
https is verified).

Proxies. An ``httpx.Client`` given its own ``transport=`` stops reading proxies from the
environment, and every client here is given one (the retry layer), so the pools do what
httpx would have done: with ``trust_env`` (the default) ``HTTPS_PROXY``, ``HTTP_PROXY``,
``ALL_PROXY`` (through :func:`urllib.request.getproxies`, httpx's own source) pick the
proxy per scheme and ``NO_PROXY`` exempts hosts with curl's rules, which httpx follows
(``httpx._utils.get_environment_proxies``): ``*`` exempts everything, ``.example.com`` its
subdomains only, ``example.com`` the domain and its subdomains, an IP address or
``localhost`` that host only. An explicit ``proxy=`` serves every request and the
environment's proxies are not read, as in ``httpx.Client(proxy=...)``.
"""

from __future__ import annotations

import ipaddress
import threading
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Generic, TypeVar

import httpx

T = TypeVar("T", httpx.HTTPTransport, httpx.AsyncHTTPTransport)


@dataclass(frozen=True)
class Proxies:
    """Which proxy serves which URL: per scheme (``http``, ``https``, ``all``) and the hosts exempted."""

    by_scheme: Mapping[str, str] = field(default_factory=dict)
    no_proxy: tuple[str, ...] = ()

    @classmethod
    def from_environment(cls) -> Proxies:
        """The environment's proxies (``urllib.request.getproxies()``, as httpx reads them)."""
        found = urllib.request.getproxies()
        by_scheme = {}
        for scheme in ("http", "https", "all"):
            url = found.get(scheme)
            if url:
                by_scheme[scheme] = url if "://" in url else f"http://{url}"
        exempt = tuple(host.strip().lower() for host in found.get("no", "").split(",") if host.strip())
        if "*" in exempt:
            return cls()
        return cls(by_scheme, exempt)

    @classmethod
    def explicit(cls, proxy: str | httpx.URL | None) -> Proxies:
        """One proxy for every request (``proxy=``), or none at all."""
        return cls({"all": str(proxy)}) if proxy is not None else cls()

    def for_url(self, url: httpx.URL) -> str | None:
        """The proxy URL that serves ``url``, or None for a direct connection."""
        proxy = self.by_scheme.get(url.scheme) or self.by_scheme.get("all")
        if proxy is None or any(_exempts(entry, url) for entry in self.no_proxy):
            return None
        return proxy


def _exempts(entry: str, url: httpx.URL) -> bool:
    """Whether one ``NO_PROXY`` entry covers ``url`` (curl's rules, as httpx applies them)."""
    host = url.host.lower()
    if "://" in entry:
        pattern = httpx.URL(entry)
        scheme_ok = pattern.scheme in ("all", url.scheme)
        return scheme_ok and pattern.host.lower() == host and (pattern.port is None or pattern.port == url.port)
    if _is_ip(entry.strip("[]")) or entry == "localhost":
        return host == entry.strip("[]")
    if entry.startswith("."):
        return host.endswith(entry)
    return host == entry or host.endswith("." + entry)


def _is_ip(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


class _ByRoute(Generic[T]):
    """One pool per (scheme, proxy), each made on first use; ``make(verify, proxy)`` builds one."""

    def __init__(self, make: Callable[[bool, str | None], T], proxies: Proxies) -> None:
        self._make: Callable[[bool, str | None], T] = make
        self.proxies = proxies
        self._pools: dict[tuple[str, str | None], T] = {}
        self._lock = threading.Lock()

    def get(self, url: httpx.URL) -> T:
        proxy = self.proxies.for_url(url)
        key = (url.scheme, proxy)
        pool = self._pools.get(key)
        if pool is None:
            with self._lock:
                pool = self._pools.get(key)
                if pool is None:
                    # verify=False only where no TLS can happen: plain http, to the server and to the proxy
                    tls = url.scheme != "http" or (proxy is not None and proxy.startswith("https:"))
                    pool = self._pools[key] = self._make(tls, proxy)
        return pool

    def take_all(self) -> list[T]:
        with self._lock:
            pools, self._pools = list(self._pools.values()), {}
        return pools


def _proxies(trust_env: bool, proxy: str | httpx.URL | None) -> Proxies:
    if proxy is not None:
        return Proxies.explicit(proxy)
    return Proxies.from_environment() if trust_env else Proxies()


class Pool(httpx.BaseTransport):
    """``httpx.HTTPTransport`` per scheme and proxy, each made on first use (see the module docstring).

    ``trust_env``: read proxies and ``SSL_CERT_FILE``/``SSL_CERT_DIR`` from the environment
    (read once, here, as ``httpx.Client`` reads them when it is made); ``proxy``: one proxy
    URL for every request instead.
    """

    def __init__(self, *, trust_env: bool = True, proxy: str | httpx.URL | None = None) -> None:
        def make(verify: bool, via: str | None) -> httpx.HTTPTransport:
            return httpx.HTTPTransport(verify=verify, trust_env=trust_env, proxy=via)

        self._pools = _ByRoute(make, _proxies(trust_env, proxy))

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        return self._pools.get(request.url).handle_request(request)

    def close(self) -> None:
        for pool in self._pools.take_all():
            pool.close()


class AsyncPool(httpx.AsyncBaseTransport):
    """``httpx.AsyncHTTPTransport`` per scheme and proxy, each made on first use (see :class:`Pool`)."""

    def __init__(self, *, trust_env: bool = True, proxy: str | httpx.URL | None = None) -> None:
        def make(verify: bool, via: str | None) -> httpx.AsyncHTTPTransport:
            return httpx.AsyncHTTPTransport(verify=verify, trust_env=trust_env, proxy=via)

        self._pools = _ByRoute(make, _proxies(trust_env, proxy))

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return await self._pools.get(request.url).handle_async_request(request)

    async def aclose(self) -> None:
        for pool in self._pools.take_all():
            await pool.aclose()


class ClientTransport(httpx.BaseTransport):
    """Sends through a caller's ``httpx.Client`` (``http_client=``): its transport, mounts, proxies,
    TLS settings, auth and event hooks serve every attempt, under this library's retries.

    The caller's client stays the caller's: closing this leaves it open.
    """

    def __init__(self, client: httpx.Client) -> None:
        self.client = client

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        return self.client.send(request, stream=True)


class AsyncClientTransport(httpx.AsyncBaseTransport):
    """:class:`ClientTransport` for a caller's ``httpx.AsyncClient``."""

    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return await self.client.send(request, stream=True)

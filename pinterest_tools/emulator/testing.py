"""An emulator for tests of code that uses pinterest-tools, on a socket or in process.

``start_emulator(mode="socket" | "inprocess", data=None, **options)`` is what the pytest
plugin (``pinterest_tools.emulator.pytest_plugin``, which documents the handle's
contract) runs per test; it also works without pytest::

    with start_emulator(mode="inprocess") as emu:
        emu.seed({"users": [{"username": "ana", "boards": [{"name": "Soups"}]}]})
        with emu.client(user="ana") as client:
            ...

Socket mode is ``run_emulator()``: uvicorn on a free loopback port. In-process mode
builds the same app and serves it through
:class:`~pinterest_tools.emulator.serving.inprocess.InProcessTransport`, with ``base_url``
:data:`~pinterest_tools.emulator.serving.inprocess.IN_PROCESS_URL`: no socket and no server
thread, so a request costs a function call rather than a loopback round trip.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Literal, TypedDict, Unpack, overload

from pinterest_tools.emulator.core.services import Services
from pinterest_tools.emulator.core.settings import Options, make_settings
from pinterest_tools.emulator.serving.app import build_app
from pinterest_tools.emulator.serving.handle import DataSource, Emulator, load_state
from pinterest_tools.emulator.serving.inprocess import IN_PROCESS_URL, InProcessTransport
from pinterest_tools.emulator.serving.server import ServerThread

if TYPE_CHECKING:
    from pinterest_tools.http.transport import AnyTransport
    from pinterest_tools.rest import AsyncPinterest, Pinterest

Mode = Literal["socket", "inprocess"]
MODES: tuple[Mode, ...] = ("socket", "inprocess")


class ClientOptions(TypedDict, total=False):
    """The facade's per-client options the fixtures' ``client()``/``async_client()`` pass on."""

    timeout: float | None  # seconds per request; None: PINTEREST_TIMEOUT
    max_retries: int | None  # attempts after the first; None: PINTEREST_RETRY_ATTEMPTS - 1
    token_scopes: list[str] | None  # the token's grant (the emulator knows it): scope errors name what it lacks


@overload
def bind_client(
    base_url: str,
    token: str,
    transport: AnyTransport | None,
    *,
    asynchronous: Literal[False],
    **options: Unpack[ClientOptions],
) -> Pinterest: ...
@overload
def bind_client(
    base_url: str,
    token: str,
    transport: AnyTransport | None,
    *,
    asynchronous: Literal[True],
    **options: Unpack[ClientOptions],
) -> AsyncPinterest: ...
def bind_client(
    base_url: str, token: str, transport: AnyTransport | None, *, asynchronous: bool, **options: Unpack[ClientOptions]
) -> Pinterest | AsyncPinterest:
    """The client the fixtures hand out: the one place that decides its type.

    A :class:`~pinterest_tools.rest.Pinterest` facade (``AsyncPinterest`` when
    ``asynchronous``) holding ``token`` as its ``access_token``, so it reads neither the
    environment's token nor a token file and never refreshes. ``base_url`` is the
    emulator's root (``PINTEREST_API_URI``'s meaning, without ``/v5``); ``transport`` is
    None on a socket, the in-process transport otherwise. ``timeout`` (seconds per request)
    and ``max_retries`` (attempts after the first) are the facade's; None keeps the
    environment's defaults (``PINTEREST_TIMEOUT``, ``PINTEREST_RETRY_ATTEMPTS``).
    """
    from pinterest_tools.rest import AsyncPinterest, Pinterest

    kind = AsyncPinterest if asynchronous else Pinterest
    return kind(access_token=token, base_url=base_url, transport=transport, **options)


class PinterestEmulator(Emulator):
    """A running emulator (either mode) with the conveniences tests want: see the plugin's docstring."""

    def __init__(
        self, services: Services, mode: Mode, *, server: ServerThread | None, transport: InProcessTransport | None
    ) -> None:
        self.services = services
        self.mode: Mode = mode
        self._socket_server = server
        self.transport = transport
        self.base_url = server.base_url if server is not None else IN_PROCESS_URL
        self._token: str | None = None
        self._clients: list[Pinterest] = []

    @property
    def token(self) -> str:
        """An access token of the default user with every v5 scope (issued once, on first use)."""
        if self._token is None:
            self._token = self.issue_token()
        return self._token

    def _token_for(self, user: str | None, scopes: Iterable[str] | None, token: str | None) -> str:
        if token is not None:
            return token
        return self.token if user is None and scopes is None else self.issue_token(user, scopes)

    def client(
        self,
        user: str | None = None,
        scopes: Iterable[str] | None = None,
        *,
        token: str | None = None,
        **options: Unpack[ClientOptions],
    ) -> Pinterest:
        """A ``Pinterest`` bound to this emulator, as ``user`` (default user) with ``scopes`` (all); closed at stop."""
        token = self._token_for(user, scopes, token)
        options.setdefault("token_scopes", self._granted(token))
        client = bind_client(self.base_url, token, self.transport, asynchronous=False, **options)
        client._wait_on(self.clock.now, self.clock.advance)  # a 429's wait passes on the emulator's clock
        self._clients.append(client)
        return client

    def async_client(
        self,
        user: str | None = None,
        scopes: Iterable[str] | None = None,
        *,
        token: str | None = None,
        **options: Unpack[ClientOptions],
    ) -> AsyncPinterest:
        """The same as an ``AsyncPinterest``; close it with ``async with`` or ``await client.aclose()``."""
        token = self._token_for(user, scopes, token)
        options.setdefault("token_scopes", self._granted(token))
        client = bind_client(self.base_url, token, self.transport, asynchronous=True, **options)
        client._wait_on(self.clock.now, self.clock.advance)
        return client

    def _granted(self, token: str) -> list[str] | None:
        """The scopes the emulator granted ``token`` (None for a token it does not know)."""
        found = self.tokens.find(token)
        return sorted(found.scopes) if found is not None else None

    def stop(self) -> None:
        """Close the sync clients handed out, then stop the server (socket) or the transport (in process)."""
        for client in self._clients:
            client.close()
        self._clients.clear()
        if self._socket_server is not None:
            self._socket_server.stop()
        if self.transport is not None:
            self.transport.shutdown()


@contextlib.contextmanager
def start_emulator(
    mode: Mode = "socket", *, data: DataSource = None, **options: Unpack[Options]
) -> Iterator[PinterestEmulator]:
    """A fresh emulator for one test; stopped on exit. ``data`` and ``options`` as for ``run_emulator``."""
    if mode not in MODES:
        raise ValueError(f"emulator mode must be one of {', '.join(MODES)}, not {mode!r}")
    services = Services(make_settings(**options), load_state(data))
    app = build_app(services)
    if mode == "socket":
        server = ServerThread(app)
        server.start()
        emulator = PinterestEmulator(services, mode, server=server, transport=None)
    else:
        emulator = PinterestEmulator(services, mode, server=None, transport=InProcessTransport(app))
    try:
        yield emulator
    finally:
        emulator.stop()

"""An emulator for tests of code that uses pinterest-tools, on a socket or in process.

``start_emulator(mode="socket" | "inprocess", data=None, **options)`` is what the pytest
plugin (``pinterest_tools.emulator.pytest_plugin``, which documents the handle's
contract) runs per test; it also works without pytest::

    with start_emulator(mode="inprocess") as emu:
        emu.seed({"users": [{"username": "ana", "boards": [{"name": "Soups"}]}]})
        with emu.client(user="ana") as client:
            ...

Socket mode is ``run_emulator()``: uvicorn on a free loopback port. In-process mode
builds the same app and serves it through :class:`~.inprocess.InProcessTransport`, with
``base_url`` :data:`~.inprocess.IN_PROCESS_URL`: no socket and no server thread, so a
request costs a function call rather than a loopback round trip.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Unpack

from .app import build_app
from .emulator import DataSource, Emulator, load_state
from .inprocess import IN_PROCESS_URL, InProcessTransport
from .seeding import seed
from .server import ServerThread
from .services import Services
from .settings import Options, make_settings

if TYPE_CHECKING:
    from pinterest_tools.http.client import PinterestClient
    from pinterest_tools.http.transport import AnyTransport

Mode = Literal["socket", "inprocess"]
MODES: tuple[Mode, ...] = ("socket", "inprocess")


def bind_client(
    base_url: str, token: str, transport: AnyTransport | None, *, asynchronous: bool, **options: Any
) -> PinterestClient:
    """The client the fixtures hand out: the one place that decides its type.

    ``base_url`` is the emulator's root (``PINTEREST_API_URI``'s meaning, without
    ``/v5``); ``transport`` is None on a socket. ``options`` go to ``open_client``
    (``timeout``, ``retry``). ``PinterestClient.api`` serves the generated sync and
    async functions alike, so ``asynchronous`` changes nothing yet; it is there for a
    client type with separate sync and async classes.
    """
    from pinterest_tools.config import Config
    from pinterest_tools.http.client import open_client
    from pinterest_tools.oauth.tokens import Token

    from .apps import DEMO_APP_ID, DEMO_APP_SECRET

    config = Config(
        version=5,
        app_id=DEMO_APP_ID,
        app_secret=DEMO_APP_SECRET,
        api_uri=base_url,
        oauth_uri=base_url,
        token_dir=Path("pinterest-emulator-tokens"),  # never written: the client gets no token store
        redirect_port=8085,
        landing_uri=None,
        sandbox=False,
    )
    return open_client(config, Token(name="emulator", access_token=token), transport=transport, **options)


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
        self._clients: list[PinterestClient] = []

    @property
    def token(self) -> str:
        """An access token of the default user with every v5 scope (issued once, on first use)."""
        if self._token is None:
            self._token = self.issue_token()
        return self._token

    def seed(self, document: Mapping[str, Any]) -> dict[str, Any]:
        """Add a data-file document to the current data (see ``seeding``); returns the seeded users, ids filled."""
        return seed(self.state, document)

    def _client(
        self, user: str | None, scopes: Iterable[str] | None, token: str | None, asynchronous: bool, options: Any
    ) -> PinterestClient:
        if token is None:
            token = self.token if user is None and scopes is None else self.issue_token(user, scopes)
        client = bind_client(self.base_url, token, self.transport, asynchronous=asynchronous, **options)
        if not asynchronous:
            self._clients.append(client)
        return client

    def client(
        self, user: str | None = None, scopes: Iterable[str] | None = None, *, token: str | None = None, **options: Any
    ) -> PinterestClient:
        """A client bound to this emulator, as ``user`` (default user) with ``scopes`` (all); closed at stop."""
        return self._client(user, scopes, token, False, options)

    def async_client(
        self, user: str | None = None, scopes: Iterable[str] | None = None, *, token: str | None = None, **options: Any
    ) -> PinterestClient:
        """The same for async code; close it with ``async with`` or ``await client.aclose()``."""
        return self._client(user, scopes, token, True, options)

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

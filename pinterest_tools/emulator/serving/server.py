"""Running the emulator: uvicorn on a socket bound up front, in a thread or in the foreground.

The socket is bound before uvicorn starts, so port 0 works and the base URL is known
before the first request. The HTTP protocol is uvicorn's h11 one with the connection's
transport added to each request's scope, because dropping a connection without an answer
(the ``drop-*`` faults) has no other ASGI spelling.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import threading
import time
from collections.abc import MutableMapping
from typing import Any

import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from pinterest_tools.emulator.serving.fault_injection import TRANSPORT_KEY


class _Protocol(H11Protocol):
    """uvicorn's h11 protocol, plus ``scope[TRANSPORT_KEY]`` for the fault layer."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        app = self.app

        async def with_transport(scope: MutableMapping[str, Any], receive: Any, send: Any) -> None:
            scope[TRANSPORT_KEY] = self._transport
            await app(scope, receive, send)

        self.app = with_transport

    def _transport(self) -> asyncio.Transport:
        return self.transport


def bind(host: str, port: int) -> socket.socket:
    """A listening TCP socket. IPPROTO_TCP matters: asyncio turns Nagle off (TCP_NODELAY)
    only on sockets that say they are TCP, and with Nagle on every answer waits ~40 ms."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(128)
    except BaseException:  # a port in use, an unknown host: the caller reports it, nothing stays open
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


def base_url(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def make_server(app: Any, *, log_level: str = "warning", access_log: bool = False) -> uvicorn.Server:
    config = uvicorn.Config(
        app,
        http=_Protocol,
        ws="none",
        lifespan="off",
        log_config=None,
        log_level=log_level,
        access_log=access_log,
        timeout_graceful_shutdown=2,
    )
    return uvicorn.Server(config)


class ServerThread:
    """A uvicorn server for ``app`` in a daemon thread; ``start()`` returns once it listens."""

    def __init__(self, app: Any, host: str = "127.0.0.1", port: int = 0) -> None:
        self.socket = bind(host, port)
        self.base_url = base_url(self.socket)
        self.server = make_server(app)
        self._thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [self.socket]}, name=f"emulator {self.base_url}", daemon=True
        )

    def start(self, timeout: float = 10.0) -> None:
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self.server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                self.socket.close()
                raise RuntimeError(f"the emulator did not start on {self.base_url}")
            time.sleep(0.002)

    def stop(self, timeout: float = 10.0) -> None:
        self.server.should_exit = True
        self._thread.join(timeout)
        self.socket.close()

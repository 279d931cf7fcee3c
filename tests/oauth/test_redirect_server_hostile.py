"""The OAuth redirect server among hostile local clients: any program on this machine can
connect to its loopback port, and none of them may hold up, crash or end the flow."""

from __future__ import annotations

import logging
import re
import select
import socket
import struct
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack

import httpx
import pytest

from pinterest_tools.errors import TokenError
from pinterest_tools.oauth.browser import RedirectServer


def connect(server: RedirectServer) -> socket.socket:
    return socket.create_connection(("127.0.0.1", server.port), timeout=10)


def exchange(server: RedirectServer, raw: bytes) -> bytes:
    """Send ``raw`` on a fresh connection; everything the server answers before it closes."""
    with connect(server) as sock:
        sock.sendall(raw)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
        return answer


def status_of(answer: bytes) -> int:
    """The answer's status; a request line too broken to name a version is answered HTTP/0.9-style,
    with the error page alone."""
    if answer.startswith(b"HTTP/"):
        return int(answer.split(b" ", 2)[1])
    found = re.search(rb"Error code: (\d+)", answer)
    assert found, answer[:200]
    return int(found[1])


def closed_by_server(sock: socket.socket) -> bool:
    """Whether the server has ended this connection (EOF or reset), looking for up to 0.2 s."""
    if not select.select([sock], [], [], 0.2)[0]:
        return False
    try:
        return sock.recv(1) == b""
    except OSError:
        return True


class Trickler:
    """A client that sends one byte of a request line every 0.1 s until stopped or cut off by the server."""

    def __init__(self) -> None:
        self.started = threading.Event()
        self.cut = threading.Event()  # the server ended the connection
        self.stop = threading.Event()
        self.thread: threading.Thread | None = None

    def start(self, server: RedirectServer) -> None:
        self.thread = threading.Thread(target=self._trickle, args=(server,), daemon=True)
        self.thread.start()
        assert self.started.wait(10)

    def _trickle(self, server: RedirectServer) -> None:
        with connect(server) as sock:
            sock.sendall(b"GET /")
            self.started.set()
            while not self.stop.is_set():
                try:
                    sock.sendall(b"a")
                except OSError:
                    self.cut.set()
                    return
                if closed_by_server(sock):
                    self.cut.set()
                    return
                self.stop.wait(0.1)


@pytest.fixture
def trickler() -> Iterator[Trickler]:
    client = Trickler()
    yield client
    client.stop.set()
    if client.thread is not None:
        client.thread.join(10)


def test_the_overall_deadline_holds_while_a_client_trickles(trickler: Trickler) -> None:
    """One byte every few seconds held the single-threaded server; wait(2) returned after 15 s."""
    with RedirectServer(0, "s") as server:
        server.connection_deadline = 60  # the trickle outlasts the wait
        trickler.start(server)
        began = time.monotonic()
        with pytest.raises(TokenError, match="no OAuth redirect arrived within 2 seconds"):
            server.wait(2)
        assert time.monotonic() - began < 2 + 5  # a generous bound: the trickle alone lasts until the test ends
    assert not trickler.cut.is_set()  # the trickle still ran: it did not end the wait


def test_a_trickling_connection_is_cut_at_its_deadline(trickler: Trickler) -> None:
    with RedirectServer(0, "s") as server:
        server.connection_deadline = 0.5
        trickler.start(server)
        result: dict[str, object] = {}
        waiting = threading.Thread(target=lambda: result.update(error=_wait_error(server, 30)), daemon=True)
        waiting.start()
        # Without a deadline per connection a byte every 0.1 s keeps it open forever (each read is quick).
        assert trickler.cut.wait(20)
        assert status_of(exchange(server, b"GET /?code=c&state=s HTTP/1.0\r\n\r\n")) == 200
        waiting.join(10)
    assert result == {"error": None}


def _wait_error(server: RedirectServer, timeout: float) -> TokenError | None:
    try:
        server.wait(timeout)
    except TokenError as exc:
        return exc
    return None


def test_hostile_neighbours_do_not_stop_the_real_browser(
    trickler: Trickler, caplog: pytest.LogCaptureFixture, capfd: pytest.CaptureFixture[str]
) -> None:
    """Many idle connections, garbage, huge headers, wrong paths and methods, a foreign state and a reset
    connection: each is answered or dropped, none ends the flow, and no traceback is printed."""
    caplog.set_level(logging.DEBUG, logger="pinterest_tools.oauth.browser")
    with RedirectServer(0, "s") as server:
        trickler.start(server)
        result: dict[str, object] = {}
        waiting = threading.Thread(target=lambda: result.update(error=_wait_error(server, 60)), daemon=True)
        waiting.start()
        idle = ExitStack()
        for _ in range(40):
            idle.enter_context(connect(server))  # never sends a byte
        # Each request is exactly what the server reads before it answers: bytes left unread when it
        # closes would make the kernel reset the connection, and the answer could be lost.
        assert status_of(exchange(server, b"\x00\xff\xfe garbage \x01\r\n")) == 400
        assert status_of(exchange(server, b"NONSENSE\r\n")) == 400
        assert status_of(exchange(server, b"\x00\xff garbage HTTP/1.1\r\n\r\n")) == 501
        assert status_of(exchange(server, b"GET / HTTP/9.9\r\n")) == 505
        assert exchange(server, b"\r\n") == b""  # an empty request line: closed unanswered
        line_limit = 65_536  # http.server's and http.client's longest line
        assert status_of(exchange(server, b"GET /?" + b"a" * (line_limit + 1 - 6))) == 414
        assert status_of(exchange(server, b"GET / HTTP/1.1\r\nX: " + b"a" * (line_limit + 1 - 3))) == 431
        many_headers = b"".join(b"X-%d: y\r\n" % n for n in range(101))  # one more than http.client takes
        assert status_of(exchange(server, b"GET /?code=c&state=s HTTP/1.1\r\n" + many_headers)) == 431
        assert status_of(exchange(server, b"GET /favicon.ico HTTP/1.1\r\n\r\n")) == 404
        assert status_of(exchange(server, b"GET /other?code=c&state=s HTTP/1.1\r\n\r\n")) == 404
        assert status_of(exchange(server, b"POST /?code=c&state=s HTTP/1.1\r\nContent-Length: 0\r\n\r\n")) == 501
        assert status_of(exchange(server, b"GET /?code=stolen&state=forged HTTP/1.1\r\n\r\n")) == 400
        with connect(server) as reset:  # closes with a TCP reset while the server reads the request line
            reset.sendall(b"GET /?code=")
            reset.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        assert "code" not in result and "error" not in result  # none of them ended the wait
        page = httpx.get(f"http://127.0.0.1:{server.port}/?code=the-code&state=s", timeout=10)
        waiting.join(10)
        idle.close()
    assert page.status_code == 200 and result == {"error": None} and server.code == "the-code"
    assert "Traceback" not in capfd.readouterr().err
    assert not [record for record in caplog.records if record.levelno > logging.DEBUG]


def test_a_reset_connection_is_logged_at_debug_not_printed(
    caplog: pytest.LogCaptureFixture, capfd: pytest.CaptureFixture[str]
) -> None:
    """A client that reset its connection printed socketserver's traceback at the default level."""
    caplog.set_level(logging.DEBUG, logger="pinterest_tools.oauth.browser")
    with RedirectServer(0, "s") as server:
        result: dict[str, object] = {}
        waiting = threading.Thread(target=lambda: result.update(error=_wait_error(server, 30)), daemon=True)
        waiting.start()
        with connect(server) as reset:
            reset.sendall(b"GET /?code=c&state=s HTTP/1.1\r\nHost: x\r\n")  # headers not finished
            reset.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        # The server's failed read is handled in its own thread; look until it has been logged.
        for _ in range(200):
            if any("connection failed" in record.getMessage() for record in caplog.records):
                break
            time.sleep(0.05)
        assert status_of(exchange(server, b"GET /?code=c&state=s HTTP/1.0\r\n\r\n")) == 200
        waiting.join(10)
    failed = [record for record in caplog.records if "connection failed" in record.getMessage()]
    assert [record.levelno for record in failed] == [logging.DEBUG] and failed[0].exc_info is not None
    assert "Traceback" not in capfd.readouterr().err and result == {"error": None}

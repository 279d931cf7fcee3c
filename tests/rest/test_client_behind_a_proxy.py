"""The client where users run it: behind a real proxy on 127.0.0.1, with a caller's httpx client.

The proxy here is a small forward (absolute-form ``GET http://host/path``) and ``CONNECT``
proxy in a thread, written for these tests: it records each request line it receives, so a
test sees whether a call went through it. The emulator runs on a socket (a proxy needs a
real connection). Each facade call, the async client and the ``get_pin`` command go through
it when ``HTTP_PROXY``/``HTTPS_PROXY`` point at it, and straight to the emulator when
``NO_PROXY`` covers the host or ``trust_env=False``.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import socketserver
import threading
from collections.abc import Iterator

import httpx
import pytest
from support.commands import Commands, commands_fixture  # noqa: F401 - the fixture

from pinterest_tools import __version__
from pinterest_tools.cli.commands import get_pin
from pinterest_tools.emulator import Emulator
from pinterest_tools.errors import ApiConnectionError, UsageError
from pinterest_tools.rest import AsyncPinterest, Pinterest

PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY")


class _Handler(socketserver.StreamRequestHandler):
    server: ProxyServer

    def handle(self) -> None:
        head = self._head()
        if not head:
            return
        method, target, _ = head[0].split(" ", 2)
        with self.server.lock:
            self.server.seen.append(f"{method} {target}")
        if method == "CONNECT":
            self._tunnel(target)
        else:
            self._forward(method, httpx.URL(target), head[1:])

    def _head(self) -> list[str]:
        lines = []
        while True:
            line = self.rfile.readline(65537)
            if line in (b"\r\n", b"\n", b""):
                return lines
            lines.append(line.decode("latin-1").rstrip("\r\n"))

    def _tunnel(self, target: str) -> None:
        host, _, port = target.rpartition(":")
        with socket.create_connection((host, int(port))) as upstream:
            self.wfile.write(b"HTTP/1.1 200 Connection established\r\n\r\n")
            self.wfile.flush()
            pump = threading.Thread(target=_copy, args=(upstream, self.connection), daemon=True)
            pump.start()
            _copy(self.connection, upstream)
            pump.join(5)

    def _forward(self, method: str, url: httpx.URL, headers: list[str]) -> None:
        """One request per connection: the answer carries ``Connection: close``."""
        length = next((int(h.split(":", 1)[1]) for h in headers if h.lower().startswith("content-length:")), 0)
        body = self.rfile.read(length) if length else b""
        kept = [h for h in headers if not h.lower().startswith(("connection:", "proxy-", "keep-alive:"))]
        target = url.raw_path.decode("ascii")
        request = "\r\n".join([f"{method} {target} HTTP/1.1", *kept, "Connection: close", "", ""])
        with socket.create_connection((url.host, url.port or 80)) as upstream:
            upstream.sendall(request.encode("latin-1") + body)
            answer = b""
            while chunk := upstream.recv(65536):
                answer += chunk
        head, _, rest = answer.partition(b"\r\n\r\n")
        lines = [line for line in head.split(b"\r\n") if not line.lower().startswith(b"connection:")]
        self.wfile.write(b"\r\n".join([*lines, b"Connection: close"]) + b"\r\n\r\n" + rest)
        self.wfile.flush()


def _copy(source: socket.socket, sink: socket.socket) -> None:
    try:
        while chunk := source.recv(65536):
            sink.sendall(chunk)
    except OSError:
        pass
    finally:
        for end in (sink, source):
            with contextlib.suppress(OSError):
                end.shutdown(socket.SHUT_RDWR)


class ProxyServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.seen: list[str] = []
        self.lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


@pytest.fixture
def proxy(monkeypatch: pytest.MonkeyPatch) -> Iterator[ProxyServer]:
    """A running proxy; the proxy variables of the test process cleared (either case)."""
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    server = ProxyServer()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def emulator_address(emulator: Emulator) -> str:
    return emulator.base_url.removeprefix("http://")


USER_AGENT = f"pinterest-tools/{__version__} python-httpx/{httpx.__version__}"


def test_a_facade_call_goes_through_http_proxy_and_says_who_calls(
    proxy: ProxyServer, emulator: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTTP_PROXY", proxy.url)
    with Pinterest(emulator.issue_token(), base_url=emulator.base_url) as client:
        account = client.user_account.get()
    assert account.username == "dexter_demo"
    assert proxy.seen == [f"GET {emulator.base_url}/v5/user_account"]
    (exchange,) = [e for e in emulator.exchanges if e.path == "/v5/user_account"]
    assert exchange.request_header("user-agent") == USER_AGENT


def test_no_proxy_covering_the_host_goes_straight_to_it(
    proxy: ProxyServer, emulator: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTTP_PROXY", proxy.url)
    monkeypatch.setenv("NO_PROXY", "example.com,127.0.0.1")
    with Pinterest(emulator.issue_token(), base_url=emulator.base_url) as client:
        assert client.user_account.get().username == "dexter_demo"
    assert proxy.seen == []


def test_trust_env_false_ignores_the_environment_and_proxy_sets_one(
    proxy: ProxyServer, emulator: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTTP_PROXY", proxy.url)
    token = emulator.issue_token()
    with Pinterest(token, base_url=emulator.base_url, trust_env=False) as client:
        assert client.user_account.get().username == "dexter_demo"
    assert proxy.seen == []
    monkeypatch.delenv("HTTP_PROXY")
    with Pinterest(token, base_url=emulator.base_url, proxy=proxy.url) as client:
        client.user_account.get()
        # a with_options copy with a proxy of its own is a new client: the original keeps its way
        with client.with_options(proxy=None, trust_env=False) as direct:
            direct.user_account.get()
    assert proxy.seen == [f"GET {emulator.base_url}/v5/user_account"]


def test_https_proxy_is_asked_to_connect_for_an_https_url(
    proxy: ProxyServer, emulator: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The tunnel reaches the emulator, which speaks plain http: the TLS handshake then fails, typed."""
    monkeypatch.setenv("HTTPS_PROXY", proxy.url)
    https = "https://" + emulator_address(emulator)
    with Pinterest("TOKEN", base_url=https, max_retries=0) as client, pytest.raises(ApiConnectionError) as failed:
        client.user_account.get()
    assert proxy.seen == [f"CONNECT {emulator_address(emulator)}"]
    assert str(failed.value).startswith("GET /v5/user_account failed: connection failed (ConnectError")


def test_the_async_client_goes_through_the_proxy_too(
    proxy: ProxyServer, emulator: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTTP_PROXY", proxy.url)
    token = emulator.issue_token()

    async def main() -> tuple[str, str]:
        async with AsyncPinterest(token, base_url=emulator.base_url) as client:
            first = await client.user_account.get()
        monkeypatch.setenv("NO_PROXY", "localhost,127.0.0.1")
        async with AsyncPinterest(token, base_url=emulator.base_url) as client:
            second = await client.user_account.get()
        return str(first.username), str(second.username)

    assert asyncio.run(main()) == ("dexter_demo", "dexter_demo")
    assert proxy.seen == [f"GET {emulator.base_url}/v5/user_account"]  # the second client bypassed it


def test_the_get_pin_command_goes_through_the_proxy(
    proxy: ProxyServer, commands: Commands, monkeypatch: pytest.MonkeyPatch
) -> None:
    commands.login()
    with Pinterest(commands.token(), base_url=commands.emu.base_url) as client:
        pin = client.pins.list().first_page().items[0]
    monkeypatch.setenv("HTTP_PROXY", proxy.url)
    result = commands.run(get_pin, "-p", str(pin.id))
    assert result.code == 0, result.err
    assert str(pin.id) in result.out
    assert proxy.seen == [f"GET {commands.emu.base_url}/v5/pins/{pin.id}"]
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    assert commands.run(get_pin, "-p", str(pin.id)).code == 0
    assert len(proxy.seen) == 1


def test_a_callers_http_client_sees_every_attempt_and_keeps_its_own_proxy(
    proxy: ProxyServer, emulator: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``http_client=``: its event hooks see each request, retries included; its proxy serves them."""
    monkeypatch.setenv("PINTEREST_RETRY_BACKOFF", "0")
    answers = iter([httpx.Response(503, json={"message": "busy"}), httpx.Response(200, json={"username": "ana"})])
    hooked: list[str] = []

    def hook(request: httpx.Request) -> None:
        hooked.append(f"{request.method} {request.url} auth={request.headers.get('authorization')}")

    mine = httpx.Client(transport=httpx.MockTransport(lambda request: next(answers)), event_hooks={"request": [hook]})
    with Pinterest("TOKEN", base_url="https://api.example.com", http_client=mine) as client:
        account = client.with_options(default_headers={"X-App": "mine"}).user_account.get()
    assert account.username == "ana"
    assert hooked == ["GET https://api.example.com/v5/user_account auth=Bearer TOKEN"] * 2  # the retry too
    assert not mine.is_closed  # still the caller's
    mine.close()

    with (
        httpx.Client(proxy=proxy.url) as proxied,
        Pinterest(emulator.issue_token(), base_url=emulator.base_url, http_client=proxied) as client,
    ):
        assert client.user_account.get().username == "dexter_demo"
    assert proxy.seen == [f"GET {emulator.base_url}/v5/user_account"]


def test_an_async_http_client_is_used_by_the_async_client_only(emulator: Emulator) -> None:
    seen: list[str] = []

    async def hook(request: httpx.Request) -> None:
        seen.append(request.url.path)

    async def main() -> str:
        token = emulator.issue_token()
        async with (
            httpx.AsyncClient(event_hooks={"request": [hook]}) as mine,
            AsyncPinterest(token, base_url=emulator.base_url, http_client=mine) as client,
        ):
            return str((await client.user_account.get()).username)

    assert asyncio.run(main()) == "dexter_demo" and seen == ["/v5/user_account"]
    with pytest.raises(UsageError) as refused:
        Pinterest("TOKEN", http_client=httpx.AsyncClient())  # type: ignore[arg-type]
    assert str(refused.value) == "http_client must be an httpx.Client for this client"
    with pytest.raises(UsageError) as refused:
        Pinterest("TOKEN", http_client=httpx.Client(), proxy="http://127.0.0.1:1")
    assert str(refused.value) == "http_client cannot be combined with transport or proxy: configure them on http_client"

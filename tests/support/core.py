"""Helpers for the core-layer tests: a config in a temp dir, a scripted Pinterest, a fake clock."""

from __future__ import annotations

import base64
import json
import math
import socket
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from pinterest_tools.config import Config
from pinterest_tools.http.retry import RetryPolicy

APP_ID = "test-app-id"
APP_SECRET = "test-app-secret-s3cr3t"
BASIC = "Basic " + base64.b64encode(f"{APP_ID}:{APP_SECRET}".encode()).decode()
API = "https://api.test"


def make_config(tmp_path: Path, version: int = 5, **env: str) -> Config:
    environ = {
        "PINTEREST_APP_ID": APP_ID,
        "PINTEREST_APP_SECRET": APP_SECRET,
        "PINTEREST_OAUTH_TOKEN_DIR": str(tmp_path / "tokens"),
        "PINTEREST_API_URI": API,
    } | env
    return Config.load(version=version, environ=environ)


Reply = httpx.Response | Callable[[httpx.Request], httpx.Response] | Exception


class FakePinterest:
    """A MockTransport whose replies are scripted per ``(METHOD, path)``; the last reply repeats."""

    def __init__(self) -> None:
        self.routes: dict[tuple[str, str], list[Reply]] = {}
        self.requests: list[httpx.Request] = []
        self.transport = httpx.MockTransport(self.handle)

    def add(self, method: str, path: str, *replies: Reply) -> FakePinterest:
        self.routes.setdefault((method, path), []).extend(replies)
        return self

    def handle(self, request: httpx.Request) -> httpx.Response:
        # a snapshot: the auth flow changes the same request object before resending it
        self.requests.append(
            httpx.Request(request.method, request.url, headers=request.headers, content=request.read())
        )
        replies = self.routes.get((request.method, request.url.path))
        if not replies:
            return httpx.Response(404, json={"code": 11, "message": f"no route {request.method} {request.url.path}"})
        reply = replies.pop(0) if len(replies) > 1 else replies[0]
        if isinstance(reply, Exception):
            raise reply
        if callable(reply):
            return reply(request)
        return httpx.Response(reply.status_code, headers=reply.headers, content=reply.content)

    def calls(self, method: str, path: str) -> list[httpx.Request]:
        return [r for r in self.requests if r.method == method and r.url.path == path]


def form(request: httpx.Request) -> dict[str, str]:
    from urllib.parse import parse_qsl

    return dict(parse_qsl(request.content.decode()))


def v5_token(access: str = "access-one", refresh: str | None = "refresh-one", **extra: Any) -> httpx.Response:
    body: dict[str, Any] = {
        "access_token": access,
        "token_type": "bearer",
        "expires_in": 2592000,
        "scope": "boards:read,pins:read,user_accounts:read",
        "response_type": "authorization_code",
    }
    if refresh:
        body |= {"refresh_token": refresh, "refresh_token_expires_in": 5184000}
    return httpx.Response(200, json=body | extra)


def v3_token(access: str = "access-v3", refresh: str | None = "refresh-v3") -> httpx.Response:
    data: dict[str, Any] = {"refresh_token": refresh} if refresh else {}
    return httpx.Response(
        200, json={"status": "success", "scope": "read_pins,read_users", "access_token": access, "data": data}
    )


def user_account(username: str = "pindexter") -> httpx.Response:
    return httpx.Response(
        200, json={"username": username, "account_type": "PINNER"}, headers={"x-pinterest-rid": "rid-1"}
    )


class Clock:
    """A manual clock; ``sleep`` advances it and records the waits."""

    def __init__(self, now: float = 1_700_000_000.0) -> None:
        self.now = now
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds

    async def async_sleep(self, seconds: float) -> None:
        self.sleep(seconds)

    def policy(self, **kwargs: Any) -> RetryPolicy:
        options: dict[str, Any] = {"sleep": self.sleep, "async_sleep": self.async_sleep, "clock": self}
        options |= {"random": lambda: 0.5} | kwargs
        return RetryPolicy(**options)


def json_body(request: httpx.Request) -> Any:
    return json.loads(request.content)


def free_port() -> int:
    """A loopback port that was free a moment ago (for the OAuth redirect server)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def foreign_state_clock(server: Any, slower: float = 60) -> Callable[[], float]:
    """A clock for ``RedirectServer.wait`` that is past every deadline once the server has handled a
    redirect with a foreign state, and until then runs ``slower`` times slower than the real one.

    A test of "the foreign state is reported when the wait ends" then cannot lose the race
    between its (short) deadline and the forged redirect, however loaded the machine.
    """
    return lambda: math.inf if server.mismatch is not None else time.monotonic() / slower


def fake_browser(monkeypatch: Any, query: Callable[[str], str]) -> list[str]:
    """Replace ``webbrowser.open`` with a user who answers at once: the browser is then redirected to
    ``redirect_uri?<query(state)>`` (a real GET on the loopback server). Returns the URLs opened."""
    from threading import Thread
    from urllib.parse import parse_qs, urlsplit

    from pinterest_tools.oauth import browser

    opened: list[str] = []

    def open_url(url: str) -> bool:
        opened.append(url)
        params = parse_qs(urlsplit(url).query)
        port = urlsplit(params["redirect_uri"][0]).port
        Thread(target=httpx.get, args=(f"http://127.0.0.1:{port}/?{query(params['state'][0])}",), daemon=True).start()
        return True

    monkeypatch.setattr(browser.webbrowser, "open", open_url)
    return opened


@pytest.fixture
def restore_logging() -> Any:
    """Undo configure_logging's changes to the root logger after a test."""
    import logging

    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)

"""The connection pools make TLS only for https (pinterest_tools.http.pool)."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest

from pinterest_tools.http import pool as pool_module
from pinterest_tools.http.pool import AsyncPool, Pool


class Made:
    """Records the transports the pools make instead of opening connections."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.made: list[tuple[str, Any]] = []
        made = self.made

        class Fake(httpx.BaseTransport, httpx.AsyncBaseTransport):
            def __init__(self, verify: Any = True, trust_env: bool = True, proxy: str | None = None) -> None:
                self.verify = verify
                made.append(("made", verify) if proxy is None else ("made", verify, proxy))

            def handle_request(self, request: httpx.Request) -> httpx.Response:
                return httpx.Response(200, text=f"{request.url.scheme} verify={self.verify}")

            async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
                return httpx.Response(200, text=f"{request.url.scheme} verify={self.verify}")

            def close(self) -> None:
                made.append(("closed", self.verify))

            async def aclose(self) -> None:
                made.append(("closed", self.verify))

        monkeypatch.setattr(pool_module.httpx, "HTTPTransport", Fake)
        monkeypatch.setattr(pool_module.httpx, "AsyncHTTPTransport", Fake)


def test_https_is_verified_and_made_only_when_needed(monkeypatch: pytest.MonkeyPatch) -> None:
    record = Made(monkeypatch)
    pool = Pool()
    assert record.made == []  # nothing is made, no CA bundle is loaded, until a request needs it
    plain = pool.handle_request(httpx.Request("GET", "http://127.0.0.1:9/v5/pins/1"))
    assert plain.text == "http verify=False" and record.made == [("made", False)]
    secure = pool.handle_request(httpx.Request("GET", "https://api.pinterest.com/v5/pins/1"))
    assert secure.text == "https verify=True"
    pool.handle_request(httpx.Request("GET", "https://api.pinterest.com/v5/pins/2"))
    assert record.made == [("made", False), ("made", True)]  # one pool per scheme, reused
    pool.close()
    assert sorted(record.made[2:]) == [("closed", False), ("closed", True)]


def test_the_async_pool_does_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    record = Made(monkeypatch)

    async def run() -> list[str]:
        pool = AsyncPool()
        answers = [
            (await pool.handle_async_request(httpx.Request("GET", url))).text
            for url in ("http://127.0.0.1:9/x", "https://api.pinterest.com/x")
        ]
        await pool.aclose()
        return answers

    assert asyncio.run(run()) == ["http verify=False", "https verify=True"]
    assert record.made[:2] == [("made", False), ("made", True)]

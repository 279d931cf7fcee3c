"""Running the ads commands in-process against a scripted Pinterest (httpx.MockTransport), v5 or v3.

`scripted` (import `scripted_fixture`) sets the environment (API host https://api.test, app
credentials, a token in ACCESS_TOKEN and ACCESS_TOKEN_V3, tiny retry backoffs) and gives a
`Scripted` whose `fake` (a core_support.FakePinterest) answers every request; `run(module,
*argv, version=5)` runs the command with the fake as transport. `v5_ads(fake)` and
`v3_ads(fake)` script a small hierarchy: one ad account (two for v5), two campaigns, ...
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest

from pinterest_tools.http.transport import use_transport
from support.commands import Result, TtyInput
from support.core import FakePinterest

API = "https://api.test"


def page(items: list[dict[str, Any]], bookmark: str | None = None) -> httpx.Response:
    return httpx.Response(200, json={"items": items, "bookmark": bookmark})


def envelope(data: Any, bookmark: str | None = None) -> httpx.Response:
    body: dict[str, Any] = {"status": "success", "code": 0, "message": "ok", "data": data}
    if bookmark is not None:
        body["bookmark"] = bookmark
    return httpx.Response(200, json=body)


V5_USER = {"username": "adsperson", "account_type": "BUSINESS", "id": "77"}
V3_USER = {"id": "77", "username": "adsperson", "full_name": "Ads Person"}


def v5_ads(fake: FakePinterest) -> FakePinterest:
    fake.add("GET", "/v5/user_account", httpx.Response(200, json=V5_USER))
    fake.add("GET", "/v5/ad_accounts", page([{"id": "500", "name": "Shop"}, {"id": "501", "name": "Other"}]))
    fake.add(
        "GET",
        "/v5/ad_accounts/500/campaigns",
        page([{"id": "600", "name": "Spring", "status": "ACTIVE"}, {"id": "601", "name": "Fall", "status": "PAUSED"}]),
    )
    fake.add("GET", "/v5/ad_accounts/501/campaigns", page([]))
    fake.add("GET", "/v5/ad_accounts/500/ad_groups", page([{"id": "700", "name": "Group", "status": "ACTIVE"}]))
    fake.add(
        "GET",
        "/v5/ad_accounts/500/ads",
        page([{"id": "800", "name": "Ad one", "status": "ACTIVE"}, {"id": "801", "name": "Ad two"}]),
    )
    return fake


def v3_ads(fake: FakePinterest) -> FakePinterest:
    fake.add("GET", "/v3/users/me/", envelope(V3_USER))
    fake.add("GET", "/ads/v4/advertisers/", envelope([{"id": "500", "name": "Shop", "status": "ACTIVE"}]))
    fake.add("GET", "/ads/v4/advertisers/500/campaigns", envelope([{"id": "600", "name": "Spring"}]))
    fake.add("GET", "/ads/v4/advertisers/500/ad_groups", envelope([{"id": "700", "name": "Group"}]))
    fake.add("GET", "/ads/v4/advertisers/500/ads", envelope([{"id": "800", "name": "Ad one"}]))
    return fake


class Scripted:
    def __init__(self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        self.monkeypatch = monkeypatch
        self.capsys = capsys
        self.tmp_path = tmp_path
        self.fake = FakePinterest()
        for name, value in {
            "PINTEREST_API_URI": API,
            "PINTEREST_APP_ID": "test-app-id",
            "PINTEREST_APP_SECRET": "test-app-secret",
            "PINTEREST_OAUTH_TOKEN_DIR": str(tmp_path / "tokens"),
            "PINTEREST_RETRY_BACKOFF": "0.001",
            "ACCESS_TOKEN": "scripted-token-v5",
            "ACCESS_TOKEN_V3": "scripted-token-v3",
        }.items():
            monkeypatch.setenv(name, value)
        for name in ("PINTEREST_API_VERSION", "PINTEREST_SANDBOX"):
            monkeypatch.delenv(name, raising=False)

    def run(
        self, module: ModuleType, *argv: str, version: int = 5, stdin: str | None = None, tty: bool = False
    ) -> Result:
        self.capsys.readouterr()
        self.monkeypatch.setattr(sys, "stdin", (TtyInput if tty else io.StringIO)(stdin or ""))
        with use_transport(self.fake.transport):
            code = module.main(["-l", "1", "-v", str(version), *argv])
        captured = self.capsys.readouterr()
        return Result(code, captured.out, captured.err)

    def query(self, path: str, method: str = "GET") -> list[dict[str, list[str]]]:
        """The query parameters of each request to ``path`` (repeated names keep every value)."""
        found = []
        for request in self.fake.calls(method, path):
            params: dict[str, list[str]] = {}
            for key, value in request.url.params.multi_items():
                params.setdefault(key, []).append(value)
            found.append(params)
        return found


@pytest.fixture(name="scripted")
def scripted_fixture(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> Iterator[Scripted]:
    """A scripted Pinterest; the working directory is tmp_path (for files the commands write)."""
    import logging

    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    monkeypatch.chdir(tmp_path)
    yield Scripted(monkeypatch, capsys, tmp_path)
    root.handlers[:] = handlers
    root.setLevel(level)

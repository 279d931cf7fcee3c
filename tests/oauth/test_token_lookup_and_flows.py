"""Upstream's lookup order (environment, file, OAuth) and whole OAuth flows over a real loopback redirect."""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from pinterest_api_v5.api.user_account import user_account_get
from support.core import (
    FakePinterest,
    fake_browser,
    foreign_state_clock,
    form,
    free_port,
    make_config,
    user_account,
    v5_token,
)

from pinterest_tools.config import Config
from pinterest_tools.connection import connect
from pinterest_tools.errors import TokenError
from pinterest_tools.oauth import browser
from pinterest_tools.oauth.flow import new_token, obtain_token
from pinterest_tools.oauth.tokens import FileTokenStore, Token

TOKEN_PATH = "/v5/oauth/token"


def oauth_config(tmp_path: Path) -> Config:
    return make_config(tmp_path, PINTEREST_REDIRECT_PORT=str(free_port()))


@pytest.fixture
def user_allows(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A browser whose user grants access; records the authorization URLs it was sent to."""
    return fake_browser(monkeypatch, lambda state: f"code=the-auth-code&state={state}")


def test_environment_then_file(tmp_path: Path) -> None:
    config = make_config(tmp_path)
    FileTokenStore(config.store_dir).save(Token("mine", "file-token-1"))
    assert obtain_token(config, "mine", environ={"MINE": "env-token-1"}).access_token == "env-token-1"
    token = obtain_token(config, "mine", environ={})
    assert (token.access_token, token.source) == ("file-token-1", "file")


def test_oauth_when_neither_exists(tmp_path: Path, user_allows: list[str], caplog: pytest.LogCaptureFixture) -> None:
    config = oauth_config(tmp_path)
    fake = FakePinterest().add("POST", TOKEN_PATH, v5_token("oauth-access", "oauth-refresh"))
    with caplog.at_level(logging.INFO):
        token = obtain_token(config, environ={}, transport=fake.transport, notify=lambda text: None)
    assert (token.name, token.access_token, token.source) == ("access_token", "oauth-access", "oauth")
    assert "Setting to default: user_accounts:read,pins:read,boards:read" in caplog.text
    scope = parse_qs(urlsplit(user_allows[0]).query)["scope"]
    assert scope == ["user_accounts:read,pins:read,boards:read"]
    assert form(fake.requests[0])["code"] == "the-auth-code"
    assert not FileTokenStore(config.store_dir).exists("access_token")  # written only on request (-w)


def test_state_mismatch_means_no_token_exchange(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = oauth_config(tmp_path)

    fake_browser(monkeypatch, lambda state: "code=stolen-code&state=forged")
    monkeypatch.setattr(browser, "REDIRECT_TIMEOUT", 0.5)  # a foreign state is reported when the wait ends
    wait = browser.RedirectServer.wait  # ... which is once the forged redirect is in, on a loaded machine too
    monkeypatch.setattr(
        browser.RedirectServer,
        "wait",
        lambda server, timeout, clock=None, abandon=None: wait(server, timeout, foreign_state_clock(server), abandon),
    )
    fake = FakePinterest().add("POST", TOKEN_PATH, v5_token())
    with pytest.raises(TokenError, match="state does not match"):
        new_token(config, "t", ["pins:read"], transport=fake.transport, notify=lambda text: None)
    assert fake.requests == []


def test_access_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = oauth_config(tmp_path)

    fake_browser(monkeypatch, lambda state: f"error=access_denied&state={state}")
    fake = FakePinterest()
    with pytest.raises(TokenError, match="access_denied"):
        new_token(config, "t", None, transport=fake.transport, notify=lambda text: None)
    assert fake.requests == []


def test_no_oauth_where_the_command_does_not_allow_it(tmp_path: Path) -> None:
    config = make_config(tmp_path)
    with pytest.raises(TokenError) as info:
        obtain_token(config, "mine", allow_oauth=False, environ={})
    assert "MINE" in info.value.message and str(config.store_dir / "mine.json") in info.value.message
    assert "get_access_token -w -a mine" in (info.value.hint or "")


def test_corrupt_file_is_reported_not_skipped(tmp_path: Path, user_allows: list[str]) -> None:
    config = make_config(tmp_path)
    config.store_dir.mkdir(parents=True)
    (config.store_dir / "access_token.json").write_text("")
    with pytest.raises(TokenError, match="corrupt"):
        obtain_token(config, environ={})
    assert user_allows == []


def test_client_credentials_fallback(tmp_path: Path) -> None:
    fake = FakePinterest().add("POST", TOKEN_PATH, v5_token("app-token", refresh=None))
    token = obtain_token(make_config(tmp_path), "app", client_credentials=True, environ={}, transport=fake.transport)
    assert token.access_token == "app-token"
    assert form(fake.requests[0]) == {
        "grant_type": "client_credentials",
        "scope": "user_accounts:read,pins:read,boards:read",
    }


def test_missing_scope_of_a_file_token_is_mentioned(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    config = make_config(tmp_path)
    FileTokenStore(config.store_dir).save(Token("access_token", "file-token-1", scopes="pins:read"))
    obtain_token(config, scopes=["pins:read", "boards:write"], environ={})
    assert "granted without boards:write" in caplog.text


def test_connect_saves_refreshed_file_tokens_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = make_config(tmp_path)
    store = FileTokenStore(config.store_dir)
    store.save(Token("access_token", "old-access", "old-refresh"))
    expired = httpx.Response(401, json={"code": 2, "message": "Authentication failed."})
    fake = (
        FakePinterest()
        .add("GET", "/v5/user_account", expired, user_account())
        .add("POST", TOKEN_PATH, v5_token("new-access", "new-refresh"))
    )
    monkeypatch.delenv("ACCESS_TOKEN", raising=False)
    with connect(config, transport=fake.transport) as client:
        user_account_get.sync_detailed(client=client.v5)
    assert store.load("access_token").refresh_token == "new-refresh"

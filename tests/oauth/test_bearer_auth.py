"""PinterestAuth through the generated client: bearer per request, refresh before expiry and after a 401."""

from __future__ import annotations

import stat
import threading
import time
from pathlib import Path

import httpx
import pytest
from pinterest_api_v5.api.user_account import user_account_get
from support.core import BASIC, Clock, FakePinterest, form, make_config, user_account, v5_token

from pinterest_tools.connection import open_client
from pinterest_tools.errors import AuthenticationError, InsufficientScopeError, TokenError
from pinterest_tools.oauth.bearer import PinterestAuth
from pinterest_tools.oauth.tokens import FileTokenStore, Token

EXPIRED = httpx.Response(401, json={"code": 2, "message": "Authentication failed."})
TOKEN_PATH = "/v5/oauth/token"


def stored_token(tmp_path: Path, **kwargs: object) -> tuple[Token, FileTokenStore]:
    store = FileTokenStore(make_config(tmp_path).store_dir)
    token = Token("access_token", "old-access", "old-refresh", "user_accounts:read", **kwargs)  # type: ignore[arg-type]
    store.save(token)
    return store.load("access_token"), store


def test_bearer_header_on_every_request(tmp_path: Path) -> None:
    fake = FakePinterest().add("GET", "/v5/user_account", user_account())
    with open_client(
        make_config(tmp_path), Token("access_token", "access-token-1"), transport=fake.transport
    ) as client:
        user_account_get.sync_detailed(client=client.v5)
        user_account_get.sync_detailed(client=client.v5)
    assert [r.headers.get_list("authorization") for r in fake.requests] == [["Bearer access-token-1"]] * 2


def test_401_refreshes_once_retries_and_saves_the_rotated_token(tmp_path: Path) -> None:
    token, store = stored_token(tmp_path)
    fake = (
        FakePinterest()
        .add("GET", "/v5/user_account", EXPIRED, user_account())
        .add("POST", TOKEN_PATH, v5_token("new-access", "new-refresh"))
    )
    with open_client(make_config(tmp_path), token, store=store, transport=fake.transport) as client:
        response = user_account_get.sync_detailed(client=client.v5)
        assert response.status_code == 200
        assert client.token.access_token == "new-access"
    api_calls = fake.calls("GET", "/v5/user_account")
    assert [r.headers["authorization"] for r in api_calls] == ["Bearer old-access", "Bearer new-access"]
    (refresh,) = fake.calls("POST", TOKEN_PATH)
    assert refresh.headers["authorization"] == BASIC
    assert form(refresh) == {
        "grant_type": "refresh_token",
        "refresh_token": "old-refresh",
        "continuous_refresh": "true",
    }
    saved = store.load("access_token")
    assert (saved.access_token, saved.refresh_token) == ("new-access", "new-refresh")
    assert saved.expires_at is not None and saved.refresh_token_expires_at is not None
    assert stat.S_IMODE(store.path("access_token").stat().st_mode) == 0o600


def test_automatic_refresh_before_expiry_asks_for_continuous_refresh(tmp_path: Path) -> None:
    token, store = stored_token(tmp_path, expires_at=time.time() + 10)
    fake = (
        FakePinterest()
        .add("GET", "/v5/user_account", user_account())
        .add("POST", TOKEN_PATH, v5_token("new-access", "rotated-refresh"))
    )
    with open_client(make_config(tmp_path), token, store=store, transport=fake.transport) as client:
        user_account_get.sync_detailed(client=client.v5)
    assert form(fake.calls("POST", TOKEN_PATH)[0])["continuous_refresh"] == "true"
    assert store.load("access_token").refresh_token == "rotated-refresh"


def test_refresh_shortly_before_expiry(tmp_path: Path) -> None:
    token, store = stored_token(tmp_path, expires_at=time.time() + 10)
    fake = FakePinterest().add("GET", "/v5/user_account", user_account()).add("POST", TOKEN_PATH, v5_token("fresh"))
    with open_client(make_config(tmp_path), token, store=store, transport=fake.transport) as client:
        user_account_get.sync_detailed(client=client.v5)
    assert [r.url.path for r in fake.requests] == [TOKEN_PATH, "/v5/user_account"]
    assert fake.requests[1].headers["authorization"] == "Bearer fresh"


def test_failed_refresh_tells_the_user_to_run_get_access_token(tmp_path: Path) -> None:
    token, store = stored_token(tmp_path)
    refused = httpx.Response(400, json={"code": 1, "message": "Invalid refresh token."})
    fake = FakePinterest().add("GET", "/v5/user_account", EXPIRED).add("POST", TOKEN_PATH, refused)
    client = open_client(make_config(tmp_path), token, store=store, transport=fake.transport, retry=Clock().policy())
    with client, pytest.raises(TokenError) as info:
        user_account_get.sync_detailed(client=client.v5)
    assert "refreshing access_token failed" in info.value.message and "Invalid refresh token" in info.value.message
    assert info.value.message.count("refreshing access_token failed") == 1  # it was once wrapped twice
    assert "get_access_token" in (info.value.hint or "")
    assert store.load("access_token").access_token == "old-access"


def test_second_401_after_refresh_is_an_authentication_error(tmp_path: Path) -> None:
    token, store = stored_token(tmp_path)
    fake = FakePinterest().add("GET", "/v5/user_account", EXPIRED).add("POST", TOKEN_PATH, v5_token("new-access"))
    client = open_client(make_config(tmp_path), token, store=store, transport=fake.transport)
    with client, pytest.raises(AuthenticationError) as info:
        user_account_get.sync_detailed(client=client.v5)
    assert len(fake.calls("POST", TOKEN_PATH)) == 1 and len(fake.calls("GET", "/v5/user_account")) == 2
    assert info.value.status_code == 401 and "get_access_token" in (info.value.hint or "")


def test_insufficient_scope_is_not_refreshed_and_names_the_scope(tmp_path: Path) -> None:
    token, store = stored_token(tmp_path)
    scope = httpx.Response(401, json={"code": 3, "message": "Your token does not have sufficient permissions"})
    fake = FakePinterest().add("GET", "/v5/user_account", scope)
    client = open_client(make_config(tmp_path), token, store=store, transport=fake.transport)
    with client, pytest.raises(InsufficientScopeError) as info:
        user_account_get.sync_detailed(client=client.v5)
    assert fake.calls("POST", TOKEN_PATH) == []
    assert info.value.scopes == ("user_accounts:read",) and "-s user_accounts:read" in (info.value.hint or "")


def test_token_from_environment_cannot_be_refreshed(tmp_path: Path) -> None:
    fake = FakePinterest().add("GET", "/v5/user_account", EXPIRED)
    token = Token("access_token", "env-access-token", source="env")
    client = open_client(make_config(tmp_path), token, transport=fake.transport)
    with client, pytest.raises(AuthenticationError) as info:
        user_account_get.sync_detailed(client=client.v5)
    assert "environment" in (info.value.hint or "") and "get_access_token" in (info.value.hint or "")


def test_concurrent_401s_refresh_once() -> None:
    calls: list[str] = []
    gate = threading.Event()

    def slow_refresh(old: Token) -> Token:
        calls.append(old.access_token)
        gate.wait(1)
        return Token("t", "new-access", "new-refresh")

    auth = PinterestAuth(Token("t", "old-access", "old-refresh"), refresh=slow_refresh)
    threads = [threading.Thread(target=auth._refresh, args=("old-access",)) for _ in range(3)]
    for thread in threads:
        thread.start()
    gate.set()
    for thread in threads:
        thread.join()
    assert calls == ["old-access"] and auth.token.access_token == "new-access"


@pytest.mark.anyio
async def test_async_401_refreshes_and_retries(tmp_path: Path) -> None:
    token, store = stored_token(tmp_path)
    fake = (
        FakePinterest()
        .add("GET", "/v5/user_account", EXPIRED, user_account())
        .add("POST", TOKEN_PATH, v5_token("async-access", "async-refresh"))
    )
    async with open_client(make_config(tmp_path), token, store=store, transport=fake.transport) as client:
        response = await user_account_get.asyncio_detailed(client=client.v5)
    assert response.status_code == 200
    assert fake.calls("GET", "/v5/user_account")[1].headers["authorization"] == "Bearer async-access"
    assert store.load("access_token").refresh_token == "async-refresh"

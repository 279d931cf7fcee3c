"""Token exchange, refresh and client credentials through the generated v5 and v3 clients."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from support.core import BASIC, FakePinterest, form, make_config, v3_token, v5_token

from pinterest_tools.config import Config
from pinterest_tools.errors import ConfigError, TokenError, UsageError
from pinterest_tools.oauth import exchange
from pinterest_tools.oauth.tokens import Token

V5_PATH, V3_PATH = "/v5/oauth/token", "/v3/oauth/access_token/"
NOW = 1_700_000_000.0


def clock() -> float:
    return NOW


def upstream_config(tmp_path: Path) -> Config:
    """Upstream's test credentials, so that its golden Basic header applies."""
    return make_config(tmp_path, PINTEREST_APP_ID="test-app-id", PINTEREST_APP_SECRET="test-app-secret")


def test_v5_code_exchange_body_and_basic_header(tmp_path: Path) -> None:
    fake = FakePinterest().add("POST", V5_PATH, v5_token("new-access", "new-refresh"))
    token = exchange.exchange_code(
        upstream_config(tmp_path), "mine", "test-auth-code", transport=fake.transport, clock=clock
    )
    (request,) = fake.requests
    assert request.headers["authorization"] == "Basic dGVzdC1hcHAtaWQ6dGVzdC1hcHAtc2VjcmV0"  # upstream's golden value
    assert request.headers["content-type"] == "application/x-www-form-urlencoded"
    assert request.content == (
        b"code=test-auth-code&redirect_uri=http%3A%2F%2Flocalhost%3A8085%2F&continuous_refresh=true"
        b"&grant_type=authorization_code"
    )
    assert (token.name, token.access_token, token.refresh_token) == ("mine", "new-access", "new-refresh")
    assert token.expires_at == NOW + 2592000 and token.refresh_token_expires_at == NOW + 5184000
    assert token.scopes == "boards:read,pins:read,user_accounts:read" and token.api_version == 5


def test_v3_code_exchange_is_a_form_put(tmp_path: Path) -> None:
    fake = FakePinterest().add("PUT", V3_PATH, v3_token("v3-access", "v3-refresh"))
    config = make_config(tmp_path, version=3)
    token = exchange.exchange_code(config, "access_token_v3", "the-code-123", transport=fake.transport)
    (request,) = fake.requests
    assert request.url == "https://api.test/v3/oauth/access_token/"
    assert request.headers["authorization"] == BASIC
    assert form(request) == {
        "grant_type": "authorization_code",
        "code": "the-code-123",
        "redirect_uri": "http://localhost:8085/",
    }
    assert (token.access_token, token.refresh_token, token.api_version) == ("v3-access", "v3-refresh", 3)
    assert token.scopes == "read_pins,read_users"


def test_v3_documented_layout_with_everything_in_data(tmp_path: Path) -> None:
    body = {
        "status": "success",
        "code": 0,
        "message": "ok",
        "data": {"access_token": "in-data", "expires_at": 0, "token_type": "bearer", "scope": "read_pins"},
    }
    fake = FakePinterest().add("PUT", V3_PATH, httpx.Response(200, json=body))
    token = exchange.exchange_code(make_config(tmp_path, version=3), "t", "code-abcdef", transport=fake.transport)
    assert (token.access_token, token.refresh_token, token.expires_at, token.scopes) == (
        "in-data",
        None,
        None,
        "read_pins",
    )


def test_v5_refresh_keeps_the_rotated_refresh_token(tmp_path: Path) -> None:
    fake = FakePinterest().add("POST", V5_PATH, v5_token("access-2", "refresh-2"))
    old = Token("mine", "access-1", "refresh-1", "pins:read", source="file")
    new = exchange.refresh(make_config(tmp_path), old, transport=fake.transport, clock=clock)
    assert form(fake.requests[0]) == {
        "grant_type": "refresh_token",
        "refresh_token": "refresh-1",
        "continuous_refresh": "true",
    }
    assert (new.access_token, new.refresh_token, new.source) == ("access-2", "refresh-2", "file")


def test_v5_refresh_without_a_new_refresh_token_keeps_the_old_one(tmp_path: Path) -> None:
    fake = FakePinterest().add("POST", V5_PATH, v5_token("access-2", refresh=None))
    old = Token("mine", "access-1", "refresh-1", refresh_token_expires_at=NOW + 99)
    new = exchange.refresh(make_config(tmp_path), old, transport=fake.transport, clock=clock)
    assert (new.refresh_token, new.refresh_token_expires_at) == ("refresh-1", NOW + 99)


def test_every_v5_refresh_asks_for_continuous_refresh_in_the_current_wording(tmp_path: Path) -> None:
    """The description: apps created before 2025-09-25 must send continuous_refresh=true (never refresh_on)."""
    fake = FakePinterest().add("POST", V5_PATH, v5_token("access-2", "refresh-2", response_type="refresh_token"))
    new = exchange.refresh(make_config(tmp_path), Token("t", "a-123456", "r-123456"), transport=fake.transport)
    assert form(fake.requests[0]) == {
        "grant_type": "refresh_token",
        "refresh_token": "r-123456",
        "continuous_refresh": "true",
    }
    assert new.refresh_token == "refresh-2"


def test_v3_refresh(tmp_path: Path) -> None:
    fake = FakePinterest().add("PUT", V3_PATH, v3_token("v3-new", refresh=None))
    old = Token("access_token_v3", "v3-old", "v3-refresh", api_version=3)
    new = exchange.refresh(make_config(tmp_path, version=3), old, transport=fake.transport)
    assert form(fake.requests[0]) == {"grant_type": "refresh_token", "refresh_token": "v3-refresh"}
    assert (new.access_token, new.refresh_token) == ("v3-new", "v3-refresh")


def test_refresh_needs_a_refresh_token(tmp_path: Path) -> None:
    with pytest.raises(TokenError, match="does not have a refresh token") as info:
        exchange.refresh(make_config(tmp_path), Token("t", "a-123456"))
    assert "get_access_token" in (info.value.hint or "")


def test_client_credentials(tmp_path: Path) -> None:
    fake = FakePinterest().add("POST", V5_PATH, v5_token("app-token", refresh=None, response_type="client_credentials"))
    scopes = ["user_accounts:read", "pins:read", "boards:read"]
    token = exchange.client_credentials(make_config(tmp_path), "app", scopes, transport=fake.transport)
    (request,) = fake.requests
    assert b"scope=user_accounts%3Aread%2Cpins%3Aread%2Cboards%3Aread" in request.content
    assert form(request) == {"grant_type": "client_credentials", "scope": "user_accounts:read,pins:read,boards:read"}
    assert request.headers["authorization"] == BASIC
    assert (token.access_token, token.refresh_token) == ("app-token", None)
    with pytest.raises(UsageError, match="only in API v5"):
        exchange.client_credentials(make_config(tmp_path, version=3), "app", scopes)


def test_refused_exchange_and_odd_responses_are_token_errors(tmp_path: Path) -> None:
    refused = httpx.Response(401, json={"error": "invalid_client", "error_description": "Bad client"})
    fake = FakePinterest().add("POST", V5_PATH, refused)
    with pytest.raises(TokenError, match="getting t failed: POST /v5/oauth/token failed: Bad client") as info:
        exchange.exchange_code(make_config(tmp_path), "t", "code-123456", transport=fake.transport)
    assert "redirect URI" in (info.value.hint or "")
    odd = FakePinterest().add("POST", V5_PATH, httpx.Response(200, json={"token_type": "bearer", "expires_in": 3600}))
    with pytest.raises(TokenError, match=r"unexpected token response \(KeyError\)"):
        exchange.exchange_code(make_config(tmp_path), "t", "code-123456", transport=odd.transport)
    html = FakePinterest().add("POST", V5_PATH, httpx.Response(502, text="<html>bad gateway</html>"))
    config = make_config(tmp_path)
    with pytest.raises(TokenError, match="HTTP 502"):
        exchange.refresh(config, Token("t", "a-123456", "r-123456"), transport=html.transport)
    assert len(html.requests) == 1  # a POST is not retried after a 5xx


@pytest.mark.parametrize("missing", ["expires_in", "scope", "refresh_token"])
def test_a_token_response_without_optional_fields_is_a_token(tmp_path: Path, missing: str) -> None:
    """Left out of a token reply: a missing expires_in, scope or refresh_token means unknown / none, never a crash."""
    body = {"access_token": "pina_new", "token_type": "bearer", "expires_in": 3600, "scope": "pins:read"}
    body["refresh_token"] = "pinr_new"
    body.pop(missing)
    fake = FakePinterest().add("POST", V5_PATH, httpx.Response(200, json=body))
    token = exchange.exchange_code(make_config(tmp_path), "t", "code-123456", transport=fake.transport)
    assert token.access_token == "pina_new"
    assert (token.expires_at is None) == (missing == "expires_in")
    assert token.scopes == (None if missing == "scope" else "pins:read")
    assert token.refresh_token == (None if missing == "refresh_token" else "pinr_new")


def test_missing_credentials(tmp_path: Path) -> None:
    config = make_config(tmp_path, PINTEREST_APP_SECRET="")
    with pytest.raises(ConfigError, match="PINTEREST_APP_SECRET"):
        exchange.exchange_code(config, "t", "code-123456")


@pytest.mark.parametrize(
    ("version", "reply"),
    [
        (5, v5_token("pina_NEW\r\nX-Injected: 1", "pinr_NEW")),
        (5, v5_token("pina_NEW", "pinr_NEW\nX")),
        (3, v3_token("v3_NEW TOKEN", "v3_refresh")),
        (3, v3_token("v3_NEW", "v3_REFRESH\x00")),
    ],
)
def test_a_token_a_header_cannot_carry_is_refused_not_saved(
    tmp_path: Path, version: int, reply: httpx.Response
) -> None:
    # Taken as it came, it was saved, then every request failed on it and the file read back as corrupt.
    fake = FakePinterest().add("POST" if version == 5 else "PUT", V5_PATH if version == 5 else V3_PATH, reply)
    config = make_config(tmp_path, version=version)
    with pytest.raises(TokenError) as refused:
        exchange.exchange_code(config, "t", "code-123456", transport=fake.transport)
    assert str(refused.value) == "getting t failed: unexpected token response (ValueError)"

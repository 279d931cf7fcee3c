"""Token exchange, refresh and client credentials, through the generated clients.

v5: ``POST /v5/oauth/token``; v3: ``PUT /v3/oauth/access_token/``. Both take a form body
and the app's credentials as ``Authorization: Basic base64(app_id:app_secret)``, which the
generated ``AuthenticatedClient`` sends when built with ``prefix="Basic"``.

What the responses carry that upstream dropped is kept: ``expires_in`` becomes
``expires_at``; ``refresh_token_expires_at`` (or ``_in``) too; a rotated refresh token
replaces the old one (upstream HEAD), and the old one is kept when none comes back. The v5
response model declares the ``refresh_token`` fields from API 5.28.0 on (an answer read by
an older model has them in ``additional_properties``; both are read).
v3 answers in either of two documented layouts: top-level
``access_token``/``scope`` with the refresh token in ``data``, or everything in ``data``.

Continuous refresh: the description of ``POST /v5/oauth/token`` says Pinterest no longer
supports legacy refresh tokens (365 days, hard limit) and apps created before 2025-09-25
must send ``continuous_refresh=true`` to get continuous ones (60 days, renewed with each
refresh); newer apps get them anyway. So every v5 code exchange and refresh sends it, in
the description's current wording (upstream sent the older ``refresh_on=True``, and only
when asked), and the rotated refresh token each refresh returns replaces the old one,
which then stops working. v3 has no such parameter.
"""

from __future__ import annotations

import base64
import importlib
import time
from collections.abc import Callable, Sequence
from typing import Any

import httpx

from pinterest_tools.config import Config
from pinterest_tools.errors import HINT_REAUTHORIZE, ApiStatusError, TokenError, UsageError
from pinterest_tools.http.transport import AnyTransport, httpx_args
from pinterest_tools.logs import register_secret
from pinterest_tools.oauth.token import token_text_ok
from pinterest_tools.oauth.tokens import Token

Clock = Callable[[], float]


def exchange_code(
    config: Config, name: str, code: str, *, transport: AnyTransport | None = None, clock: Clock = time.time
) -> Token:
    """Trade the authorization code from the redirect for a token."""
    register_secret(code)
    fields = {"code": code, "redirect_uri": config.redirect_uri} | _continuous(config)
    hint = f"check the app credentials and that {config.redirect_uri} is a redirect URI of the app"
    return _request(config, name, "authorization_code", fields, None, transport, clock, hint)


def refresh(
    config: Config,
    token: Token,
    *,
    transport: AnyTransport | None = None,
    clock: Clock = time.time,
) -> Token:
    """A new access token from ``token``'s refresh token (TokenError, asking to re-authorize, if refused).

    v5 asks for continuous refresh; the returned token carries the rotated refresh token,
    which the caller must save: the one it was given stops working.
    """
    if not token.refresh_token:
        raise TokenError(f"{token.name} does not have a refresh token", hint=HINT_REAUTHORIZE)
    fields = {"refresh_token": token.refresh_token} | _continuous(config)
    return _request(config, token.name, "refresh_token", fields, token, transport, clock, HINT_REAUTHORIZE)


def _continuous(config: Config) -> dict[str, str]:
    """v5's ``continuous_refresh=true`` (see the module's docstring); nothing for v3."""
    return {"continuous_refresh": "true"} if config.version == 5 else {}


def client_credentials(
    config: Config,
    name: str,
    scopes: Sequence[str],
    *,
    transport: AnyTransport | None = None,
    clock: Clock = time.time,
) -> Token:
    """An app-only token (v5 ``grant_type=client_credentials``, no browser, no refresh token)."""
    if config.version != 5:
        raise UsageError("client credentials exist only in API v5")
    fields = {"scope": ",".join(scopes)}
    return _request(config, name, "client_credentials", fields, None, transport, clock, None)


def _request(
    config: Config,
    name: str,
    grant: str,
    fields: dict[str, str],
    previous: Token | None,
    transport: AnyTransport | None,
    clock: Clock,
    hint: str | None,
) -> Token:
    app_id, app_secret = config.require_app_credentials()
    basic = base64.b64encode(f"{app_id}:{app_secret}".encode()).decode()
    register_secret(basic)
    what = "refreshing" if previous else "getting"
    try:
        body = _v5_body(grant, fields) if config.version == 5 else _v3_body(grant, fields)
        parsed = _call(config, basic, body, transport)
        if config.version == 5:
            return _v5_token(parsed, name, previous, clock())
        return _v3_token(parsed, name, previous)
    except ApiStatusError as exc:
        raise TokenError(f"{what} {name} failed: {exc.message}", hint=hint) from exc
    except (KeyError, TypeError, ValueError, AttributeError) as exc:  # a 200 the generated model cannot parse
        raise TokenError(f"{what} {name} failed: unexpected token response ({type(exc).__name__})") from None


def _call(config: Config, basic: str, body: Any, transport: AnyTransport | None) -> Any:
    """One call of the generated ``oauth_token`` operation, with the app's Basic credentials."""
    generated = importlib.import_module(f"pinterest_api_v{config.version}")
    operation = importlib.import_module(f"pinterest_api_v{config.version}.api.oauth.oauth_token")
    args = httpx_args(config.version, config.api_base_url, transport=transport)
    timeout = httpx.Timeout(config.timeout)
    with generated.AuthenticatedClient(
        base_url=config.api_base_url, token=basic, prefix="Basic", timeout=timeout, httpx_args=args
    ) as client:
        return operation.sync_detailed(client=client, body=body).parsed


def _v5_body(grant: str, fields: dict[str, str]) -> Any:
    from pinterest_api_v5.models import OauthAccessTokenRequest, OauthAccessTokenRequestGrantType

    body = OauthAccessTokenRequest(grant_type=OauthAccessTokenRequestGrantType(grant))
    body.additional_properties.update(fields)  # the request model declares only grant_type
    return body


def _v3_body(grant: str, fields: dict[str, str]) -> Any:
    from pinterest_api_v3.models import OauthTokenRequest, OauthTokenRequestGrantType

    return OauthTokenRequest(grant_type=OauthTokenRequestGrantType(grant), **fields)


def _v5_token(parsed: Any, name: str, previous: Token | None, now: float) -> Token:
    from pinterest_api_v5.models import OauthAccessTokenResponse
    from pinterest_api_v5.types import Unset

    if not isinstance(parsed, OauthAccessTokenResponse):
        raise TypeError("no token in the response")
    if not _text(parsed.access_token):
        raise KeyError("access_token")
    # API 5.28.0 declares the refresh fields on the response; an older answer's arrive as extra keys.
    extra = parsed.additional_properties

    def field(name: str) -> Any:
        value = getattr(parsed, name, None)
        return extra.get(name) if value is None or isinstance(value, Unset) else value

    _check_token_text(parsed.access_token, field("refresh_token"))
    # The rest may be missing (Pinterest's replies omit them): no expires_in is an unknown expiry, no scope the
    # scopes asked for before, no refresh_token none (or the one we had).
    new_refresh = field("refresh_token")
    refresh_expires = field("refresh_token_expires_at")
    if not isinstance(refresh_expires, int | float) and isinstance(field("refresh_token_expires_in"), int):
        refresh_expires = now + field("refresh_token_expires_in")
    if not isinstance(new_refresh, str) or not new_refresh:
        new_refresh = previous.refresh_token if previous else None
        refresh_expires = previous.refresh_token_expires_at if previous else None
    return Token(
        name=name,
        access_token=parsed.access_token,
        refresh_token=new_refresh,
        scopes=parsed.scope or (previous.scopes if previous else None),
        token_type=parsed.token_type or "bearer",
        expires_at=now + parsed.expires_in if parsed.expires_in else None,
        refresh_token_expires_at=refresh_expires if isinstance(refresh_expires, int | float) else None,
        api_version=5,
        source=previous.source if previous else "oauth",
    )


def _v3_token(parsed: Any, name: str, previous: Token | None) -> Token:
    from pinterest_api_v3.models import OauthToken, OauthTokenResponse

    if not isinstance(parsed, OauthTokenResponse):
        raise TypeError("no token in the response")
    data = parsed.data if isinstance(parsed.data, OauthToken) else OauthToken()
    access = _text(parsed.access_token) or _text(data.access_token)
    if not access:
        raise KeyError("access_token")
    _check_token_text(access, data.refresh_token)
    expires_at = data.expires_at if isinstance(data.expires_at, int) and data.expires_at > 0 else None
    return Token(
        name=name,
        access_token=access,
        refresh_token=_text(data.refresh_token) or (previous.refresh_token if previous else None),
        scopes=_text(parsed.scope) or _text(data.scope) or (previous.scopes if previous else None),
        token_type=_text(data.token_type) or "bearer",
        expires_at=float(expires_at) if expires_at else None,
        api_version=3,
        source=previous.source if previous else "oauth",
    )


def _check_token_text(*tokens: object) -> None:
    """ValueError (never showing it) for a token a header could not carry: it would be saved,
    then refused by every request and read back as a corrupt file."""
    for token in tokens:
        if isinstance(token, str) and token and not token_text_ok(token):
            raise ValueError("not a token")


def _text(value: object) -> str | None:
    """A non-empty string, or None (for ``None`` and anything else)."""
    return value if isinstance(value, str) and value else None

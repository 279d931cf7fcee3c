"""The server over Streamable HTTP for hosted agents: the SDK's app at its default path ``/mcp``, behind a bearer token.

``pinterest-tools mcp --http HOST:PORT`` serves it. Every request must carry
``Authorization: Bearer <token>``: the token comes from ``PINTEREST_MCP_TOKEN`` or is
generated at start and printed once (to stderr, never to the log). Anyone who can reach the
port with the token acts with the user's Pinterest token under the server's flags, so the
default address is loopback, and binding any other address without ``PINTEREST_MCP_TOKEN``
set is refused: a token printed on a console is fine for one's own machine, not for a server
others reach. The SDK's DNS-rebinding protection stays on for loopback addresses.
"""

from __future__ import annotations

import hmac
import ipaddress
import os
import secrets
import sys
from typing import TYPE_CHECKING, Any

from pinterest_tools.errors import UsageError

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable, MutableMapping

    from mcp.server.lowlevel import Server

    from pinterest_tools.mcp_server.oauth_server import PinterestSignIn

    Scope = MutableMapping[str, Any]
    Message = MutableMapping[str, Any]
    Receive = Callable[[], Awaitable[Message]]
    Send = Callable[[Message], Awaitable[None]]
    App = Callable[[Scope, Receive, Send], Awaitable[None]]

TOKEN_VARIABLE = "PINTEREST_MCP_TOKEN"
PATH = "/mcp"  # the SDK's default streamable_http_path
MIN_TOKEN_LENGTH = 16


def parse_address(text: str) -> tuple[str, int]:
    """``HOST:PORT`` (``[::1]:PORT`` for IPv6; ``PORT`` alone means 127.0.0.1) as ``(host, port)``."""
    host, _, port = text.rpartition(":")
    host = host.strip("[]") or "127.0.0.1"
    if not port.isascii() or not port.isdigit() or not 0 <= int(port) <= 65535:
        raise UsageError(f"mcp: --http {text!r}: the port is not a number from 0 to 65535", hint="e.g. 127.0.0.1:8765")
    return host, int(port)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def bearer_token(host: str, environ: dict[str, str] | None = None) -> tuple[str, bool]:
    """The token clients must send and whether it was generated here (and must be shown to the user once)."""
    given = (environ if environ is not None else dict(os.environ)).get(TOKEN_VARIABLE, "")
    if given:
        if len(given) < MIN_TOKEN_LENGTH:
            raise UsageError(f"mcp: {TOKEN_VARIABLE} is shorter than {MIN_TOKEN_LENGTH} characters")
        return given, False
    if not is_loopback(host):
        raise UsageError(
            f"mcp: --http on {host}, an address others can reach, needs {TOKEN_VARIABLE} set",
            hint=f"set {TOKEN_VARIABLE} to a long random secret that the agent's host also holds",
        )
    return secrets.token_urlsafe(32), True


def require_bearer(app: App, token: str) -> App:
    """``app`` behind ``Authorization: Bearer <token>``: anything else is answered 401 and never reaches it."""
    expected = f"Bearer {token}".encode()

    async def guarded(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        given = dict(scope.get("headers") or []).get(b"authorization", b"")
        if not hmac.compare_digest(given, expected):
            await send(
                {
                    "type": "http.response.start",
                    "status": 401,
                    "headers": [(b"content-type", b"application/json"), (b"www-authenticate", b"Bearer")],
                }
            )
            await send({"type": "http.response.body", "body": b'{"error":"a bearer token is required"}'})
            return
        await app(scope, receive, send)

    return guarded


def http_app(server: Server[Any], host: str, token: str) -> App:
    """The SDK's Streamable HTTP app of ``server`` at :data:`PATH`, behind the bearer token."""
    app: App = server.streamable_http_app(host=host)
    return require_bearer(app, token)


def oauth_app(server: Server[Any], host: str, provider: PinterestSignIn) -> App:
    """The SDK's app with its OAuth 2.1 authorization server (``provider``) and Pinterest's callback route.

    The SDK serves the metadata, registration, ``/authorize`` and ``/token`` endpoints and
    checks every request to :data:`PATH` for one of the provider's access tokens.
    """
    from mcp.server.auth.provider import ProviderTokenVerifier
    from mcp.server.auth.settings import AuthSettings, ClientRegistrationOptions, RevocationOptions
    from pydantic import AnyHttpUrl
    from starlette.routing import Route

    from pinterest_tools.mcp_server.oauth_server import CALLBACK_PATH

    settings = AuthSettings(
        issuer_url=AnyHttpUrl(provider.base_url),
        resource_server_url=AnyHttpUrl(provider.base_url + PATH),
        client_registration_options=ClientRegistrationOptions(enabled=True),
        revocation_options=RevocationOptions(enabled=True),
    )
    app: App = server.streamable_http_app(
        host=host,
        auth=settings,
        token_verifier=ProviderTokenVerifier(provider),
        auth_server_provider=provider,
        custom_starlette_routes=[Route(CALLBACK_PATH, provider.callback, methods=["GET"])],
    )
    return app


def run_oauth_http(server: Server[Any], host: str, port: int, provider: PinterestSignIn) -> None:
    """Serve ``server`` on ``host:port`` as its own OAuth authorization server (``--oauth``) until interrupted."""
    import uvicorn

    sys.stderr.write(f"MCP server at {provider.base_url}{PATH}; clients sign in with Pinterest (OAuth)\n")
    sys.stderr.flush()
    uvicorn.run(oauth_app(server, host, provider), host=host, port=port, log_level="warning", lifespan="on")


def run_http(server: Server[Any], host: str, port: int, environ: dict[str, str] | None = None) -> None:
    """Serve ``server`` on ``host:port`` until interrupted; a generated token is printed once, to stderr."""
    import uvicorn

    token, generated = bearer_token(host, environ)
    shown = f"[{host}]" if ":" in host else host
    if generated:
        sys.stderr.write(f"MCP server at http://{shown}:{port}{PATH}; bearer token (shown once): {token}\n")
    else:
        sys.stderr.write(f"MCP server at http://{shown}:{port}{PATH}; bearer token from {TOKEN_VARIABLE}\n")
    sys.stderr.flush()
    uvicorn.run(http_app(server, host, token), host=host, port=port, log_level="warning", lifespan="on")

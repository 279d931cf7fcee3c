"""``--oauth``: the HTTP server as an OAuth 2.1 authorization server for MCP clients, signing users in with Pinterest.

One hosted server serves many users. An MCP client registers (dynamic client registration)
and sends its user to the server's ``/authorize`` (the SDK's handlers, PKCE required); the
server sends the user on to Pinterest's consent page with the server's own callback
``/pinterest/callback``; there it trades Pinterest's code for the user's Pinterest token (the
app's credentials, as ``get_access_token`` does), saves it in the token store under a name of
that user's own, and answers the MCP client with an authorization code of its own. The
client's access token names the user; each tool call runs with that user's Pinterest token,
so no user sees another's. The MCP tokens live in memory: a restart signs every client out
(the Pinterest tokens stay saved).
"""

from __future__ import annotations

import re
import secrets
import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from mcp.server.auth.provider import (
    AccessToken,
    AuthorizationCode,
    AuthorizationParams,
    OAuthAuthorizationServerProvider,
    RefreshToken,
    TokenError,
    construct_redirect_uri,
)
from mcp.shared.auth import OAuthClientInformationFull, OAuthToken

if TYPE_CHECKING:
    from starlette.requests import Request
    from starlette.responses import Response

    from pinterest_tools.config import Config
    from pinterest_tools.rest import Pinterest

CALLBACK_PATH = "/pinterest/callback"
CODE_SECONDS = 300
TOKEN_SECONDS = 3600
PENDING_SECONDS = 600
SCOPES = ("boards:read", "pins:read", "user_accounts:read")  # what the Pinterest sign-in asks for at least


@dataclass(frozen=True)
class _Pending:
    client_id: str
    params: AuthorizationParams
    started: float


class PinterestSignIn(OAuthAuthorizationServerProvider[AuthorizationCode, RefreshToken, AccessToken]):
    """The SDK's ``OAuthAuthorizationServerProvider``, signing each user in with Pinterest."""

    def __init__(self, config: Config, base_url: str, scopes: tuple[str, ...] = ()) -> None:
        self.config = config
        self.base_url = base_url.rstrip("/")
        self.scopes = scopes or SCOPES
        self._clients: dict[str, OAuthClientInformationFull] = {}
        self._pending: dict[str, _Pending] = {}
        self._codes: dict[str, AuthorizationCode] = {}
        self._tokens: dict[str, AccessToken] = {}
        self._pinterest: dict[str, Pinterest] = {}
        self._lock = threading.Lock()

    # ---------------------------------------------------------------- clients
    async def get_client(self, client_id: str) -> OAuthClientInformationFull | None:
        return self._clients.get(client_id)

    async def register_client(self, client_info: OAuthClientInformationFull) -> None:
        if client_info.client_id is None:
            raise ValueError("a registered client has an id")
        self._clients[client_info.client_id] = client_info

    # ---------------------------------------------------------------- the browser half
    async def authorize(self, client: OAuthClientInformationFull, params: AuthorizationParams) -> str:
        """Pinterest's consent page, with the server's callback and a state that names this request."""
        app_id, _ = self.config.require_app_credentials()
        now = time.time()
        self._pending = {key: p for key, p in self._pending.items() if now - p.started < PENDING_SECONDS}
        state = secrets.token_urlsafe(24)
        self._pending[state] = _Pending(str(client.client_id), params, now)
        query = {
            "client_id": app_id,
            "redirect_uri": self.base_url + CALLBACK_PATH,
            "response_type": "code",
            "scope": ",".join(self.scopes),
            "state": state,
        }
        return f"{self.config.oauth_uri}/oauth/?{urlencode(query)}"

    async def callback(self, request: Request) -> Response:
        """Pinterest's redirect: the user's Pinterest token saved, the MCP client sent its own code."""
        import anyio.to_thread
        from starlette.responses import HTMLResponse, RedirectResponse

        pending = self._pending.pop(request.query_params.get("state") or "", None)
        if pending is None or time.time() - pending.started > PENDING_SECONDS:
            return HTMLResponse("<h1>This sign-in is unknown or expired; start again from the app.</h1>", 400)
        redirect = str(pending.params.redirect_uri)
        code = request.query_params.get("code")
        if not code:
            error = request.query_params.get("error") or "access_denied"
            return RedirectResponse(construct_redirect_uri(redirect, error=error, state=pending.params.state), 302)
        try:
            user = await anyio.to_thread.run_sync(self._sign_in, code)
        except Exception:  # Pinterest refused the code: the client is told, the log has the reason
            import logging

            logging.getLogger(__name__).warning("Pinterest sign-in failed", exc_info=True)
            return RedirectResponse(
                construct_redirect_uri(redirect, error="access_denied", state=pending.params.state), 302
            )
        ours = AuthorizationCode(
            code=secrets.token_urlsafe(32),
            scopes=pending.params.scopes or [],
            expires_at=time.time() + CODE_SECONDS,
            client_id=pending.client_id,
            code_challenge=pending.params.code_challenge,
            redirect_uri=pending.params.redirect_uri,
            redirect_uri_provided_explicitly=pending.params.redirect_uri_provided_explicitly,
            resource=pending.params.resource,
            subject=user,
        )
        self._codes[ours.code] = ours
        return RedirectResponse(construct_redirect_uri(redirect, code=ours.code, state=pending.params.state), 302)

    def _sign_in(self, code: str) -> str:
        """Trade Pinterest's code for the user's token, save it under the user's own name; that name."""
        import httpx

        from pinterest_tools.logs import register_secret
        from pinterest_tools.oauth.token import Token
        from pinterest_tools.oauth.tokens import FileTokenStore

        register_secret(code)
        app_id, app_secret = self.config.require_app_credentials()
        fields = {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": self.base_url + CALLBACK_PATH,
            "continuous_refresh": "true",
        }
        with httpx.Client(timeout=30) as http:
            answer = http.post(f"{self.config.api_base_url}/oauth/token", data=fields, auth=(app_id, app_secret))
            answer.raise_for_status()
            granted = answer.json()
            register_secret(granted["access_token"])
            me = http.get(
                f"{self.config.api_base_url}/user_account",
                headers={"Authorization": f"Bearer {granted['access_token']}"},
            )
            me.raise_for_status()
        username = str(me.json()["username"])
        name = "mcp-user-" + re.sub(r"[^A-Za-z0-9_-]", "_", username)[:64]
        now = time.time()
        FileTokenStore(self.config.token_dir).save(
            Token(
                name=name,
                access_token=granted["access_token"],
                refresh_token=granted.get("refresh_token"),
                scopes=granted.get("scope"),
                expires_at=now + float(granted["expires_in"]) if granted.get("expires_in") else None,
                refresh_token_expires_at=(
                    now + float(granted["refresh_token_expires_in"])
                    if granted.get("refresh_token_expires_in")
                    else None
                ),
            )
        )
        return name

    # ---------------------------------------------------------------- codes and tokens
    async def load_authorization_code(
        self, client: OAuthClientInformationFull, authorization_code: str
    ) -> AuthorizationCode | None:
        found = self._codes.get(authorization_code)
        if found is None or found.client_id != client.client_id or found.expires_at < time.time():
            return None
        return found

    async def exchange_authorization_code(
        self, client: OAuthClientInformationFull, authorization_code: AuthorizationCode
    ) -> OAuthToken:
        if self._codes.pop(authorization_code.code, None) is None:
            raise TokenError("invalid_grant", "the authorization code was used already")
        token = secrets.token_urlsafe(32)
        self._tokens[token] = AccessToken(
            token=token,
            client_id=str(client.client_id),
            scopes=authorization_code.scopes,
            expires_at=int(time.time()) + TOKEN_SECONDS,
            resource=authorization_code.resource,
            subject=authorization_code.subject,
        )
        return OAuthToken(
            access_token=token,
            token_type="Bearer",
            expires_in=TOKEN_SECONDS,
            scope=" ".join(authorization_code.scopes) or None,
        )

    async def load_refresh_token(self, client: OAuthClientInformationFull, refresh_token: str) -> RefreshToken | None:
        return None  # no refresh tokens are issued: a client signs in again after an hour

    async def exchange_refresh_token(
        self, client: OAuthClientInformationFull, refresh_token: RefreshToken, scopes: list[str]
    ) -> OAuthToken:
        raise TokenError("invalid_grant", "this server issues no refresh tokens; sign in again")

    async def load_access_token(self, token: str) -> AccessToken | None:
        found = self._tokens.get(token)
        if found is None or (found.expires_at is not None and found.expires_at < time.time()):
            return None
        return found

    async def revoke_token(self, token: AccessToken | RefreshToken) -> None:
        self._tokens.pop(token.token, None)

    # ---------------------------------------------------------------- the tools' side
    def client_for(self, subject: str) -> Pinterest:
        """The Pinterest client of one signed-in user (their saved token, refreshed and saved back)."""
        from pinterest_tools.rest import Pinterest

        with self._lock:
            if subject not in self._pinterest:
                self._pinterest[subject] = Pinterest(token_name=subject)
            return self._pinterest[subject]

    def close(self) -> None:
        for client in self._pinterest.values():
            client.close()

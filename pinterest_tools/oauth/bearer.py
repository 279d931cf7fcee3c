"""``PinterestAuth``: the bearer header on every request, refresh before expiry and once after a 401.

The generated ``AuthenticatedClient`` bakes ``Authorization: Bearer <token>`` into its
httpx client once, when it is built; a refreshed token would never reach
the wire. This ``httpx.Auth``, passed through ``httpx_args``, sets the header per request
from the current token instead, so a refresh takes effect at once, for the sync and the
async client alike.

Refreshing: shortly before ``expires_at`` (``leeway`` seconds) and once after a 401 whose
Pinterest code is not one a refresh cannot fix (3, insufficient scope; 29, trial app). A
thread lock makes concurrent requests refresh once; :func:`~pinterest_tools.oauth.tokens.refresh_saved`
adds the file lock across processes and saves the rotated refresh token (proving first
that the file can be written; a save that still fails is a ``TokenSaveError`` naming where
the token was rescued, and the new token stays in use). The async flow
runs that same refresh in a worker thread (``asyncio.to_thread``), because the file lock
blocks. A refresh that fails becomes a ``TokenError`` telling the user to authorize again.
"""

from __future__ import annotations

import threading
import time
from collections.abc import AsyncGenerator, Callable, Generator
from typing import TYPE_CHECKING

import httpx

from pinterest_tools.errors import (
    CODE_INSUFFICIENT_SCOPE,
    CODE_TRIAL_SANDBOX_ONLY,
    HINT_REAUTHORIZE,
    InsufficientScopeError,
    PinterestError,
    TokenError,
    api_error,
    describe_body,
    parse_body,
    scope_error,
)
from pinterest_tools.oauth.token import Token

if TYPE_CHECKING:
    from pinterest_tools.oauth.tokens import TokenStore


def _default_error(response: httpx.Response) -> Exception:
    request = response.request
    return api_error(
        response.status_code, response.content, response.headers, method=request.method, path=request.url.path
    )


class PinterestAuth(httpx.Auth):
    """Bearer auth from a :class:`Token` that refreshes itself (when it can) and saves the result."""

    def __init__(
        self,
        token: Token,
        *,
        refresh: Callable[[Token], Token] | None = None,
        store: TokenStore | None = None,
        leeway: float = 60.0,
        clock: Callable[[], float] = time.time,
        error_for: Callable[[httpx.Response], Exception] = _default_error,
        on_refresh: Callable[[Token], None] | None = None,
    ) -> None:
        """``on_refresh``: called with each new token once it is in use (and saved to ``store``):
        for a caller that keeps tokens somewhere no :class:`TokenStore` reaches."""
        self._token = token
        self._refresh_fn = refresh
        self._store = store
        self.leeway = leeway
        self.clock = clock
        self.error_for = error_for
        self.on_refresh = on_refresh
        self._lock = threading.Lock()

    @property
    def token(self) -> Token:
        """The token in use now (a new object after each refresh)."""
        return self._token

    def refresh_now(self) -> Token:
        """Refresh at once and return the new token (saved where the old one came from).

        Raises:
            TokenError: the token has no refresh token (or no app to refresh with), or the refresh failed.
        """
        if not self._can_refresh():
            raise TokenError(f"{self._token.name} cannot be refreshed: it came without a refresh token")
        self._refresh(self._token.access_token)
        return self._token

    def sync_auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        if self._due():
            self._refresh(self._token.access_token)
        used = self._authorize(request)
        response = yield request
        if response.status_code != 401:
            return
        response.read()
        self._refresh_after_401(response, used)
        self._authorize(request)
        response = yield request
        if response.status_code == 401:
            response.read()
            raise self.error_for(response)

    async def async_auth_flow(self, request: httpx.Request) -> AsyncGenerator[httpx.Request, httpx.Response]:
        import asyncio  # loaded by the running event loop; a sync command need not import it

        if self._due():
            await asyncio.to_thread(self._refresh, self._token.access_token)
        used = self._authorize(request)
        response = yield request
        if response.status_code != 401:
            return
        await response.aread()
        await asyncio.to_thread(self._refresh_after_401, response, used)
        self._authorize(request)
        response = yield request
        if response.status_code == 401:
            await response.aread()
            raise self.error_for(response)

    def _authorize(self, request: httpx.Request) -> str:
        access = self._token.access_token
        request.headers["Authorization"] = f"Bearer {access}"
        return access

    def _can_refresh(self) -> bool:
        return self._refresh_fn is not None and bool(self._token.refresh_token)

    def _due(self) -> bool:
        return self._can_refresh() and self._token.expires_within(self.leeway, self.clock())

    def _refresh_after_401(self, response: httpx.Response, used: str) -> None:
        """Refresh for a retry, or raise the 401's error when a refresh cannot help."""
        code, _ = describe_body(parse_body(response.content))
        if code in (CODE_INSUFFICIENT_SCOPE, CODE_TRIAL_SANDBOX_ONLY):
            error = self.error_for(response)
            if isinstance(error, InsufficientScopeError):  # the token knows what it was granted
                error = scope_error(error, self._token.scope_list)
            raise error
        if not self._can_refresh() and self._token.access_token == used:
            error = self.error_for(response)
            if isinstance(error, PinterestError) and self._token.source == "env":
                error.hint = f"the token in the environment was refused and cannot be refreshed: {HINT_REAUTHORIZE}"
            raise error
        self._refresh(used)

    def _refresh(self, stale: str) -> None:
        """Refresh unless another request already replaced the ``stale`` access token."""
        from pinterest_tools.oauth.tokens import TokenSaveError, refresh_saved  # the file and its lock: refreshes only

        with self._lock:
            if self._token.access_token != stale or self._refresh_fn is None:
                return
            name = self._token.name
            try:
                self._token = refresh_saved(
                    self._token, self._store, self._refresh_fn, leeway=self.leeway, clock=self.clock
                )
            except TokenSaveError as exc:
                self._token = exc.token  # valid (the old one is not): this process goes on with it if it can
                raise
            except TokenError:
                # Already says what failed ("refreshing <name> failed: ...": wrapping it repeated that), and a
                # TokenFileError keeps its own message and hint (nothing was refreshed), not "authorize again".
                raise
            except PinterestError as exc:
                raise TokenError(f"refreshing {name} failed: {exc.message}", hint=HINT_REAUTHORIZE) from exc
            if self.on_refresh is not None:
                self.on_refresh(self._token)

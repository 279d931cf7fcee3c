"""OAuth tokens and authorization codes: issuing, checking, refreshing, expiring.

HTTP-free, so the v5 and v3 token endpoints (and the consent page) share one set of rules:
codes are single-use, bound to the app and redirect URI and short-lived; access tokens
expire after a configurable lifetime; a refresh either keeps the refresh token or, with
continuous refresh, rotates it (the old one stops working). Every check reads the
emulator's ``Clock``, so tests move time instead of waiting.

Legacy refresh tokens: the v5 description of ``POST /v5/oauth/token`` says Pinterest no
longer supports them and apps created before 2025-09-25 must send ``continuous_refresh=true``.
The emulator treats every app as created before that date: a code exchange without the
flag yields a legacy refresh token, and a v5 refresh of a legacy token without the flag is
refused (``LEGACY_REFUSED``); with it, the token becomes a continuous one. v3 is unaffected.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Iterable
from dataclasses import dataclass

from pinterest_tools.emulator.data.clock import Clock

DAY = 24 * 60 * 60
LEGACY_REFUSED = (
    "Legacy refresh tokens are no longer supported: "
    "apps created before September 25, 2025 must send continuous_refresh=true."
)


@dataclass(frozen=True, slots=True)
class TokenPolicy:
    """Lifetimes in seconds; Pinterest's: 30 days, 365 days (60 with continuous refresh)."""

    access_lifetime: int = 30 * DAY
    refresh_lifetime: int = 365 * DAY
    continuous_refresh_lifetime: int = 60 * DAY
    code_lifetime: int = 10 * 60


@dataclass(slots=True)
class AccessToken:
    value: str
    app_id: str
    user_id: str
    scopes: frozenset[str]
    version: int
    grant: str
    issued_at: float
    expires_at: float

    def expired(self, now: float) -> bool:
        return now >= self.expires_at


@dataclass(slots=True)
class RefreshToken:
    value: str
    app_id: str
    user_id: str
    scopes: frozenset[str]
    version: int
    continuous: bool
    expires_at: float
    revoked: bool = False


@dataclass(slots=True)
class AuthCode:
    value: str
    app_id: str
    user_id: str
    scopes: frozenset[str]
    redirect_uri: str
    version: int
    expires_at: float
    used: bool = False


class InvalidGrantError(Exception):
    """The code or refresh token cannot be used; the message says why."""


def _new(prefix: str) -> str:
    return prefix + secrets.token_urlsafe(32)


class TokenStore:
    """All tokens and codes of one emulator (thread-safe: tests issue tokens directly)."""

    def __init__(self, clock: Clock, policy: TokenPolicy | None = None) -> None:
        self.clock = clock
        self.policy = policy or TokenPolicy()
        self._lock = threading.Lock()
        self._access: dict[str, AccessToken] = {}
        self._refresh: dict[str, RefreshToken] = {}
        self._codes: dict[str, AuthCode] = {}

    # ---------------------------------------------------------------- issuing
    def issue(
        self,
        app_id: str,
        user_id: str,
        scopes: Iterable[str],
        *,
        version: int = 5,
        grant: str = "issued",
        lifetime: float | None = None,
    ) -> AccessToken:
        now = self.clock.now()
        expires = now + (self.policy.access_lifetime if lifetime is None else lifetime)
        token = AccessToken(
            _new("pina_" if version == 5 else "v3a_"), app_id, user_id, frozenset(scopes), version, grant, now, expires
        )
        with self._lock:
            self._access[token.value] = token
        return token

    def issue_refresh(
        self, app_id: str, user_id: str, scopes: Iterable[str], *, version: int = 5, continuous: bool = False
    ) -> RefreshToken:
        lifetime = self.policy.continuous_refresh_lifetime if continuous else self.policy.refresh_lifetime
        token = RefreshToken(
            _new("pinr_" if version == 5 else "v3r_"),
            app_id,
            user_id,
            frozenset(scopes),
            version,
            continuous,
            self.clock.now() + lifetime,
        )
        with self._lock:
            self._refresh[token.value] = token
        return token

    def create_code(
        self, app_id: str, user_id: str, scopes: Iterable[str], redirect_uri: str, *, version: int = 5
    ) -> AuthCode:
        code = AuthCode(
            _new(""),
            app_id,
            user_id,
            frozenset(scopes),
            redirect_uri,
            version,
            self.clock.now() + self.policy.code_lifetime,
        )
        with self._lock:
            self._codes[code.value] = code
        return code

    # ---------------------------------------------------------------- redeeming
    def redeem_code(self, value: str, *, app_id: str, redirect_uri: str, version: int) -> AuthCode:
        """Use up an authorization code; every mismatch is an InvalidGrantError."""
        with self._lock:
            code = self._codes.get(value)
            if code is None or code.app_id != app_id or code.version != version:
                raise InvalidGrantError("Invalid authorization code.")
            if code.used:
                raise InvalidGrantError("Authorization code has already been used.")
            if self.clock.now() >= code.expires_at:
                raise InvalidGrantError("Authorization code has expired.")
            if code.redirect_uri != redirect_uri:
                raise InvalidGrantError("redirect_uri does not match the one used to authorize.")
            code.used = True
            return code

    def refresh(
        self,
        value: str,
        *,
        app_id: str,
        version: int,
        continuous: bool = False,
        scopes: Iterable[str] | None = None,
    ) -> tuple[AccessToken, RefreshToken]:
        """A new access token; with continuous refresh also a new refresh token (rotation)."""
        with self._lock:
            old = self._refresh.get(value)
            if old is None or old.app_id != app_id or old.version != version or old.revoked:
                raise InvalidGrantError("Invalid refresh token.")
            if self.clock.now() >= old.expires_at:
                raise InvalidGrantError("Refresh token has expired.")
            if version == 5 and not (continuous or old.continuous):
                raise InvalidGrantError(LEGACY_REFUSED)
            granted = old.scopes if scopes is None else frozenset(scopes)
            if not granted <= old.scopes:
                raise InvalidGrantError("Requested scopes exceed the ones originally granted.")
            rotate = continuous or old.continuous
            if rotate:
                old.revoked = True
        refresh = (
            self.issue_refresh(app_id, old.user_id, old.scopes, version=version, continuous=True) if rotate else old
        )
        access = self.issue(app_id, old.user_id, granted, version=version, grant="refresh_token")
        return access, refresh

    # ---------------------------------------------------------------- checking
    def find(self, value: str) -> AccessToken | None:
        with self._lock:
            return self._access.get(value)

    def valid(self, value: str) -> AccessToken | None:
        """The token if it exists and has not expired."""
        token = self.find(value)
        return token if token is not None and not token.expired(self.clock.now()) else None

    def expire(self, value: str) -> bool:
        """End a token's life now (the ``expire-token`` fault); False if there is no such token."""
        with self._lock:
            token = self._access.get(value)
            if token is None:
                return False
            token.expires_at = min(token.expires_at, self.clock.now())
            return True

    def revoke(self, value: str, app_id: str) -> bool:
        """Forget an access or refresh token of ``app_id`` (RFC 7009); False if it was not one."""
        with self._lock:
            for store in (self._access, self._refresh):
                token = store.get(value)
                if token is not None and token.app_id == app_id:
                    del store[value]
                    return True
            return False

"""A ready generated client for API v5 or v3: auth, retries, errors and logging plugged in via httpx.

``open_client(config, token)`` builds the generated ``AuthenticatedClient`` of the
configured version with ``httpx_args`` only (layer order in ``pinterest_tools.http.transport``)
and wraps it in a :class:`PinterestClient`, which also holds the latest rate-limit values
and the current token (it changes when the auth refreshes it). ``connect`` adds the token
lookup (environment, file, OAuth) for commands.

The same ``.api`` serves the generated ``sync*`` and ``asyncio*`` functions: the generated
client builds its ``httpx.AsyncClient`` from the same ``httpx_args``, whose every layer has
an async side. Close with ``close()``/``with`` for sync use and ``aclose()``/``async with``
for async use.
"""

from __future__ import annotations

import types
from typing import TYPE_CHECKING, Any

import httpx

from pinterest_tools.config import Config
from pinterest_tools.errors import UsageError
from pinterest_tools.http.options import user_agent
from pinterest_tools.http.pacing import Pacer
from pinterest_tools.http.retry import RateLimitStatus, RetryPolicy
from pinterest_tools.http.transport import AnyTransport, current_transport, httpx_args
from pinterest_tools.oauth.bearer import PinterestAuth
from pinterest_tools.oauth.token import Token, default_token_name, token_from_environment

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    import pinterest_api_v3
    import pinterest_api_v5

    from pinterest_tools.oauth.tokens import TokenStore


class PinterestClient:
    """The generated client (``.api``), its token, and the latest rate-limit values."""

    def __init__(
        self, config: Config, api: Any, auth: PinterestAuth, rate_limit: RateLimitStatus, pacer: Pacer | None = None
    ) -> None:
        self.config = config
        self.api = api
        self.auth = auth
        self.rate_limit = rate_limit
        self.pacer = pacer  # the rate-limit budgets its requests wait for (None: not paced)

    @property
    def token(self) -> Token:
        """The token now in use (a refresh replaces it)."""
        return self.auth.token

    @property
    def v5(self) -> pinterest_api_v5.AuthenticatedClient:
        """``.api`` typed for the v5 endpoint functions; UsageError when this client talks v3."""
        if self.config.version != 5:
            raise UsageError("this command needs API v5 (drop -v 3)")
        return self.api  # type: ignore[no-any-return]

    @property
    def v3(self) -> pinterest_api_v3.AuthenticatedClient:
        """``.api`` typed for the v3 endpoint functions; UsageError when this client talks v5."""
        if self.config.version != 3:
            raise UsageError("this command needs API v3 (use -v 3)")
        return self.api  # type: ignore[no-any-return]

    def close(self) -> None:
        self.api.get_httpx_client().close()

    async def aclose(self) -> None:
        await self.api.get_async_httpx_client().aclose()

    def __enter__(self) -> PinterestClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    async def __aenter__(self) -> PinterestClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()


def default_retry(config: Config, max_retries: int | None = None) -> RetryPolicy:
    """The config's retry policy (``PINTEREST_RETRY_*``); ``max_retries`` (0 = one attempt) overrides the count."""
    attempts = config.retry_attempts if max_retries is None else max_retries + 1
    return RetryPolicy(max_attempts=attempts, backoff_base=config.retry_backoff)


def make_auth(
    config: Config,
    token: Token,
    *,
    store: TokenStore | None = None,
    transport: AnyTransport | None = None,
    leeway: float = 60.0,
    on_refresh: Callable[[Token], None] | None = None,
) -> PinterestAuth:
    """The auth that refreshes ``token`` with the config's app (and saves it to ``store``, if given).

    v5 refreshes are continuous (``continuous_refresh=true``): each returns a rotated refresh token.
    ``on_refresh`` is called with each new token (after it is saved to ``store``).
    """

    def refresh(old: Token) -> Token:
        from pinterest_tools.oauth import exchange  # a token from the environment is never refreshed

        return exchange.refresh(config, old, transport=transport)

    return PinterestAuth(token, refresh=refresh, store=store, leeway=leeway, on_refresh=on_refresh)


def open_client(
    config: Config,
    token: Token,
    *,
    store: TokenStore | None = None,
    timeout: float | None = None,
    retry: RetryPolicy | None = None,
    transport: AnyTransport | None = None,
    leeway: float = 60.0,
    pacing: bool | None = None,
) -> PinterestClient:
    """Build the client; ``store`` (if given) receives refreshed tokens (v5 refreshes are continuous).

    ``pacing``: wait before a request for room in its rate-limit window (``http.pacing``), so a
    long command meets no 429; None: the config's (``PINTEREST_PACING``, on by default).

    ``timeout`` and ``retry`` default to the config's (``PINTEREST_TIMEOUT``,
    ``PINTEREST_RETRY_ATTEMPTS``, ``PINTEREST_RETRY_BACKOFF``). Requests carry this library's
    ``User-Agent`` (:func:`pinterest_tools.http.options.user_agent`).
    """
    transport = current_transport(transport)
    if retry is None:
        retry = default_retry(config)
    rate_limit = RateLimitStatus()
    pacer = Pacer(config.version, config.api_base_url) if (config.pacing if pacing is None else pacing) else None
    auth = make_auth(config, token, store=store, transport=transport, leeway=leeway)
    args = httpx_args(
        config.version,
        config.api_base_url,
        transport=transport,
        retry=retry,
        rate_limit=rate_limit,
        auth=auth,
        pacer=pacer,
    )
    generated: types.ModuleType
    if config.version == 3:
        import pinterest_api_v3 as generated
    else:
        import pinterest_api_v5 as generated
    api = generated.AuthenticatedClient(
        base_url=config.api_base_url,
        token=token.access_token,
        timeout=httpx.Timeout(timeout if timeout is not None else config.timeout),
        headers={"User-Agent": user_agent()},
        httpx_args=args,
    )
    return PinterestClient(config, api, auth, rate_limit, pacer)


def connect(
    config: Config,
    name: str | None = None,
    scopes: list[str] | None = None,
    *,
    allow_oauth: bool = True,
    client_credentials: bool = False,
    transport: AnyTransport | None = None,
    **client_options: Any,
) -> PinterestClient:
    """``token_and_store`` then ``open_client``; a token read from a file is saved back there when refreshed."""
    token, store = token_and_store(
        config,
        name,
        scopes,
        allow_oauth=allow_oauth,
        client_credentials=client_credentials,
        transport=current_transport(transport),
    )
    return open_client(config, token, store=store, transport=transport, **client_options)


def token_and_store(
    config: Config,
    name: str | None,
    scopes: Sequence[str] | None,
    *,
    allow_oauth: bool,
    client_credentials: bool = False,
    transport: AnyTransport | None = None,
) -> tuple[Token, TokenStore | None]:
    """The token ``name`` (default: per API version) and the store a refresh saves it to (a file token's, else None).

    ``obtain_token`` (:mod:`pinterest_tools.oauth.flow`) finds it: the environment, the token
    file, else OAuth when ``allow_oauth``. The environment is read here first, so that a
    process whose token is there (a cron job, a one-call script) never loads the
    token-file, file-lock and OAuth modules, nor platformdirs.

    Raises:
        TokenError: as ``obtain_token`` does (a corrupt file, no token without OAuth, a failed OAuth flow).
    """
    name = name or default_token_name(config.version)
    token = token_from_environment(name, config.version, config.sandbox)
    if token is not None:
        return token, None
    from pinterest_tools.oauth.flow import obtain_token
    from pinterest_tools.oauth.tokens import FileTokenStore

    token = obtain_token(config, name, scopes, client_credentials, allow_oauth, transport=transport)
    return token, FileTokenStore(config.store_dir) if token.source == "file" else None

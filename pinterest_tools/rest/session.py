"""What a facade client and its ``with_options`` copies share: config, token, auth, connection pool.

The token is found the way the commands find it (``connection.token_and_store``): the
``access_token`` argument, else the environment variable ``ACCESS_TOKEN`` (``-a`` names
another), else the token file in ``PINTEREST_OAUTH_TOKEN_DIR``, whose token is refreshed
before it expires and saved back (atomically, 0600, under the file lock). A browser is
opened only when the caller asks for it (``open_browser=True``); otherwise a missing token
is a :class:`~pinterest_tools.errors.TokenError` saying how to get one, so a cron job
never hangs on a consent page.

Each client (the original and every copy) has its own ``httpx.Client`` with its own retry
policy and timeout, all over the one pool made here; only the original closes the pool.
"""

from __future__ import annotations

import copy
import dataclasses
from typing import TYPE_CHECKING, Any

import httpx

from pinterest_tools.config import Config
from pinterest_tools.connection import default_retry, make_auth, token_and_store
from pinterest_tools.errors import UsageError
from pinterest_tools.http.pool import AsyncPool, Pool
from pinterest_tools.http.retry import RateLimitStatus
from pinterest_tools.http.transport import AnyTransport, current_transport, httpx_args
from pinterest_tools.oauth.token import TOKEN_CHARACTERS, Token, default_token_name, token_text_ok

if TYPE_CHECKING:
    from pinterest_tools.oauth.bearer import PinterestAuth
    from pinterest_tools.oauth.tokens import TokenStore

VERSION = 5


class Session:
    """The config, the refreshing auth, the rate-limit status and the pool of one client family."""

    def __init__(
        self, config: Config, token: Token, store: TokenStore | None, injected: AnyTransport | None, asynchronous: bool
    ) -> None:
        """``injected``: a transport under the retry layer (tests, the emulator); else a new pool of our own."""
        self.config = config
        self.owns_pool = injected is None
        self.pool: AnyTransport | None = injected or (AsyncPool() if asynchronous else Pool())
        self.rate_limit = RateLimitStatus()
        # token refreshes are sync (the async auth runs them in a thread): never through an async pool
        self.auth = make_auth(config, token, store=store, transport=injected)

    @classmethod
    def open(
        cls,
        access_token: str | None,
        *,
        asynchronous: bool,
        base_url: str | None = None,
        token_name: str | None = None,
        sandbox: bool = False,
        open_browser: bool = False,
        scopes: list[str] | None = None,
        transport: AnyTransport | None = None,
    ) -> Session:
        """Read the environment, find the token and make the pool (``asynchronous`` picks its kind)."""
        config = Config.load(version=VERSION, sandbox=sandbox)
        if base_url is not None:
            url = httpx.URL(base_url)
            if url.scheme not in ("http", "https") or not url.host:
                raise UsageError(f"base_url must be an http(s) URL like https://api.pinterest.com, not {base_url!r}")
            config = dataclasses.replace(config, api_uri=base_url.rstrip("/").removesuffix("/v5"))
        name = token_name or default_token_name(VERSION)
        pool = current_transport(transport)
        store: TokenStore | None = None
        if access_token is not None:
            value = access_token.strip()
            if not value:
                raise UsageError("access_token is empty; pass None to use the environment or the token file")
            if not token_text_ok(value):  # as from the environment: a header must carry it
                raise UsageError(f"access_token is not a token: {TOKEN_CHARACTERS}")
            token = Token(name=name, access_token=value, api_version=VERSION, source="argument")
        else:
            token, store = token_and_store(config, name, scopes, allow_oauth=open_browser, transport=pool)
        return cls(config, token, store, pool, asynchronous)

    @classmethod
    def adopt(cls, config: Config, auth: PinterestAuth, rate_limit: RateLimitStatus) -> Session:
        """A session over an existing client's config and auth (the commands' ``V5Api.rest``); no pool of its own."""
        session = cls.__new__(cls)
        session.config, session.auth, session.rate_limit = config, auth, rate_limit
        session.pool, session.owns_pool = None, False
        return session

    def sync_twin(self) -> Session:
        """The same config, token and auth over a sync pool: for sync work an async client hands to a thread."""
        twin = copy.copy(self)
        sync = self.pool if isinstance(self.pool, httpx.BaseTransport) else None
        twin.owns_pool = sync is None
        twin.pool = sync or Pool()
        return twin

    def client_args(self, max_retries: int | None, timeout: float | None) -> dict[str, Any]:
        """Keyword arguments for an ``httpx.Client``/``AsyncClient`` of this session."""
        if max_retries is not None and max_retries < 0:
            raise UsageError(f"max_retries must be 0 or more, not {max_retries}")
        if timeout is not None and timeout <= 0:
            raise UsageError(f"timeout must be a positive number of seconds, not {timeout}")
        base = self.config.api_base_url
        args = httpx_args(
            VERSION,
            base,
            transport=self.pool,
            retry=default_retry(self.config, max_retries),
            rate_limit=self.rate_limit,
            auth=self.auth,
        )
        return {"base_url": base, "timeout": httpx.Timeout(self.config.timeout if timeout is None else timeout), **args}

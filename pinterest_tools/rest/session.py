"""What a facade client and its ``with_options`` copies share: config, token, auth, connection pool.

The token is found the way the commands find it (``connection.token_and_store``): the
``access_token`` argument, else the environment variable ``ACCESS_TOKEN`` (``-a`` names
another), else the token file in ``PINTEREST_OAUTH_TOKEN_DIR``, whose token is refreshed
before it expires and saved back (atomically, 0600, under the file lock). A ``token_store``
(any :class:`~pinterest_tools.oauth.tokens.TokenStore`: a database, a secrets manager)
replaces the token file. A browser is opened only when the caller asks for it
(``open_browser=True``); otherwise a missing token is a
:class:`~pinterest_tools.errors.TokenError` saying how to get one, so a cron job never
hangs on a consent page.

The connection: the pools of :mod:`pinterest_tools.http.pool` (proxies and CA bundle from
the environment with ``trust_env``, or one ``proxy``), or a caller's ``http_client``
sent through under this library's auth, retries and hooks, or an injected ``transport``.

Each client (the original and every copy) has its own ``httpx.Client`` with its own retry
policy, timeout and default headers, all over the one pool made here; only the original
closes the pool.
"""

from __future__ import annotations

import copy
import dataclasses
import logging
import os
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypedDict

import httpx

from pinterest_tools.config import Config
from pinterest_tools.connection import default_retry, make_auth, token_and_store
from pinterest_tools.errors import ConfigError, UsageError
from pinterest_tools.http.options import check_headers, check_query, check_retries, check_timeout, user_agent
from pinterest_tools.http.pacing import Pacer
from pinterest_tools.http.pool import AsyncClientTransport, AsyncPool, ClientTransport, Pool
from pinterest_tools.http.retry import RateLimitStatus
from pinterest_tools.http.transport import AnyTransport, current_transport, httpx_args
from pinterest_tools.oauth.token import TOKEN_CHARACTERS, Token, default_token_name, token_text_ok

if TYPE_CHECKING:
    from pinterest_tools.oauth.bearer import PinterestAuth
    from pinterest_tools.oauth.tokens import TokenStore

VERSION = 5


class SessionOptions(TypedDict, total=False):
    """The constructor options that choose the token and the connection (a change makes a new session)."""

    access_token: str | None
    base_url: str | None
    token_name: str | None
    sandbox: bool
    open_browser: bool
    scopes: list[str] | None
    transport: AnyTransport | None
    proxy: str | httpx.URL | None
    trust_env: bool
    http_client: httpx.Client | httpx.AsyncClient | None
    token_store: TokenStore | None
    on_token_refresh: Callable[[Token], None] | None
    token_scopes: Sequence[str] | None


SESSION_OPTIONS = frozenset(SessionOptions.__annotations__)
# per client: a with_options copy with only these shares its original's session
CLIENT_OPTIONS = frozenset({"max_retries", "timeout", "default_headers", "default_query", "pacing"})


class Session:
    """The config, the refreshing auth, the rate-limit status and the pool of one client family."""

    options: SessionOptions

    def __init__(
        self,
        config: Config,
        token: Token,
        store: TokenStore | None,
        injected: AnyTransport | None,
        asynchronous: bool,
        *,
        trust_env: bool = True,
        proxy: str | httpx.URL | None = None,
        on_token_refresh: Callable[[Token], None] | None = None,
    ) -> None:
        """``injected``: a transport under the retry layer (tests, the emulator, a caller's ``http_client``);
        else a new pool of our own, with ``trust_env`` and ``proxy``."""
        self.config = config
        self.owns_pool = injected is None
        self.trust_env, self.proxy = trust_env, proxy
        self.pool: AnyTransport | None = injected or self._new_pool(asynchronous)
        self.rate_limit = RateLimitStatus()
        # one set of rate-limit budgets for the family: copies, sync and async clients, threads, tasks
        self.pacer = Pacer(VERSION, config.api_base_url)
        # Token refreshes are sync (the async auth runs them in a thread): never through an async
        # transport; without a sync one they go through a pool with this session's proxy settings.
        sync = injected if isinstance(injected, httpx.BaseTransport) else None
        refresh_via = sync or (Pool(trust_env=trust_env, proxy=proxy) if proxy is not None or not trust_env else None)
        self.auth = make_auth(config, token, store=store, transport=refresh_via, on_refresh=on_token_refresh)
        self.options = SessionOptions()
        # RetryPolicy's sleep/async_sleep/clock: an emulator's clock instead of the wall clock (its fixtures)
        self.retry_timing: dict[str, Any] = {}

    def _new_pool(self, asynchronous: bool) -> AnyTransport:
        kind = AsyncPool if asynchronous else Pool
        return kind(trust_env=self.trust_env, proxy=self.proxy)

    @classmethod
    def open(cls, *, asynchronous: bool, **options: Any) -> Session:
        """Read the environment, find the token and make the pool (``asynchronous`` picks its kind).

        ``options``: :class:`SessionOptions`; UsageError for an unknown one or a value that cannot work.
        """
        unknown = set(options) - SESSION_OPTIONS
        if unknown:
            raise UsageError(f"unknown option(s): {', '.join(sorted(unknown))}")
        opts: dict[str, Any] = dict(options)
        config = Config.load(version=VERSION, sandbox=bool(opts.get("sandbox")))
        base_url = opts.get("base_url")
        if base_url is not None:
            url = _url(base_url, "base_url")
            if url.scheme not in ("http", "https") or not url.host:
                raise UsageError(f"base_url must be an http(s) URL like https://api.pinterest.com, not {base_url!r}")
            config = dataclasses.replace(config, api_uri=str(base_url).rstrip("/").removesuffix("/v5"))
        proxy = opts.get("proxy")
        if proxy is not None:
            url = _url(proxy, "proxy")
            if url.scheme not in ("http", "https", "socks5", "socks5h") or not url.host:
                raise UsageError(f"proxy must be an http(s):// or socks5:// URL, not {str(proxy)!r}")
        trust_env = opts.get("trust_env", True)
        if not isinstance(trust_env, bool):
            raise UsageError(f"trust_env must be True or False, not {trust_env!r}")
        injected = _injected(opts.get("transport"), opts.get("http_client"), proxy, asynchronous)
        name = opts.get("token_name") or default_token_name(VERSION)
        store: TokenStore | None = opts.get("token_store")
        access_token = opts.get("access_token")
        sync_injected = injected if isinstance(injected, httpx.BaseTransport) else None
        if access_token is not None:
            value = access_token.strip() if isinstance(access_token, str) else ""
            if not value:
                raise UsageError("access_token is empty; pass None to use the environment or the token file")
            if not token_text_ok(value):  # as from the environment: a header must carry it
                raise UsageError(f"access_token is not a token: {TOKEN_CHARACTERS}")
            token = Token(name=name, access_token=value, api_version=VERSION, source="argument")
            store = None
        elif store is not None:
            token = store.load(name)
        else:
            token, store = token_and_store(
                config, name, opts.get("scopes"), allow_oauth=bool(opts.get("open_browser")), transport=sync_injected
            )
        granted = opts.get("token_scopes")
        if granted is not None and not token.scopes:  # scopes the caller knows the token was granted
            token = dataclasses.replace(token, scopes=",".join(granted), source=token.source)
        session = cls(
            config,
            token,
            store,
            injected,
            asynchronous,
            trust_env=trust_env,
            proxy=proxy,
            on_token_refresh=opts.get("on_token_refresh"),
        )
        session.options = SessionOptions(**options)  # type: ignore[typeddict-item]
        return session

    @classmethod
    def adopt(
        cls, config: Config, auth: PinterestAuth, rate_limit: RateLimitStatus, pacer: Pacer | None = None
    ) -> Session:
        """A session over an existing client's config, auth and rate-limit budgets (the commands'
        ``V5Api.rest``); no pool of its own."""
        session = cls.__new__(cls)
        session.config, session.auth, session.rate_limit = config, auth, rate_limit
        session.pacer = pacer if pacer is not None else Pacer(VERSION, config.api_base_url)
        session.pool, session.owns_pool = None, False
        session.trust_env, session.proxy = True, None
        session.options = SessionOptions()
        session.retry_timing = {}
        return session

    def sync_twin(self) -> Session:
        """The same config, token and auth over a sync pool: for sync work an async client hands to a thread."""
        twin = copy.copy(self)
        sync = self.pool if isinstance(self.pool, httpx.BaseTransport) else None
        twin.owns_pool = sync is None
        twin.pool = sync or Pool(trust_env=self.trust_env, proxy=self.proxy)
        return twin

    def client_args(
        self,
        max_retries: int | None,
        timeout: float | None,
        default_headers: Mapping[str, str] | None = None,
        default_query: Mapping[str, Any] | None = None,
        pacing: bool = True,
    ) -> dict[str, Any]:
        """Keyword arguments for an ``httpx.Client``/``AsyncClient`` of this session (options checked first).

        ``pacing``: requests wait for room in the session's rate-limit budgets (False: they do not).
        """
        if not isinstance(pacing, bool):
            raise UsageError(f"pacing must be True or False, not {pacing!r}")
        if max_retries is not None:
            check_retries(max_retries)
        if timeout is not None:
            check_timeout(timeout)
        headers = {"User-Agent": user_agent(), **check_headers(default_headers or {}, "default_headers")}
        params = check_query(default_query or {}, "default_query")
        base = self.config.api_base_url
        args = httpx_args(
            VERSION,
            base,
            transport=self.pool,
            retry=dataclasses.replace(default_retry(self.config, max_retries), **self.retry_timing),
            rate_limit=self.rate_limit,
            auth=self.auth,
            pacer=self.pacer if pacing else None,
        )
        timeout_value = httpx.Timeout(self.config.timeout if timeout is None else timeout)
        return {"base_url": base, "timeout": timeout_value, "headers": headers, "params": params, **args}


def _url(value: object, what: str) -> httpx.URL:
    if not isinstance(value, str | httpx.URL):
        raise UsageError(f"{what} must be a URL string, not {type(value).__name__}")
    try:
        return httpx.URL(value)
    except (httpx.InvalidURL, ValueError, UnicodeError):
        raise UsageError(f"{what} is not a URL: {str(value)[:100]!r}") from None


def _injected(
    transport: AnyTransport | None,
    http_client: httpx.Client | httpx.AsyncClient | None,
    proxy: object,
    asynchronous: bool,
) -> AnyTransport | None:
    """The transport under the retry layer: an injected one, the caller's client, or None (a pool of ours)."""
    if http_client is None:
        return current_transport(transport)
    if transport is not None or proxy is not None:
        raise UsageError("http_client cannot be combined with transport or proxy: configure them on http_client")
    wanted = httpx.AsyncClient if asynchronous else httpx.Client
    if not isinstance(http_client, wanted):
        raise UsageError(f"http_client must be an {wanted.__module__}.{wanted.__name__} for this client")
    if isinstance(http_client, httpx.AsyncClient):
        return AsyncClientTransport(http_client)
    return ClientTransport(http_client)


_LOG_LEVELS = {"debug": logging.DEBUG, "info": logging.INFO, "warning": logging.WARNING}
_log_handler: logging.Handler | None = None


def log_from_environment() -> None:
    """``PINTEREST_LOG=debug|info|warning``: the library's log lines on stderr, secrets redacted.

    As ``OPENAI_LOG`` does for openai-python: a script that configures no logging can still
    see each request (info), or headers and bodies (debug). The handler is the commands'
    redacting one (:mod:`pinterest_tools.logs`), installed once on the ``pinterest_tools``
    logger; unset, nothing is changed (the application's own logging configuration rules).
    """
    global _log_handler
    value = os.environ.get("PINTEREST_LOG", "").strip().lower()
    if not value:
        return
    level = _LOG_LEVELS.get(value)
    if level is None:
        raise ConfigError(f"PINTEREST_LOG must be debug, info or warning, not {value!r}")
    from pinterest_tools.logs import RedactingFilter

    logger = logging.getLogger("pinterest_tools")
    logger.setLevel(level)
    if _log_handler is None or _log_handler not in logger.handlers:
        _log_handler = logging.StreamHandler()
        _log_handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        _log_handler.addFilter(RedactingFilter())
        logger.addHandler(_log_handler)

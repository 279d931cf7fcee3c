"""``Pinterest`` and ``AsyncPinterest``: every v5 operation, typed, plus the everyday workflows.

::

    from pinterest_tools import Pinterest

    with Pinterest() as client:                       # token: environment, then token file
        for board in client.boards.list():            # Paginator[Board], pages fetched lazily
            print(board.name)
        pin = client.pins.get("123")                  # Pin; a 404 raises NotFoundError

Construction never opens a browser unless ``open_browser=True``; ``access_token=`` skips the
lookup. ``base_url`` means ``PINTEREST_API_URI`` (the host, no ``/v5``); ``max_retries``
(attempts after the first; default ``PINTEREST_RETRY_ATTEMPTS - 1``) and ``timeout``
(seconds per request; default ``PINTEREST_TIMEOUT``) are per client, and
:meth:`Pinterest.with_options` makes a copy with other values that shares the token and
the connection pool. Errors are those of :mod:`pinterest_tools.errors` (``ApiStatusError``
and its subclasses for non-2xx answers, ``ApiConnectionError``, ``InvalidResponseError``,
``TokenError``, ``UsageError`` for arguments that cannot be sent). With ``sandbox=True`` a
call Pinterest's sandbox does not serve (``x-sandbox: disabled``) warns
``SandboxUnavailableWarning`` before it is sent.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self, TypeVar, Unpack

import httpx

from pinterest_tools.errors import SandboxUnavailableWarning, UsageError
from pinterest_tools.http.options import check_headers, check_query, check_request_target, check_timeout
from pinterest_tools.http.retry import transport_error
from pinterest_tools.parsing import is_digits
from pinterest_tools.rest.call_options import CallOptions, apply_call_options
from pinterest_tools.rest.path_params import check_path_segments
from pinterest_tools.rest.query import expand_object_params
from pinterest_tools.rest.raw import captured
from pinterest_tools.rest.resources import AsyncResources, SyncResources
from pinterest_tools.rest.session import CLIENT_OPTIONS, SESSION_OPTIONS, Session, log_from_environment

if TYPE_CHECKING:
    from pinterest_api_v5 import Client
    from pinterest_api_v5.models.pin import Pin

    from pinterest_tools.config import Config
    from pinterest_tools.http.pacing import Pacer
    from pinterest_tools.http.retry import RateLimitStatus
    from pinterest_tools.http.transport import AnyTransport
    from pinterest_tools.oauth.bearer import PinterestAuth
    from pinterest_tools.oauth.tokens import Token, TokenStore
    from pinterest_tools.workflows.reports import Progress


T = TypeVar("T")


class _Base:
    """What both clients share: the session, per-client options, the token helpers."""

    _session: Session
    _max_retries: int | None
    _timeout: float | None
    _default_headers: Mapping[str, str]
    _default_query: Mapping[str, Any]
    _owner: bool
    _parser_client: Client | None = None
    _asynchronous = False
    _borrowed = False  # sends through a client someone else owns (adopt): close() leaves it open
    _pacing = True

    def __init__(
        self,
        access_token: str | None = None,
        *,
        base_url: str | None = None,
        max_retries: int | None = None,
        timeout: float | None = None,
        token_name: str | None = None,
        sandbox: bool = False,
        open_browser: bool = False,
        scopes: list[str] | None = None,
        transport: AnyTransport | None = None,
        proxy: str | httpx.URL | None = None,
        trust_env: bool = True,
        http_client: httpx.Client | httpx.AsyncClient | None = None,
        default_headers: Mapping[str, str] | None = None,
        default_query: Mapping[str, Any] | None = None,
        token_store: TokenStore | None = None,
        on_token_refresh: Callable[[Token], None] | None = None,
        token_scopes: Sequence[str] | None = None,
        pacing: bool | None = None,
    ) -> None:
        """Find the token and prepare the connection (no request is sent).

        Args:
            access_token: use this token (no refresh possible); None: ``token_store`` if given,
                else ``ACCESS_TOKEN`` (the variable named by ``token_name``, upper case), else
                the token file.
            base_url: the API host, e.g. ``http://127.0.0.1:8000`` for the emulator.
            max_retries: retries after the first attempt (429, 5xx, connection errors); an
                ``int`` of 0 or more (default ``PINTEREST_RETRY_ATTEMPTS - 1``).
            timeout: seconds per request, finite and above 0 (default ``PINTEREST_TIMEOUT``).
            token_name: the token's name (file ``<name>.json``, key in ``token_store``),
                default ``access_token``.
            sandbox: Pinterest's sandbox host and sandbox tokens (also ``PINTEREST_SANDBOX=1``).
            open_browser: with no token found, run the OAuth browser flow (never by default); that
                token serves this client only (``get_access_token -w`` saves one for later).
            scopes: the scopes to ask for when the browser flow runs.
            transport: an httpx transport under the retry layer (tests, the emulator).
            proxy: one proxy URL (``http://``, ``https://``, ``socks5://``) for every request;
                the environment's proxies are then not read.
            trust_env: read ``HTTPS_PROXY``, ``HTTP_PROXY``, ``ALL_PROXY``, ``NO_PROXY``,
                ``SSL_CERT_FILE`` and ``SSL_CERT_DIR`` as httpx does (default True).
            http_client: your own ``httpx.Client`` (``httpx.AsyncClient`` for
                :class:`AsyncPinterest`) to send through: its transport, mounts, proxies, TLS
                settings (mTLS), auth and event hooks apply to every attempt, under this
                library's bearer auth, retries and typed errors; its ``base_url``, headers,
                query parameters and timeout are not used (this client's are). It stays yours:
                closing this client leaves it open. Not with ``transport`` or ``proxy``.
            default_headers: headers sent with every request (checked: printable ASCII); a
                ``User-Agent`` here replaces ``pinterest-tools/<version> python-httpx/<version>``.
            default_query: query parameters sent with every request.
            token_store: where the token is loaded from and refreshed tokens are saved (any
                :class:`~pinterest_tools.oauth.tokens.TokenStore`; default: the token files).
            on_token_refresh: called with each new token after a refresh (and after it is
                saved to the store): for tokens kept where no store reaches.
            token_scopes: the scopes the token was granted, when you know them and the token
                does not say (a token given as a string): an ``InsufficientScopeError`` then
                names exactly the scopes it lacks.
            pacing: before each request, wait for room in its rate-limit window (one budget per
                token and rate-limit category, from the answers' ``X-RateLimit-*`` headers and
                Pinterest's documented limits), so a bulk job meets no 429 (default: on, unless
                ``PINTEREST_PACING=0``). The budgets are shared by this client's ``with_options``
                copies, threads and tasks.

        Raises:
            TokenError: no token found (and ``open_browser`` not set), or a corrupt token file.
            ConfigError: the environment holds an invalid value (``PINTEREST_LOG`` included).
            UsageError: an invalid argument.

        ``PINTEREST_LOG=debug|info|warning`` logs this library's requests on stderr, secrets
        redacted. The configuration options and environment variables: ``docs/client.md``.
        """
        log_from_environment()
        options = {
            "access_token": access_token,
            "base_url": base_url,
            "token_name": token_name,
            "sandbox": sandbox,
            "open_browser": open_browser,
            "scopes": scopes,
            "transport": transport,
            "proxy": proxy,
            "trust_env": trust_env,
            "http_client": http_client,
            "token_store": token_store,
            "on_token_refresh": on_token_refresh,
            "token_scopes": token_scopes,
        }
        session = Session.open(asynchronous=self._asynchronous, **options)
        if pacing is not None and not isinstance(pacing, bool):
            raise UsageError(f"pacing must be True or False, not {pacing!r}")
        self._pacing = session.config.pacing if pacing is None else pacing
        self._setup(session, max_retries, timeout, owner=True, headers=default_headers, query=default_query)

    def _setup(
        self,
        session: Session,
        max_retries: int | None,
        timeout: float | None,
        *,
        owner: bool,
        headers: Mapping[str, str] | None = None,
        query: Mapping[str, Any] | None = None,
    ) -> None:
        self._session, self._max_retries, self._timeout, self._owner = session, max_retries, timeout, owner
        self._default_headers, self._default_query = dict(headers or {}), dict(query or {})
        args = session.client_args(max_retries, timeout, self._default_headers, self._default_query, self._pacing)
        self._http = self._make_http(args)

    def _make_http(self, args: dict[str, Any]) -> Any:
        raise NotImplementedError

    def with_options(self, **options: Any) -> Self:
        """A copy with other options: any of the constructor's keyword arguments.

        ``max_retries``, ``timeout``, ``pacing``, ``default_headers`` and ``default_query`` (merged into
        this client's) make a copy that shares the
        token and the connection pool (close the original to close the pool). Any other
        option (``access_token``, ``base_url``, ``proxy``, ``http_client``, ``token_store``,
        ...) makes a new client with this one's other options, its own token lookup and its
        own pool: close it too.

        Raises:
            UsageError: an option the constructor does not take, or a value it refuses.
        """
        unknown = set(options) - CLIENT_OPTIONS - SESSION_OPTIONS
        if unknown:
            raise UsageError(f"with_options() got unknown option(s): {', '.join(sorted(unknown))}")
        max_retries = options.get("max_retries", self._max_retries)
        timeout = options.get("timeout", self._timeout)
        headers = {**self._default_headers, **check_headers(options.get("default_headers") or {}, "default_headers")}
        query = {**self._default_query, **check_query(options.get("default_query") or {}, "default_query")}
        copy = type(self).__new__(type(self))
        copy._pacing = options.get("pacing", self._pacing)
        changed = {key: value for key, value in options.items() if key in SESSION_OPTIONS}
        if not changed:
            copy._setup(self._session, max_retries, timeout, owner=False, headers=headers, query=query)
            return copy
        if self._borrowed:
            raise UsageError(f"this client sends through its command's connection: {', '.join(changed)} cannot change")
        session = Session.open(asynchronous=self._asynchronous, **{**self._session.options, **changed})
        copy._setup(session, max_retries, timeout, owner=True, headers=headers, query=query)
        return copy

    def _wait_on(self, clock: Callable[[], float], advance: Callable[[float], None]) -> None:
        """Retry waits (a 429's ``Retry-After``, backoff) on ``clock``, passed by calling ``advance``: an
        emulator's fixtures wait on its clock, not for wall-clock seconds (a rate-limit test took a minute).

        For this client and its ``with_options`` copies made afterwards; nothing has been sent yet.
        """

        async def advance_async(seconds: float) -> None:
            advance(seconds)

        self._session.retry_timing = {"clock": clock, "sleep": advance, "async_sleep": advance_async}
        if isinstance(self._http, httpx.Client):
            self._http.close()  # unused; an AsyncClient that sent nothing holds nothing to close
        self._http = self._make_http(
            self._session.client_args(
                self._max_retries, self._timeout, self._default_headers, self._default_query, self._pacing
            )
        )

    @property
    def config(self) -> Config:
        """The configuration read from the environment (``base_url`` applied)."""
        return self._session.config

    @property
    def token(self) -> Token:
        """The token in use now (a refresh replaces it; a file token is saved back when refreshed)."""
        return self._session.auth.token

    @property
    def rate_limit(self) -> RateLimitStatus:
        """The latest ``x-ratelimit-*`` values Pinterest sent."""
        return self._session.rate_limit

    def _prepared(self, request: dict[str, Any], app_credentials: bool, options: CallOptions) -> dict[str, Any]:
        """The ``httpx`` request arguments both clients send for one operation's ``request``.

        Path segments are checked first (UsageError before anything is sent), then the call
        options apply, then object-valued query parameters expand; ``app_credentials`` sends the
        app's id and secret (HTTP Basic) instead of the access token, for the operations whose
        security is the description's ``basic`` scheme (``oauth/token``, ``token/revoke``).
        ConfigError when ``PINTEREST_APP_ID``/``PINTEREST_APP_SECRET`` are unset.
        """
        request = expand_object_params(apply_call_options(check_path_segments(request), **options))
        if not app_credentials:
            return request
        app_id, app_secret = self._session.config.require_app_credentials()
        return {**request, "auth": httpx.BasicAuth(app_id, app_secret)}

    def _built(self, request: dict[str, Any], app_credentials: bool, options: CallOptions) -> tuple[httpx.Request, Any]:
        """The checked ``httpx.Request`` of one call and the auth to send it with (UsageError before sending)."""
        prepared = self._prepared(request, app_credentials, options)
        if self._session.config.sandbox:
            warn_outside_sandbox(str(prepared.get("method", "")), str(prepared.get("url", "")))
        auth = prepared.pop("auth", httpx.USE_CLIENT_DEFAULT)
        try:
            built = self._http.build_request(**prepared)
        except (httpx.InvalidURL, UnicodeError, ValueError) as exc:
            method = str(prepared.get("method", "")).upper()
            raise UsageError(f"{method} {str(prepared.get('url', ''))[:60]}: cannot be sent ({exc})") from None
        return check_request_target(built), auth

    def _generated(self) -> Client:
        """A generated ``Client`` for the few endpoint parsers that take one (never sends anything)."""
        if self._parser_client is None:
            from pinterest_api_v5 import Client

            self._parser_client = Client(base_url=self._session.config.api_base_url)
        return self._parser_client


def warn_outside_sandbox(method: str, path: str) -> None:
    """Warn (``SandboxUnavailableWarning``) before sending a call Pinterest's sandbox does not serve."""
    from pinterest_tools.operation_facts import operation_at, sandbox_enabled

    operation_id = operation_at(method, path)
    if operation_id is not None and not sandbox_enabled(operation_id):
        warnings.warn(SandboxUnavailableWarning(operation_id), stacklevel=4)


class Pinterest(_Base, SyncResources):
    """The synchronous client: ``client.<resource>.<method>(...)`` for all 266 v5 operations."""

    def _make_http(self, args: dict[str, Any]) -> httpx.Client:
        return httpx.Client(**args)

    @classmethod
    def adopt(
        cls,
        http: httpx.Client,
        config: Config,
        auth: PinterestAuth,
        rate_limit: RateLimitStatus,
        pacer: Pacer | None = None,
    ) -> Pinterest:
        """A facade sending through an httpx client built with ``httpx_args`` (the commands' ``PinterestClient``).

        It neither owns nor closes ``http``; its ``with_options`` copies build their own clients, paced
        by ``pacer`` (the command client's budgets) when given.
        """
        client = cls.__new__(cls)
        client._session = Session.adopt(config, auth, rate_limit, pacer)
        client._max_retries, client._timeout, client._owner, client._borrowed = None, None, False, True
        client._default_headers, client._default_query = {}, {}
        client._http = http
        return client

    def _send(
        self, request: dict[str, Any], *, app_credentials: bool = False, **options: Unpack[CallOptions]
    ) -> httpx.Response:
        built, auth = self._built(request, app_credentials, options)
        try:
            return captured(self._http.send(built, auth=auth))
        except httpx.HTTPError as exc:
            raise transport_error(built, exc) from exc

    def refresh_token(self) -> Token:
        """Refresh the token now (saved back to its file); TokenError when it cannot be refreshed."""
        return self._session.auth.refresh_now()

    # --- workflows (the commands run the same code: pinterest_tools.workflows.media_upload, .reports)

    def upload_video(
        self, path: str | Path, *, timeout: float | None = None, sleep: Callable[[float], None] | None = None
    ) -> str:
        """Register, upload and wait for a video file; its media id once Pinterest has processed it.

        ``timeout``: seconds to wait for processing (default 300). Raises ``MediaUploadError``
        when the upload is refused, fails in processing or does not finish in time.
        """
        from pinterest_tools.workflows.media_upload import upload_video

        if timeout is not None:
            check_timeout(timeout)
        return upload_video(
            _Calls(self), Path(path), timeout=timeout, sleep=sleep, request_timeout=self._request_timeout()
        )

    def create_video_pin(
        self,
        board_id: str,
        video: str | Path,
        *,
        cover_image_url: str | None = None,
        title: str | None = None,
        description: str | None = None,
        link: str | None = None,
        board_section_id: str | None = None,
        timeout: float | None = None,
    ) -> Pin:
        """Create a video pin from a file (uploaded first) or a media id (a ``str`` of digits).

        Pinterest needs a cover: ``cover_image_url``, else the video's first second is used.
        """
        media_id = _media_id(video) or self.upload_video(video, timeout=timeout)
        pin = {"title": title, "description": description, "link": link, "board_section_id": board_section_id}
        return self.pins.create(body=_video_pin(board_id, media_id, cover_image_url, pin))

    def download_report(
        self,
        ad_account_id: str,
        report: Mapping[str, Any],
        path: str | Path,
        *,
        timeout: float | None = None,
        progress: Progress | None = None,
        sleep: Callable[[float], None] | None = None,
    ) -> Path:
        """Request an async ads report, wait for it and download it to ``path`` (atomically).

        ``report``: the request body of ``ad_accounts.reports.create`` (``start_date``,
        ``end_date``, ``columns``, ``level``, ``granularity``, ...). ``timeout``: seconds to
        wait for the report (default 600). Raises ``ReportError`` when the report fails,
        expires, takes too long or cannot be downloaded.
        """
        from pinterest_tools.workflows import reports

        if timeout is not None:
            check_timeout(timeout)  # NaN passes every comparison: the poll would never end
        calls = _Calls(self)
        token = reports.request_report(calls, ad_account_id, dict(report))
        url = reports.wait_for_report(calls, ad_account_id, token, timeout=timeout, sleep=sleep)
        target = Path(path)
        pool = self._session.pool
        sync_pool = pool if isinstance(pool, httpx.BaseTransport) else None
        reports.download(url, target, self.config, progress=progress, transport=sync_pool)
        return target

    def _request_timeout(self) -> float:
        return self.config.timeout if self._timeout is None else self._timeout

    def close(self) -> None:
        """Close this client; the original (not a ``with_options`` copy) also closes the pool."""
        if self._borrowed:
            return
        self._http.close()
        if self._owner and isinstance(self._session.pool, httpx.BaseTransport):
            self._session.pool.close()

    def __enter__(self) -> Pinterest:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class AsyncPinterest(_Base, AsyncResources):
    """The asyncio client: the same resources and methods as :class:`Pinterest`, awaited."""

    _asynchronous = True

    def _make_http(self, args: dict[str, Any]) -> httpx.AsyncClient:
        return httpx.AsyncClient(**args)

    async def _asend(
        self, request: dict[str, Any], *, app_credentials: bool = False, **options: Unpack[CallOptions]
    ) -> httpx.Response:
        built, auth = self._built(request, app_credentials, options)
        try:
            return captured(await self._http.send(built, auth=auth))
        except httpx.HTTPError as exc:
            raise transport_error(built, exc) from exc

    async def refresh_token(self) -> Token:
        """Refresh the token now (saved back to its file); TokenError when it cannot be refreshed."""
        import asyncio

        return await asyncio.to_thread(self._session.auth.refresh_now)

    # --- workflows: the sync code of Pinterest, in a worker thread (the polls sleep there, not in the loop)

    async def upload_video(
        self, path: str | Path, *, timeout: float | None = None, sleep: Callable[[float], None] | None = None
    ) -> str:
        """:meth:`Pinterest.upload_video`, awaited."""
        return await self._in_thread(lambda client: client.upload_video(path, timeout=timeout, sleep=sleep))

    async def create_video_pin(
        self,
        board_id: str,
        video: str | Path,
        *,
        cover_image_url: str | None = None,
        title: str | None = None,
        description: str | None = None,
        link: str | None = None,
        board_section_id: str | None = None,
        timeout: float | None = None,
    ) -> Pin:
        """:meth:`Pinterest.create_video_pin`, awaited."""
        media_id = _media_id(video) or await self.upload_video(video, timeout=timeout)
        pin = {"title": title, "description": description, "link": link, "board_section_id": board_section_id}
        return await self.pins.create(body=_video_pin(board_id, media_id, cover_image_url, pin))

    async def download_report(
        self,
        ad_account_id: str,
        report: Mapping[str, Any],
        path: str | Path,
        *,
        timeout: float | None = None,
        progress: Progress | None = None,
        sleep: Callable[[float], None] | None = None,
    ) -> Path:
        """:meth:`Pinterest.download_report`, awaited."""
        if timeout is not None:
            check_timeout(timeout)
        return await self._in_thread(
            lambda client: client.download_report(
                ad_account_id, report, path, timeout=timeout, progress=progress, sleep=sleep
            )
        )

    async def _in_thread(self, work: Callable[[Pinterest], T]) -> T:
        import asyncio

        def run() -> T:
            twin = Pinterest.__new__(Pinterest)
            twin._pacing = self._pacing
            twin._setup(
                self._session.sync_twin(),
                self._max_retries,
                self._timeout,
                owner=True,
                headers=self._default_headers,
                query=self._default_query,
            )
            with twin:
                return work(twin)

        return await asyncio.to_thread(run)

    async def aclose(self) -> None:
        """Close this client; the original (not a ``with_options`` copy) also closes the pool."""
        await self._http.aclose()
        if self._owner and isinstance(self._session.pool, httpx.AsyncBaseTransport):
            await self._session.pool.aclose()

    async def __aenter__(self) -> AsyncPinterest:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()


def _media_id(video: str | Path) -> str | None:
    """A media id given instead of a file (a ``str`` of digits), else None."""
    return video if isinstance(video, str) and is_digits(video) else None


def _video_pin(board_id: str, media_id: str, cover_image_url: str | None, fields: dict[str, Any]) -> dict[str, Any]:
    """The ``pins.create`` body of a video pin; without a cover URL Pinterest takes the frame at 1 s."""
    source: dict[str, Any] = {"source_type": "video_id", "media_id": media_id}
    if cover_image_url:
        source["cover_image_url"] = cover_image_url
    else:
        source["cover_image_key_frame_time"] = 1
    given = {key: value for key, value in fields.items() if value is not None}
    return {"board_id": board_id, "media_source": source, **given}


class _Calls:
    """The calls the shared workflow code makes (``media_upload.MediaCalls``, ``reports.ReportCalls``)."""

    def __init__(self, client: Pinterest) -> None:
        self.client = client

    def register_media(self) -> dict[str, Any]:
        return self.client.media.create(media_type="video").to_dict()

    def media_status(self, media_id: str) -> dict[str, Any]:
        return self.client.media.get(media_id).to_dict()

    def request_report(self, ad_account_id: str, report: dict[str, Any]) -> str:
        return str(self.client.ad_accounts.reports.create(ad_account_id, body=report).to_dict().get("token") or "")

    def report_status(self, ad_account_id: str, token: str) -> dict[str, Any]:
        return self.client.ad_accounts.reports.get(ad_account_id, token=token).to_dict()

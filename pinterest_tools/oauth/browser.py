"""The browser half of the authorization-code flow: URL, loopback redirect server, paste fallback.

What upstream's ``user_auth.py`` got wrong and this does instead (upstream-quickstart.md
section 4, items 7, 10, 11): the authorization URL is URL-encoded; the server listens on
127.0.0.1 only, on a configurable port; ``state`` is checked before anything else and a
redirect whose state does not match is answered with an error page and its code is never
used; ``error=access_denied`` and a missing code are reported as such; stray requests
(``/favicon.ico``) are ignored; the browser gets a small page of its own (or, on success, a
redirect to ``REDIRECT_LANDING_URI``); the wait has a timeout; the request line, which
holds the code, is never logged. Where no browser can be opened, the user pastes the URL
the browser was redirected to.

Any local program can connect to the loopback port, so the server assumes hostile
neighbours: each connection is served in its own daemon thread and cut after
``CONNECTION_DEADLINE`` seconds (a client trickling one byte at a time holds only its own
thread, and only for a while); connections are not capped, so a crowd of idle ones cannot
keep the browser out (each ends at its deadline); a redirect
with a foreign state, a wrong path or a malformed request is answered and forgotten, so it
cannot end the flow before the real browser arrives; a connection reset is logged at debug,
not printed as a traceback; and the overall deadline of :meth:`RedirectServer.wait` holds
whatever the clients do.
"""

from __future__ import annotations

import html
import http.server
import io
import secrets
import socket
import threading
import time
import webbrowser
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlencode, urlsplit

from pinterest_tools.config import Config
from pinterest_tools.errors import TokenError
from pinterest_tools.library_log import get_logger
from pinterest_tools.logs import register_secret
from pinterest_tools.terminal import read_line

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

log = get_logger(__name__)
_PAGE = (
    "<!doctype html><html><head><meta charset='utf-8'><title>pinterest-tools</title></head>"
    "<body style='font-family:sans-serif;margin:3em'><h1>{title}</h1><p>{text}</p></body></html>"
)
REDIRECT_TIMEOUT = 300.0  # seconds the user has to finish the authorization in the browser
CONNECTION_DEADLINE = 10.0  # seconds one connection may take, from accept to the last byte of the answer


def authorization_url(config: Config, scopes: Sequence[str], state: str) -> str:
    """``<oauth_uri>/oauth/?client_id&redirect_uri&response_type=code&scope&state``, URL-encoded.

    v3 names the app ``consumer_id``, as upstream's v3 flow did and v3's OAuth documents: it is
    also how an authorization without scopes (all of the app's v3 scopes) is told from a v5 one.
    """
    app_id, _ = config.require_app_credentials()
    app_key = "consumer_id" if config.version == 3 else "client_id"
    params = {app_key: app_id, "redirect_uri": config.redirect_uri, "response_type": "code"}
    if config.version == 3:
        params["refreshable"] = "true"  # v3 returns a refresh token only when asked (v3's OAuth documentation)
    if scopes:
        params["scope"] = ",".join(scopes)
    params["state"] = state
    return f"{config.oauth_uri}/oauth/?{urlencode(params)}"


class ForeignStateError(TokenError):
    """A redirect that does not carry this run's ``state``: possibly forged, its code is never used."""


def parse_redirect(query: str, expected_state: str) -> str:
    """The authorization code of a redirect's query string; TokenError for anything else.

    ``state`` is compared first (in constant time): a redirect that does not carry ours
    may be forged, so nothing else in it is looked at.
    """
    params = {key: values[0] for key, values in parse_qs(query, keep_blank_values=True).items()}
    if not secrets.compare_digest(params.get("state", "").encode(), expected_state.encode()):
        raise ForeignStateError(
            "the OAuth redirect's state does not match the one sent, so its code was not used",
            hint="start the authorization again; never use a link someone else sent you",
        )
    error = params.get("error")
    if error == "access_denied":
        raise TokenError("the authorization was declined in the browser (access_denied)")
    if error:
        detail = params.get("error_description") or ""
        raise TokenError(f"Pinterest reported an OAuth error: {error}{': ' + detail if detail else ''}")
    code = params.get("code")
    if not code:
        raise TokenError("the OAuth redirect has no authorization code")
    register_secret(code)
    return code


class _DeadlineReader(io.RawIOBase):
    """A socket's reads, each given only what is left of the connection's deadline (monotonic seconds).

    Past it a read raises TimeoutError, which the request handler answers by closing the
    connection. Writes stay bounded too: the socket keeps the timeout of its last read.
    """

    def __init__(self, sock: socket.socket, deadline: float) -> None:
        super().__init__()
        self._sock = sock
        self._deadline = deadline

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer) -> int:
        remaining = self._deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError("the connection took longer than its deadline")
        self._sock.settimeout(remaining)
        return self._sock.recv_into(buffer)


class _Handler(http.server.BaseHTTPRequestHandler):
    server: RedirectServer
    timeout = CONNECTION_DEADLINE  # per socket operation; the deadline below bounds the whole connection

    def setup(self) -> None:
        """Read through a deadline: a per-read timeout alone lets one byte every few seconds
        keep a connection open forever."""
        super().setup()
        deadline = time.monotonic() + self.server.connection_deadline
        self.rfile.close()  # the socket's own reader, replaced by one that keeps the deadline
        self.rfile = io.BufferedReader(_DeadlineReader(self.connection, deadline))

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        if url.path != "/" or not {"state", "code", "error"} & parse_qs(url.query).keys():
            self.send_error(404)  # favicon and other strays: not a redirect
            return
        try:
            code = parse_redirect(url.query, self.server.state)
        except TokenError as exc:
            self.server.settle(error=exc)
            self._page(400, "Authorization failed", f"{exc.message}. You can close this window.")
            return
        self.server.settle(code=code)
        if self.server.landing_uri:
            self.send_response(302)
            self.send_header("Location", self.server.landing_uri)
            self.send_header("Content-Length", "0")
            self.end_headers()
        else:
            self._page(
                200, "Authorization complete", "pinterest-tools has the authorization. You can close this window."
            )

    def _page(self, status: int, title: str, text: str) -> None:
        body = _PAGE.format(title=html.escape(title), text=html.escape(text)).encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Silence: the request line holds the authorization code."""


class BrowserUnavailableError(Exception):
    """No browser could be opened: fall back to pasting the redirected URL."""


def _open_in_background(url: str) -> Future[bool]:
    """``webbrowser.open`` in a thread: a browser command that only returns when the user
    quits it (``BROWSER=w3m``, a headless visitor) must not keep the redirect unserved."""
    opened: Future[bool] = Future()

    def open_url() -> None:
        try:
            opened.set_result(webbrowser.open(url))
        except Exception:  # a broken browser setup is just "no browser"
            opened.set_result(False)

    threading.Thread(target=open_url, name="open-browser", daemon=True).start()
    return opened


class RedirectServer(http.server.ThreadingHTTPServer):
    """Waits on 127.0.0.1:``port`` for the one redirect that carries ``state`` (port 0: any free port).

    Requests are served in daemon threads (a slow or hostile client holds only its own); the
    server is not joined on close (``block_on_close``), so a connection still within its
    deadline never delays the command.
    """

    daemon_threads = True
    block_on_close = False
    # socketserver's backlog of 5 would let a crowd of idle local connections keep the browser's
    # connection waiting in the kernel for a SYN retry (seconds) while the accept loop catches up.
    request_queue_size = 128

    def __init__(self, port: int, state: str, landing_uri: str | None = None) -> None:
        self.state = state
        self.landing_uri = landing_uri
        self.code: str | None = None
        self.error: TokenError | None = None
        self.mismatch: TokenError | None = None  # a redirect with a foreign state came; reported only at the timeout
        self.connection_deadline = CONNECTION_DEADLINE
        self._settled = threading.Event()
        self._lock = threading.Lock()
        try:
            super().__init__(("127.0.0.1", port), _Handler)
        except OSError as exc:
            raise TokenError(
                f"cannot listen on 127.0.0.1:{port} for the OAuth redirect: {exc.strerror}",
                hint="stop what uses the port, or set PINTEREST_REDIRECT_PORT and register that redirect URI",
            ) from None

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    def settle(self, *, code: str | None = None, error: TokenError | None = None) -> None:
        """Record a handler's outcome; the first code or error ends the wait.

        A foreign state is only remembered: anyone on this machine can send one, and the
        real browser may still be on its way.
        """
        with self._lock:
            if self._settled.is_set():
                return
            if isinstance(error, ForeignStateError):
                self.mismatch = error
                return
            self.code, self.error = code, error
            self._settled.set()

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that resets or drops its connection is not the user's problem: debug, no traceback."""
        log.debug("OAuth redirect server: a connection failed", exc_info=True)

    def wait(
        self, timeout: float, clock: Callable[[], float] = time.monotonic, abandon: Callable[[], bool] | None = None
    ) -> str:
        """Serve until the redirect arrives; its code, or TokenError (denial, timeout, or at the
        timeout a redirect whose state did not match).

        Requests are served by a background thread, so this returns by ``timeout`` (plus a
        fraction of a second) whatever the clients do. ``abandon`` is asked every fraction of
        a second; when it answers true, waiting stops with :class:`BrowserUnavailableError`
        (the browser could not be opened after all).
        """
        deadline = clock() + timeout
        serving = threading.Thread(target=self.serve_forever, args=(0.1,), name="oauth-redirect", daemon=True)
        serving.start()
        try:
            while not self._settled.is_set():
                if abandon is not None and abandon():
                    raise BrowserUnavailableError
                remaining = deadline - clock()
                if remaining <= 0:
                    if self.mismatch is not None:
                        raise self.mismatch
                    span = f"{timeout / 60:g} minutes" if timeout >= 60 else f"{timeout:g} seconds"
                    raise TokenError(
                        f"no OAuth redirect arrived within {span}",
                        hint="run the command again and finish the authorization in the browser",
                    )
                self._settled.wait(min(remaining, 0.2))
        finally:
            self.shutdown()
            serving.join()
        if self.error is not None:
            raise self.error
        assert self.code is not None
        return self.code


def authorize(
    config: Config,
    scopes: Sequence[str],
    *,
    open_browser: bool = True,
    timeout: float | None = None,
    input_fn: Callable[[str], str] = read_line,
    notify: Callable[[str], None] | None = None,
) -> str:
    """Have the user authorize the app; returns the authorization code.

    The URL is always shown through ``notify`` (default: a warning on the log, so -l 1
    still shows it) as well as opened in the browser. Without a browser the user pastes
    the URL they were redirected to.
    """
    say = notify or log.warning
    timeout = REDIRECT_TIMEOUT if timeout is None else timeout
    state = secrets.token_hex()
    if open_browser:
        with RedirectServer(config.redirect_port, state, config.landing_uri) as server:
            url = authorization_url(config, scopes, state)
            say(f"Opening a browser to authorize the app. If none opens, visit this URL:\n{url}")
            opened = _open_in_background(url)
            try:
                return server.wait(timeout, abandon=lambda: opened.done() and not opened.result())
            except BrowserUnavailableError:
                pass
        say("No browser could be opened.")
    url = authorization_url(config, scopes, state)
    say(f"Visit this URL to authorize the app:\n{url}")
    say(f"Then paste the address your browser was sent to (it starts with {config.redirect_uri}).")
    try:
        pasted = input_fn("Redirected URL: ").strip()
    except EOFError:
        raise TokenError("no redirected URL was given") from None
    return parse_redirect(urlsplit(pasted).query if "?" in pasted else pasted, state)

"""The browser half of the authorization-code flow: URL, loopback redirect server, paste fallback.

What upstream's ``user_auth.py`` got wrong and this does instead (upstream-quickstart.md
section 4, items 7, 10, 11): the authorization URL is URL-encoded; the server listens on
127.0.0.1 only, on a configurable port; ``state`` is checked before anything else and a
mismatch ends the flow with nothing exchanged; ``error=access_denied`` and a missing code
are reported as such; stray requests (``/favicon.ico``) are ignored; the browser gets a
small page of its own (or, on success, a redirect to ``REDIRECT_LANDING_URI``); the wait
has a timeout; the request line, which holds the code, is never logged. Where no browser
can be opened, the user pastes the URL the browser was redirected to.
"""

from __future__ import annotations

import html
import http.server
import logging
import secrets
import threading
import time
import webbrowser
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from urllib.parse import parse_qs, urlencode, urlsplit

from pinterest_tools.config import Config
from pinterest_tools.errors import TokenError
from pinterest_tools.logs import register_secret

log = logging.getLogger(__name__)
_PAGE = (
    "<!doctype html><html><head><meta charset='utf-8'><title>pinterest-tools</title></head>"
    "<body style='font-family:sans-serif;margin:3em'><h1>{title}</h1><p>{text}</p></body></html>"
)


def authorization_url(config: Config, scopes: Sequence[str], state: str) -> str:
    """``<oauth_uri>/oauth/?client_id&redirect_uri&response_type=code&scope&state``, URL-encoded.

    v3 names the app ``consumer_id``, as upstream's v3 flow did (api-v3.md section 2): it is
    also how an authorization without scopes (all of the app's v3 scopes) is told from a v5 one.
    """
    app_id, _ = config.require_app_credentials()
    app_key = "consumer_id" if config.version == 3 else "client_id"
    params = {app_key: app_id, "redirect_uri": config.redirect_uri, "response_type": "code"}
    if config.version == 3:
        params["refreshable"] = "true"  # v3 returns a refresh token only when asked (api-v3.md section 2)
    if scopes:
        params["scope"] = ",".join(scopes)
    params["state"] = state
    return f"{config.oauth_uri}/oauth/?{urlencode(params)}"


def parse_redirect(query: str, expected_state: str) -> str:
    """The authorization code of a redirect's query string; TokenError for anything else.

    ``state`` is compared first (in constant time): a redirect that does not carry ours
    may be forged, so nothing else in it is looked at.
    """
    params = {key: values[0] for key, values in parse_qs(query, keep_blank_values=True).items()}
    if not secrets.compare_digest(params.get("state", "").encode(), expected_state.encode()):
        raise TokenError(
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


class _Handler(http.server.BaseHTTPRequestHandler):
    server: RedirectServer
    timeout = 10  # a connection that sends nothing must not hold up the wait

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        if url.path != "/" or not {"state", "code", "error"} & parse_qs(url.query).keys():
            self.send_error(404)  # favicon and other strays: not a redirect
            return
        try:
            self.server.code = parse_redirect(url.query, self.server.state)
        except TokenError as exc:
            self.server.error = exc
            self._page(400, "Authorization failed", f"{exc.message}. You can close this window.")
            return
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


class RedirectServer(http.server.HTTPServer):
    """Waits on 127.0.0.1:``port`` for the one redirect that carries ``state`` (port 0: any free port)."""

    def __init__(self, port: int, state: str, landing_uri: str | None = None) -> None:
        self.state = state
        self.landing_uri = landing_uri
        self.code: str | None = None
        self.error: TokenError | None = None
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

    def wait(
        self, timeout: float, clock: Callable[[], float] = time.monotonic, abandon: Callable[[], bool] | None = None
    ) -> str:
        """Serve until the redirect arrives; its code, or TokenError (mismatch, denial, timeout).

        ``abandon`` is asked between requests; when it answers true, waiting stops with
        :class:`BrowserUnavailableError` (the browser could not be opened after all).
        """
        deadline = clock() + timeout
        while self.code is None and self.error is None:
            if abandon is not None and abandon():
                raise BrowserUnavailableError
            remaining = deadline - clock()
            if remaining <= 0:
                span = f"{timeout / 60:g} minutes" if timeout >= 60 else f"{timeout:g} seconds"
                raise TokenError(
                    f"no OAuth redirect arrived within {span}",
                    hint="run the command again and finish the authorization in the browser",
                )
            self.timeout = min(remaining, 1.0)
            self.handle_request()
        if self.error is not None:
            raise self.error
        assert self.code is not None
        return self.code


def authorize(
    config: Config,
    scopes: Sequence[str],
    *,
    open_browser: bool = True,
    timeout: float = 300,
    input_fn: Callable[[str], str] = input,
    notify: Callable[[str], None] | None = None,
) -> str:
    """Have the user authorize the app; returns the authorization code.

    The URL is always shown through ``notify`` (default: a warning on the log, so -l 1
    still shows it) as well as opened in the browser. Without a browser the user pastes
    the URL they were redirected to.
    """
    say = notify or log.warning
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

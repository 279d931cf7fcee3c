"""The browser flow: the authorization URL, the redirect's checks, and the loopback server on a real socket."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from support.core import fake_browser, foreign_state_clock, free_port, make_config

from pinterest_tools.errors import TokenError
from pinterest_tools.oauth import browser
from pinterest_tools.oauth.browser import RedirectServer, authorization_url, authorize, parse_redirect


def serve(server: RedirectServer, timeout: float = 5, clock: Callable[[], float] = time.monotonic) -> dict[str, object]:
    """Run ``server.wait`` in a thread; the dict receives its code or its error."""
    result: dict[str, object] = {}

    def run() -> None:
        try:
            result["code"] = server.wait(timeout, clock=clock)
        except TokenError as exc:
            result["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    result["thread"] = thread
    return result


def test_authorization_url_is_encoded(tmp_path: Path) -> None:
    config = make_config(tmp_path, PINTEREST_APP_ID="test-app-id")
    url = authorization_url(config, ["user_accounts:read", "pins:read"], "test-state")
    assert url == (
        "https://www.pinterest.com/oauth/?client_id=test-app-id&redirect_uri=http%3A%2F%2Flocalhost%3A8085%2F"
        "&response_type=code&scope=user_accounts%3Aread%2Cpins%3Aread&state=test-state"
    )
    v3 = parse_qs(urlsplit(authorization_url(make_config(tmp_path, version=3), [], "s")).query)
    assert v3 == {
        "consumer_id": ["test-app-id"],
        "redirect_uri": ["http://localhost:8085/"],
        "response_type": ["code"],
        "refreshable": ["true"],
        "state": ["s"],
    }


def test_redirect_checks_state_first() -> None:
    with pytest.raises(TokenError, match="state does not match"):
        parse_redirect("code=abc&state=forged", "expected")
    with pytest.raises(TokenError, match="state does not match"):
        parse_redirect("error=access_denied&state=forged", "expected")
    with pytest.raises(TokenError, match="state does not match"):
        parse_redirect("code=abc", "expected")
    with pytest.raises(TokenError, match=r"declined in the browser \(access_denied\)"):
        parse_redirect("error=access_denied&state=expected", "expected")
    with pytest.raises(TokenError, match="has no authorization code"):
        parse_redirect("state=expected", "expected")
    with pytest.raises(TokenError, match="invalid_scope: bad scope"):
        parse_redirect("error=invalid_scope&error_description=bad+scope&state=expected", "expected")
    assert parse_redirect("test-path&code=test-oauth-code&state=expected", "expected") == "test-oauth-code"


def test_server_ignores_strays_and_shows_a_success_page() -> None:
    server = RedirectServer(0, "the-state")
    result = serve(server)
    base = f"http://127.0.0.1:{server.port}"
    with server, httpx.Client() as browser_client:
        assert browser_client.get(f"{base}/favicon.ico").status_code == 404
        assert browser_client.get(f"{base}/").status_code == 404
        page = browser_client.get(f"{base}/?code=the-code&state=the-state")
        result["thread"].join(5)  # type: ignore[attr-defined]
    assert page.status_code == 200 and "Authorization complete" in page.text
    assert "the-code" not in page.text
    assert result == {"code": "the-code", "thread": result["thread"]}


def test_server_reports_access_denied() -> None:
    server = RedirectServer(0, "s")
    result = serve(server)
    with server:
        page = httpx.get(f"http://127.0.0.1:{server.port}/?error=access_denied&state=s")
        result["thread"].join(5)  # type: ignore[attr-defined]
    assert page.status_code == 400 and "Authorization failed" in page.text
    assert "declined" in str(result["error"]) and "code" not in result


def test_a_foreign_state_is_refused_but_does_not_end_the_flow() -> None:
    """Anyone on this machine can send a redirect: its code is never used, and the real browser still gets through."""
    server = RedirectServer(0, "s")
    result = serve(server)
    with server:
        forged = httpx.get(f"http://127.0.0.1:{server.port}/?code=stolen&state=other")
        real = httpx.get(f"http://127.0.0.1:{server.port}/?code=c&state=s")
        result["thread"].join(5)  # type: ignore[attr-defined]
    assert forged.status_code == 400 and "state does not match" in forged.text
    assert real.status_code == 200 and result["code"] == "c"


def test_a_foreign_state_is_reported_when_no_real_redirect_follows() -> None:
    with RedirectServer(0, "s") as server:
        # The deadline passes once the forged redirect has been handled (or after 30 s). On the real clock a
        # test thread held up for 0.5 s sent it after the wait had ended: it then waited in the
        # listen backlog until httpx timed out, and the wait reported "no OAuth redirect arrived".
        result = serve(server, timeout=0.5, clock=foreign_state_clock(server))
        assert httpx.get(f"http://127.0.0.1:{server.port}/?code=stolen&state=other").status_code == 400
        result["thread"].join(10)  # type: ignore[attr-defined]
    assert "state does not match" in str(result["error"]) and "code" not in result


def test_server_redirects_to_the_landing_page() -> None:
    server = RedirectServer(0, "s", landing_uri="https://developers.pinterest.com/apps/1")
    result = serve(server)
    with server:
        page = httpx.get(f"http://127.0.0.1:{server.port}/?code=c&state=s")
        result["thread"].join(5)  # type: ignore[attr-defined]
    assert page.status_code == 302 and page.headers["location"] == "https://developers.pinterest.com/apps/1"
    assert result["code"] == "c"


def test_server_listens_on_loopback_only_and_times_out() -> None:
    with RedirectServer(0, "s") as server:
        assert server.server_address[0] == "127.0.0.1"
        with pytest.raises(TokenError, match=r"no OAuth redirect arrived within 0\.2 seconds"):
            server.wait(0.2)


def test_busy_port_is_a_clear_error() -> None:
    with RedirectServer(0, "s") as first, pytest.raises(TokenError, match=r"cannot listen on 127\.0\.0\.1"):
        RedirectServer(first.port, "s")


def test_authorize_opens_the_browser_and_prints_the_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = make_config(tmp_path, PINTEREST_REDIRECT_PORT=str(free_port()))
    said: list[str] = []
    fake_browser(monkeypatch, lambda state: f"code=browser-code&state={state}")
    code = authorize(config, ["pins:read"], notify=said.append, timeout=5)
    assert code == "browser-code"
    url = said[0].splitlines()[-1]
    state = parse_qs(urlsplit(url).query)["state"][0]
    assert url.startswith("https://www.pinterest.com/oauth/?client_id=") and len(state) == 64


def test_paste_fallback_without_a_browser(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = make_config(tmp_path)
    said: list[str] = []

    def paste(prompt: str) -> str:
        state = parse_qs(urlsplit(said[0].splitlines()[-1]).query)["state"][0]
        return f"http://localhost:8085/?code=pasted-code&state={state}"

    assert authorize(config, [], open_browser=False, input_fn=paste, notify=said.append) == "pasted-code"
    monkeypatch.setattr(browser.webbrowser, "open", lambda url: False)
    config = make_config(tmp_path, PINTEREST_REDIRECT_PORT=str(free_port()))
    said.clear()
    assert authorize(config, [], input_fn=lambda prompt: paste(prompt), notify=said.append) == "pasted-code"
    assert any("No browser could be opened" in line for line in said)

    def eof(prompt: str) -> str:
        raise EOFError

    with pytest.raises(TokenError, match="no redirected URL"):
        authorize(config, [], open_browser=False, input_fn=eof, notify=said.append)


def test_a_browser_command_that_blocks_until_the_redirect_is_served(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A terminal browser (``BROWSER=w3m``) or a headless visitor returns only after the page loads.

    ``webbrowser.open`` then blocks until the redirect server has answered, so the flow
    must serve while the browser command runs.
    """
    config = make_config(tmp_path, PINTEREST_REDIRECT_PORT=str(free_port()))

    def blocking_open(url: str) -> bool:
        params = parse_qs(urlsplit(url).query)
        port = urlsplit(params["redirect_uri"][0]).port
        state = params["state"][0]
        response = httpx.get(f"http://127.0.0.1:{port}/?code=the-code&state={state}", timeout=5)
        return response.status_code == 200

    monkeypatch.setattr(browser.webbrowser, "open", blocking_open)
    assert authorize(config, [], timeout=10, notify=lambda _: None) == "the-code"

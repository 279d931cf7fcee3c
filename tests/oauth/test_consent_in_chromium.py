"""The OAuth consent flow in a real browser: headless Chromium on the emulator's consent page.

Run by ``nox -s browser`` (CI runs it): Debian's ``chromium`` driven by Playwright with
``executable_path``, so no browser is downloaded. The browser opens the authorization
URL the project builds, the emulator shows its consent page (a screenshot is saved to
``artifacts/consent-page.png``), a click on Allow redirects to the project's loopback
redirect server, and the token lands in the token store. Deny ends in a clear message.
"""

from __future__ import annotations

import os
import shutil
import threading
import webbrowser
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from support.core import free_port

from pinterest_tools.config import Config
from pinterest_tools.emulator import DEMO_APP_ID, DEMO_APP_SECRET
from pinterest_tools.errors import TokenError
from pinterest_tools.oauth.flow import new_token
from pinterest_tools.oauth.tokens import FileTokenStore

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"
# Without these, Chromium as root needs a sandbox it cannot have here, and tries to reach
# Google's hosts at every start.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def config(emulator: Any, tmp_path: Path) -> Config:
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.fail(f"{CHROMIUM} not found: install Debian's chromium (apt-get install chromium)")
    environ = {
        "PINTEREST_APP_ID": DEMO_APP_ID,
        "PINTEREST_APP_SECRET": DEMO_APP_SECRET,
        "PINTEREST_API_URI": emulator.base_url,
        "PINTEREST_OAUTH_URI": emulator.base_url,
        "PINTEREST_OAUTH_TOKEN_DIR": str(tmp_path / "tokens"),
        "PINTEREST_REDIRECT_PORT": str(free_port()),
    }
    return Config.load(version=5, environ=environ)


@pytest.fixture
def browser_clicks(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, Any]]:
    """Replace ``webbrowser.open`` with headless Chromium that clicks a button on the consent page."""
    from playwright.sync_api import sync_playwright

    seen: dict[str, Any] = {"button": "allow", "done": threading.Event()}
    threads: list[threading.Thread] = []

    def drive(url: str) -> None:
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                page = browser.new_page(viewport={"width": 900, "height": 900})
                page.goto(url)
                seen["consent_text"] = page.inner_text("body")
                ARTIFACTS.mkdir(exist_ok=True)
                page.screenshot(path=str(ARTIFACTS / f"consent-page-{seen['button']}.png"), full_page=True)
                page.click(f"button[value={seen['button']}]")
                page.wait_for_load_state()
                seen["final_url"] = page.url
                seen["final_text"] = page.inner_text("body")
                browser.close()
        except Exception as exc:  # reported by the test, not lost in the thread
            seen["error"] = exc
        finally:
            seen["done"].set()  # the flow returns as soon as the redirect is served; the page may still load

    def open_in_chromium(url: str, *args: object, **kwargs: object) -> bool:
        thread = threading.Thread(target=drive, args=(url,), daemon=True)
        threads.append(thread)
        thread.start()
        return True

    monkeypatch.setattr(webbrowser, "open", open_in_chromium)
    yield seen
    for thread in threads:
        thread.join(timeout=30)


def authorize(config: Config, notify: Callable[[str], None] = lambda _: None) -> Any:
    return new_token(config, "access_token", ["boards:read", "pins:read", "user_accounts:read"], notify=notify)


def test_allow_puts_a_token_in_the_store(config: Config, browser_clicks: dict[str, Any], emulator: Any) -> None:
    token = authorize(config)
    path = FileTokenStore(config.store_dir).save(token)

    assert browser_clicks["done"].wait(30)
    assert "error" not in browser_clicks, browser_clicks.get("error")
    consent = browser_clicks["consent_text"]
    assert "Allow" in consent and "Deny" in consent
    assert "See your public boards" in consent  # requested scopes, with their descriptions
    assert browser_clicks["final_url"].startswith(config.redirect_uri)
    assert "code=" not in browser_clicks["final_text"]
    stored = FileTokenStore(config.store_dir).load("access_token")
    assert stored.access_token == token.access_token and stored.refresh_token
    assert path.stat().st_mode & 0o777 == 0o600
    assert "boards:read" in str(stored.scopes)  # the file records the granted scopes
    assert (ARTIFACTS / "consent-page-allow.png").stat().st_size > 10_000


def test_deny_gives_a_clear_message(config: Config, browser_clicks: dict[str, Any]) -> None:
    browser_clicks["button"] = "deny"
    with pytest.raises(TokenError) as caught:
        authorize(config)
    assert "denied" in str(caught.value).lower()
    assert browser_clicks["done"].wait(30)
    assert "error" not in browser_clicks, browser_clicks.get("error")
    assert not FileTokenStore(config.store_dir).path("access_token").exists()

"""The client's options (mocked at the transport): headers, query, retries per call, with_options,
PINTEREST_LOG, the proxy rules, and every failure typed (UsageError before sending, ApiConnectionError
and ApiTimeoutError after)."""

from __future__ import annotations

import asyncio
import logging
import math
import re
import ssl
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from pinterest_tools import __version__
from pinterest_tools.errors import (
    ApiConnectionError,
    ApiStatusError,
    ApiTimeoutError,
    ConfigError,
    InsufficientScopeError,
    RestrictedFeatureError,
    UsageError,
)
from pinterest_tools.http.pool import Pool, Proxies
from pinterest_tools.rest import AsyncPinterest, Pinterest

BASE = "https://api.example.test"
ACCOUNT = {"username": "ana"}


@pytest.fixture(autouse=True)
def _quick_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PINTEREST_RETRY_BACKOFF", "0")
    monkeypatch.delenv("PINTEREST_LOG", raising=False)


def client_with(handler: Callable[[httpx.Request], httpx.Response], **options: Any) -> Pinterest:
    return Pinterest("TOKEN", base_url=BASE, transport=httpx.MockTransport(handler), **options)


def answering(*answers: httpx.Response) -> tuple[list[httpx.Request], Callable[[httpx.Request], httpx.Response]]:
    seen: list[httpx.Request] = []
    queue: Iterator[httpx.Response] = iter(answers)

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return next(queue)

    return seen, handler


def test_requests_say_who_calls_and_carry_the_default_headers_and_query() -> None:
    seen, handler = answering(*[httpx.Response(200, json=ACCOUNT)] * 3)
    with client_with(handler, default_headers={"X-App": "shop-7"}, default_query={"ad_account_id": "9"}) as client:
        client.user_account.get()
        client.user_account.get(extra_query={"ad_account_id": "10"}, extra_headers={"X-App": "call"})
        with client.with_options(default_headers={"User-Agent": "my-app/2"}) as copy:
            copy.user_account.get()
    first, second, third = seen
    assert first.headers["user-agent"] == f"pinterest-tools/{__version__} python-httpx/{httpx.__version__}"
    assert (first.headers["x-app"], dict(first.url.params)) == ("shop-7", {"ad_account_id": "9"})
    assert (second.headers["x-app"], dict(second.url.params)) == ("call", {"ad_account_id": "10"})  # the call wins
    assert (third.headers["user-agent"], third.headers["x-app"]) == ("my-app/2", "shop-7")  # merged, overridden


def test_max_retries_per_call_and_per_copy() -> None:
    busy = httpx.Response(503, json={"message": "busy"})
    seen, handler = answering(*[busy] * 9)
    with client_with(handler, max_retries=3) as client:
        with pytest.raises(ApiStatusError) as failed:
            client.user_account.get(max_retries=0)
        assert failed.value.status_code == 503 and len(seen) == 1
        with pytest.raises(ApiStatusError):
            client.user_account.get(max_retries=1)
        assert len(seen) == 3
        with pytest.raises(ApiStatusError):
            client.with_options(max_retries=2).user_account.get()
        assert len(seen) == 6


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"timeout": math.nan}, "timeout must be a finite number of seconds above 0, not nan"),
        ({"timeout": math.inf}, "timeout must be a finite number of seconds above 0, not inf"),
        ({"timeout": -1}, "timeout must be a finite number of seconds above 0, not -1"),
        ({"max_retries": "3"}, "max_retries must be a whole number of retries (an int), not '3'"),
        ({"max_retries": 1.5}, "max_retries must be a whole number of retries (an int), not 1.5"),
        ({"max_retries": True}, "max_retries must be a whole number of retries (an int), not True"),
        (
            {"default_headers": {"X-A": "é🙂"}},
            "default_headers: the value of X-A must be printable ASCII without line breaks"
            " (encode other text, e.g. percent-encoding, before sending it in a header)",
        ),
        (
            {"default_headers": {"X-A": "v" * 200_000}},
            "default_headers: the value of X-A has 200000 characters; servers refuse headers over 8192",
        ),
        ({"proxy": "ftp://127.0.0.1:1"}, "proxy must be an http(s):// or socks5:// URL, not 'ftp://127.0.0.1:1'"),
        ({"trust_env": "yes"}, "trust_env must be True or False, not 'yes'"),
        ({"colour": "red"}, "with_options() got unknown option(s): colour"),
    ],
)
def test_refused_client_options_are_usage_errors_in_the_constructor_and_with_options(
    options: dict[str, Any], message: str
) -> None:
    seen, handler = answering()
    with client_with(handler) as client, pytest.raises(UsageError) as refused:
        client.with_options(**options)
    assert str(refused.value) == message and seen == []
    if "colour" not in options:
        with pytest.raises(UsageError) as refused:
            client_with(handler, **options)
        assert str(refused.value) == message


def test_too_long_ids_and_urls_are_usage_errors_before_sending() -> None:
    seen, handler = answering()
    with client_with(handler) as client:
        with pytest.raises(UsageError) as refused:
            client.boards.get("a" * 100_000)
        assert (
            str(refused.value)
            == "GET /boards/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa: cannot be sent (URL too long)"
        )
        with pytest.raises(UsageError) as refused:
            client.boards.get("a" * 9_000)
        assert str(refused.value) == (
            f"GET /v5/boards/{'a' * 49}...: the request's path and query have 9011 characters;"
            " servers refuse request lines over 8 KiB (an id or parameter is far too long)"
        )
        with pytest.raises(UsageError):
            client.boards.get("1", extra_query={"q": "x" * 9_000})
    assert seen == []


def test_download_report_refuses_a_timeout_that_never_ends() -> None:
    seen, handler = answering()
    with client_with(handler) as client:
        for timeout in (math.nan, math.inf, 0):
            with pytest.raises(UsageError) as refused:
                client.download_report("1", {}, "report.csv", timeout=timeout)
            assert str(refused.value) == f"timeout must be a finite number of seconds above 0, not {timeout!r}"
    assert seen == []


class _Breaks(httpx.SyncByteStream):
    def __iter__(self) -> Iterator[bytes]:
        yield b'{"code": 1, '
        raise httpx.ReadError("the connection broke")


def test_a_body_that_breaks_while_the_error_hook_reads_it_is_an_api_connection_error() -> None:
    _, handler = answering(httpx.Response(400, stream=_Breaks(), headers={"content-type": "application/json"}))
    with client_with(handler) as client, pytest.raises(ApiConnectionError) as failed:
        client.user_account.get()
    assert type(failed.value) is ApiConnectionError
    assert str(failed.value) == "GET /v5/user_account failed: connection failed (ReadError: the connection broke)"


def test_timeouts_are_api_timeout_errors_sync_and_async() -> None:
    def slow(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("timed out", request=request)

    with client_with(slow, max_retries=1) as client, pytest.raises(ApiTimeoutError) as failed:
        client.user_account.get()
    assert str(failed.value) == "GET /v5/user_account failed: timed out (ReadTimeout: timed out) (attempt 2)"

    async def main() -> None:
        async with AsyncPinterest("TOKEN", base_url=BASE, transport=httpx.MockTransport(slow), max_retries=0) as c:
            await c.user_account.get()

    with pytest.raises(ApiTimeoutError):
        asyncio.run(main())


def test_a_restricted_feature_from_the_api_is_its_own_error() -> None:
    """A Trial app editing a pin, as the live API answers it (the emulator's tiers come separately)."""
    answer = httpx.Response(401, json={"code": 3, "message": "restricted feature: pin_edit"})
    seen, handler = answering(answer)
    with (
        client_with(handler, token_scopes=["pins:read", "pins:write"]) as client,
        pytest.raises(RestrictedFeatureError) as raised,
    ):
        client.pins.update("42", body={"title": "new"})
    assert not isinstance(raised.value, InsufficientScopeError) and raised.value.feature == "pin_edit"
    assert "Standard access lifts it" in str(raised.value) and len(seen) == 1


def test_with_options_that_change_the_connection_make_a_new_client(monkeypatch: pytest.MonkeyPatch) -> None:
    seen, handler = answering(*[httpx.Response(200, json=ACCOUNT)] * 2)
    other: list[httpx.Request] = []

    def other_handler(request: httpx.Request) -> httpx.Response:
        other.append(request)
        return httpx.Response(200, json=ACCOUNT)

    with client_with(handler, timeout=7) as client:
        with client.with_options(access_token="OTHER", transport=httpx.MockTransport(other_handler)) as copy:
            copy.user_account.get()
        client.user_account.get()
    assert other[0].headers["authorization"] == "Bearer OTHER" and other[0].extensions["timeout"]["read"] == 7
    assert seen[0].headers["authorization"] == "Bearer TOKEN"


def test_pinterest_log_shows_requests_with_secrets_redacted(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PINTEREST_LOG", "debug")
    _, handler = answering(httpx.Response(200, json={"username": "ana", "note": "pina_SECRETVALUE123"}))
    logger = logging.getLogger("pinterest_tools")
    try:
        with Pinterest("pina_SECRETVALUE123", base_url=BASE, transport=httpx.MockTransport(handler)) as client:
            client.user_account.get()
    finally:
        for handler_ in list(logger.handlers):
            if not isinstance(handler_, logging.NullHandler):
                logger.removeHandler(handler_)
        logger.setLevel(logging.NOTSET)
    err = capsys.readouterr().err
    assert " INFO pinterest_tools.http: GET /v5/user_account\n" in err
    # httpx writes the JSON body compact from 0.28 on, with spaces before
    assert re.search(r' DEBUG pinterest_tools.http: response body: \{"username": ?"ana", ?"note": ?"<redacted>"\}', err)
    assert "pina_SECRETVALUE123" not in err
    monkeypatch.setenv("PINTEREST_LOG", "loud")
    with pytest.raises(ConfigError) as refused:
        Pinterest("TOKEN", base_url=BASE)
    assert str(refused.value) == "PINTEREST_LOG must be debug, info or warning, not 'loud'"


@pytest.mark.parametrize(
    ("environment", "url", "proxy"),
    [
        ({"HTTPS_PROXY": "http://p:1"}, "https://api.pinterest.com/v5", "http://p:1"),
        ({"HTTPS_PROXY": "p:1"}, "https://api.pinterest.com/v5", "http://p:1"),
        ({"HTTPS_PROXY": "http://p:1"}, "http://api.pinterest.com/v5", None),
        ({"HTTP_PROXY": "http://p:2"}, "http://127.0.0.1:8000/v5", "http://p:2"),
        ({"ALL_PROXY": "http://p:3"}, "https://api.pinterest.com/v5", "http://p:3"),
        ({"ALL_PROXY": "http://p:3", "HTTPS_PROXY": "http://p:1"}, "https://api.pinterest.com/v5", "http://p:1"),
        ({"HTTPS_PROXY": "http://p:1", "NO_PROXY": "pinterest.com"}, "https://api.pinterest.com/v5", None),
        ({"HTTPS_PROXY": "http://p:1", "NO_PROXY": "pinterest.com"}, "https://pinterest.com/", None),
        ({"HTTPS_PROXY": "http://p:1", "NO_PROXY": ".pinterest.com"}, "https://pinterest.com/", "http://p:1"),
        ({"HTTPS_PROXY": "http://p:1", "NO_PROXY": ".pinterest.com"}, "https://api.pinterest.com/", None),
        ({"HTTPS_PROXY": "http://p:1", "NO_PROXY": "terest.com"}, "https://api.pinterest.com/", "http://p:1"),
        ({"HTTPS_PROXY": "http://p:1", "NO_PROXY": " x.org , *"}, "https://api.pinterest.com/", None),
        ({"HTTP_PROXY": "http://p:2", "NO_PROXY": "127.0.0.1"}, "http://127.0.0.1:8000/", None),
        ({"HTTP_PROXY": "http://p:2", "NO_PROXY": "localhost"}, "http://127.0.0.1:8000/", "http://p:2"),
        ({"HTTP_PROXY": "http://p:2", "NO_PROXY": "::1"}, "http://[::1]:8000/", None),
        ({"http_proxy": "http://lower:2", "HTTP_PROXY": "http://upper:2"}, "http://a.b/", "http://lower:2"),
    ],
)
def test_the_environment_proxies_follow_httpx_and_curl(
    monkeypatch: pytest.MonkeyPatch, environment: dict[str, str], url: str, proxy: str | None
) -> None:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    assert Proxies.from_environment().for_url(httpx.URL(url)) == proxy
    # and httpx itself agrees, where it can be asked through its public surface
    with httpx.Client() as plain:
        mounted = plain._transport_for_url(httpx.URL(url))
        assert (mounted is plain._transport) == (proxy is None)


def test_ssl_cert_file_is_honoured_for_https(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import certifi

    loaded: list[Any] = []
    real = ssl.SSLContext.load_verify_locations

    def record(self: ssl.SSLContext, cafile: Any = None, capath: Any = None, cadata: Any = None) -> None:
        # Where every httpx version ends up (0.27 calls it, 0.28 through ssl.create_default_context).
        loaded.append(str(cafile or capath))
        real(self, cafile, capath, cadata)

    monkeypatch.setattr(ssl.SSLContext, "load_verify_locations", record)
    monkeypatch.setenv("SSL_CERT_FILE", certifi.where())
    bundle_pool = Pool()
    bundle_pool._pools.get(httpx.URL("https://api.pinterest.com/"))
    monkeypatch.delenv("SSL_CERT_FILE")
    monkeypatch.setenv("SSL_CERT_DIR", str(tmp_path))
    Pool()._pools.get(httpx.URL("https://api.pinterest.com/"))
    Pool(trust_env=False)._pools.get(httpx.URL("https://api.pinterest.com/"))
    assert loaded == [certifi.where(), str(tmp_path), certifi.where()]


def test_the_emulator_fixtures_clients_wait_on_its_clock_not_the_wall_clock() -> None:
    """A 429 asks for up to a minute; the fixture's client passes it on the emulator's clock at once."""
    from pinterest_tools.emulator.testing import start_emulator
    from pinterest_tools.errors import RateLimitError

    started = time.monotonic()
    with start_emulator("inprocess", rate_limit="2/60") as emu:
        before = emu.clock.now()
        # Not paced, so that the 429s this test is about happen (paced, the third request would wait
        # for the window before it is sent: tests/http/test_pacing.py).
        with emu.client().with_options(pacing=False) as client:
            names = [client.user_account.get().username for _ in range(3)]  # the third waits for the window
            with pytest.raises(RateLimitError):
                for _ in range(3):
                    client.user_account.get(max_retries=0)

        async def main() -> str:
            async with emu.async_client() as aclient:
                return str((await aclient.user_account.get()).username)

        assert asyncio.run(main()) == "dexter_demo"
        waited = emu.clock.now() - before
    assert names == ["dexter_demo"] * 3
    assert waited >= 30  # the emulator's clock moved on by the waits the 429s asked for
    assert time.monotonic() - started < 10  # and the wall clock did not

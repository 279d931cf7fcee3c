"""The facade's behaviour at the transport: arguments, bodies, paging, errors, options, tokens, async."""

from __future__ import annotations

import asyncio
import json
import logging
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from pinterest_tools import AsyncPinterest, Pinterest
from pinterest_tools.errors import ApiStatusError, InvalidResponseError, NotFoundError, TokenError, UsageError
from pinterest_tools.http.pool import Pool
from pinterest_tools.oauth.token import TOKEN_CHARACTERS
from pinterest_tools.oauth.tokens import FileTokenStore, Token
from pinterest_tools.rest import AsyncPaginator, Page, Paginator

BASE = "https://api.example.test"
PIN = {"id": "42", "title": "Hello", "board_id": "7"}
Handler = Callable[[httpx.Request], httpx.Response]


class Recorder:
    """A MockTransport handler that answers from a list and keeps every request."""

    def __init__(self, *answers: httpx.Response) -> None:
        self.answers = list(answers)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]

    def body(self, index: int = -1) -> Any:
        return json.loads(self.requests[index].content)


@pytest.fixture(autouse=True)
def quick_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PINTEREST_RETRY_BACKOFF", "0")


def client_for(handler: Handler, **options: Any) -> Pinterest:
    return Pinterest("TOKEN", base_url=BASE, transport=httpx.MockTransport(handler), **options)


def test_get_sends_path_and_query_and_returns_the_model() -> None:
    mock = Recorder(httpx.Response(200, json=PIN))
    with client_for(mock) as client:
        pin = client.pins.get("42", pin_metrics=True, ad_account_id="9")
    (request,) = mock.requests
    assert (request.method, request.url.path) == ("GET", "/v5/pins/42")
    assert dict(request.url.params) == {"pin_metrics": "true", "ad_account_id": "9"}
    assert request.headers["Authorization"] == "Bearer TOKEN"
    assert type(pin).__name__ == "Pin" and pin.id == "42" and pin.title == "Hello"


def test_path_parameters_are_quoted() -> None:
    mock = Recorder(httpx.Response(200, json=PIN))
    with client_for(mock) as client:
        client.pins.get("a/b?c")
    assert mock.requests[0].url.raw_path == b"/v5/pins/a%2Fb%3Fc"


def test_create_with_keywords_a_dict_and_a_model_sends_the_same_body() -> None:
    from pinterest_api_v5.models import PinCreate

    source = {"source_type": "image_url", "url": "https://i.example/x.jpg"}
    expected = {"board_id": "7", "title": "T", "media_source": {**source, "is_standard": True}}
    mock = Recorder(httpx.Response(201, json=PIN))
    with client_for(mock) as client:
        client.pins.create(board_id="7", title="T", media_source=source)
        client.pins.create(body={"board_id": "7", "title": "T", "media_source": source})
        client.pins.create(body=PinCreate.from_dict({"board_id": "7", "title": "T", "media_source": source}))
        client.pins.create(body={"board_id": "1", "title": "T", "media_source": source}, board_id="7")  # keyword wins
    bodies = [json.loads(r.content) for r in mock.requests]
    assert all(body == bodies[0] for body in bodies)
    assert {k: v for k, v in bodies[0].items() if k != "media_source"} == {"board_id": "7", "title": "T"}
    assert bodies[0]["media_source"]["url"] == expected["media_source"]["url"]
    assert all(r.method == "POST" and r.url.path == "/v5/pins" for r in mock.requests)


def test_an_invalid_body_is_refused_before_sending() -> None:
    mock = Recorder(httpx.Response(201, json=PIN))
    with (
        client_for(mock) as client,
        pytest.raises(UsageError, match=r"pins\.create: body\.media_source is not a valid value"),
    ):
        client.pins.create(board_id="7", media_source={"source_type": "no_such_source", "url": "x"})
    assert mock.requests == []


def test_one_value_discriminator_defaults() -> None:
    mock = Recorder(httpx.Response(201, json={"media_id": "5", "media_type": "video", "upload_url": "u"}))
    with client_for(mock) as client:
        registered = client.media.create()
    assert mock.body() == {"media_type": "video"}
    assert registered.media_id == "5"


def test_enum_parameters_take_the_member_or_its_string() -> None:
    from pinterest_api_v5.models import BoardPrivacyFilter

    mock = Recorder(httpx.Response(200, json={"items": [], "bookmark": None}))
    with client_for(mock) as client:
        list(client.boards.list(privacy="SECRET"))
        list(client.boards.list(privacy=BoardPrivacyFilter.SECRET))
        for wrong in ("secret", BoardPrivacyFilter._parse("HIDDEN", "test")):  # the second: as a response carries it
            with pytest.raises(UsageError, match=r"is not a valid BoardPrivacyFilter \(one of: .*SECRET"):
                client.boards.list(privacy=wrong)  # type: ignore[arg-type]
    assert [r.url.params["privacy"] for r in mock.requests] == ["SECRET", "SECRET"]


def test_enum_values_in_bodies_are_checked_too() -> None:
    mock = Recorder(httpx.Response(201, json={"id": "1", "name": "B"}))
    with client_for(mock) as client:
        with pytest.raises(UsageError, match=r"boards\.create: body\.privacy is 'HIDDEN', not one of: .*SECRET"):
            client.boards.create(name="B", privacy="HIDDEN")  # type: ignore[arg-type]
        client.boards.create(name="B", privacy="SECRET")
    assert [json.loads(r.content) for r in mock.requests] == [{"name": "B", "privacy": "SECRET"}]


def test_a_string_for_a_list_parameter_is_refused() -> None:
    mock = Recorder(httpx.Response(200, json={"items": [], "bookmark": None}))
    with client_for(mock) as client, pytest.raises(UsageError, match="expected a list of values"):
        client.ad_accounts.campaigns.list("1", campaign_ids="123")  # type: ignore[arg-type]
    with client_for(mock) as client:
        list(client.ad_accounts.campaigns.list("1", campaign_ids=["123", "456"]))
    assert mock.requests[-1].url.params.get_list("campaign_ids") == ["123", "456"]


def pages(*bookmarks: str | None) -> list[httpx.Response]:
    return [
        httpx.Response(200, json={"items": [{"id": f"{n}", "name": f"board {n}"}], "bookmark": bookmark})
        for n, bookmark in enumerate(bookmarks)
    ]


def test_paging_follows_bookmarks_lazily_and_resumes() -> None:
    mock = Recorder(*pages("b1", "b2", None))
    with client_for(mock) as client:
        boards = client.boards.list(page_size=1)
        assert isinstance(boards, Paginator) and mock.requests == []  # nothing sent until iterated
        assert [b.name for b in boards] == ["board 0", "board 1", "board 2"]
    assert [r.url.params.get("bookmark") for r in mock.requests] == [None, "b1", "b2"]
    assert all(r.url.params["page_size"] == "1" for r in mock.requests)
    mock = Recorder(*pages("b1", "b2", None))
    with client_for(mock) as client:
        first = client.boards.list().first_page()
        assert first == Page(items=first.items, bookmark="b1")
        rest = [page.bookmark for page in client.boards.list(bookmark=first.bookmark).pages()]
    assert rest == ["b2", None]
    assert mock.requests[1].url.params["bookmark"] == "b1"


def test_a_paginator_tells_where_to_resume_after_stopping_mid_page() -> None:
    with client_for(Recorder(*pages("b1", "b2", None))) as client:
        boards = client.boards.list()
        assert (boards.bookmark, boards.next_bookmark) == (None, None)  # nothing fetched yet
        for board in boards:
            if board.name == "board 1":
                break
        assert (boards.bookmark, boards.next_bookmark) == ("b1", "b2")  # "board 1" came with bookmark b1
    mock = Recorder(*pages("b2", None))
    with client_for(mock) as client:
        assert [b.name for b in client.boards.list(bookmark="b1")] == ["board 0", "board 1"]
    assert mock.requests[0].url.params["bookmark"] == "b1"


def test_paging_stops_on_a_repeated_bookmark_and_after_max_pages(caplog: pytest.LogCaptureFixture) -> None:
    with client_for(Recorder(*pages("same", "same", "same"))) as client:
        looping = client.boards.list()
        assert len(list(looping)) == 2
        assert looping.next_bookmark is None  # resuming there would go round again
    assert "returned a bookmark it had returned before" in caplog.text
    with client_for(Recorder(*pages("a", "b", "c", None))) as client, caplog.at_level(logging.DEBUG):
        capped = client.boards.list(max_pages=2)
        assert len(list(capped)) == 2
        assert capped.next_bookmark == "b"
    (capped_line,) = [r for r in caplog.records if "stopped after" in r.getMessage()]
    assert (capped_line.levelname, capped_line.getMessage()) == (
        "DEBUG",  # asked for: no warning
        "boards.list: stopped after 2 pages; resume with bookmark='b'",
    )


def test_204_returns_none_and_errors_are_typed() -> None:
    mock = Recorder(httpx.Response(204), httpx.Response(404, json={"code": 50, "message": "Pin not found."}))
    with client_for(mock) as client:
        assert client.pins.delete("42") is None
        with pytest.raises(NotFoundError, match="Pin not found") as error:
            client.pins.get("42")
    assert error.value.status_code == 404 and error.value.code == 50


def test_a_2xx_body_that_cannot_be_read_is_an_invalid_response() -> None:
    unreadable = Recorder(httpx.Response(200, text="<html>gateway</html>"))
    message = r"pins\.get: the response body \(HTTP 200\) could not be read"
    with client_for(unreadable) as client, pytest.raises(InvalidResponseError, match=message):
        client.pins.get("42")


def test_with_options_sets_retries_and_timeout_for_the_copy_only() -> None:
    mock = Recorder(httpx.Response(503, json={"code": 1, "message": "busy"}))
    with client_for(mock, max_retries=2, timeout=30) as client:
        with pytest.raises(ApiStatusError):
            client.pins.get("1")
        assert len(mock.requests) == 3  # the first attempt and two retries
        quick = client.with_options(max_retries=0, timeout=5)
        with pytest.raises(ApiStatusError):
            quick.pins.get("1")
        assert len(mock.requests) == 4
        assert mock.requests[-1].extensions["timeout"]["read"] == 5
        assert mock.requests[0].extensions["timeout"]["read"] == 30
        assert quick._session is client._session and quick.token is client.token
        quick.close()  # a copy leaves the shared pool open
        with pytest.raises(ApiStatusError):
            client.pins.get("1")


def test_with_options_shares_the_connection_pool() -> None:
    with Pinterest("TOKEN", base_url=BASE) as client:
        copy = client.with_options(timeout=5)
        assert copy._session.pool is client._session.pool
        assert isinstance(client._session.pool, Pool)


def test_invalid_options_are_usage_errors() -> None:
    with pytest.raises(UsageError, match="base_url must be an http"):
        Pinterest("TOKEN", base_url="api.pinterest.com")
    with pytest.raises(UsageError, match="max_retries"):
        Pinterest("TOKEN", max_retries=-1)
    with pytest.raises(UsageError, match="access_token is empty"):
        Pinterest("  ")


def test_base_url_means_the_host(monkeypatch: pytest.MonkeyPatch) -> None:
    mock = Recorder(httpx.Response(200, json=PIN))
    monkeypatch.setenv("PINTEREST_API_URI", "http://127.0.0.1:9")
    with Pinterest("TOKEN", transport=httpx.MockTransport(mock)) as client:  # the environment's host
        client.pins.get("1")
    with Pinterest("TOKEN", base_url="http://other.test/", transport=httpx.MockTransport(mock)) as client:
        client.pins.get("1")
    assert [str(r.url) for r in mock.requests] == ["http://127.0.0.1:9/v5/pins/1", "http://other.test/v5/pins/1"]


def environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("ACCESS_TOKEN", "PINTEREST_API_URI", "PINTEREST_SANDBOX"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PINTEREST_OAUTH_TOKEN_DIR", str(tmp_path))
    monkeypatch.setenv("PINTEREST_APP_ID", "app")
    monkeypatch.setenv("PINTEREST_APP_SECRET", "secret")


def test_no_token_is_a_token_error_and_never_a_browser(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    environment(monkeypatch, tmp_path)
    import webbrowser

    monkeypatch.setattr(webbrowser, "open", lambda *a, **k: pytest.fail("a browser was opened"))
    with pytest.raises(TokenError, match="no access_token: neither the environment variable ACCESS_TOKEN nor"):
        Pinterest(base_url=BASE)


def test_the_environment_token_is_used(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    environment(monkeypatch, tmp_path)
    monkeypatch.setenv("ACCESS_TOKEN", "FROM-ENV")
    mock = Recorder(httpx.Response(200, json=PIN))
    with Pinterest(base_url=BASE, transport=httpx.MockTransport(mock)) as client:
        client.pins.get("1")
    assert mock.requests[0].headers["Authorization"] == "Bearer FROM-ENV"


def test_a_file_token_is_refreshed_and_saved_back(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    environment(monkeypatch, tmp_path)
    store = FileTokenStore(tmp_path)
    store.save(Token(name="access_token", access_token="OLD", refresh_token="R1", expires_at=time.time() - 10))

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/v5/oauth/token":
            fresh = {"access_token": "NEW", "token_type": "bearer", "expires_in": 3600, "scope": "pins:read"}
            return httpx.Response(200, json={**fresh, "refresh_token": "R2", "response_type": "refresh_token"})
        assert request.headers["Authorization"] == "Bearer NEW"
        return httpx.Response(200, json=PIN)

    with Pinterest(base_url=BASE, transport=httpx.MockTransport(handler)) as client:
        assert client.pins.get("1").id == "42"
        assert client.token.access_token == "NEW"
    saved = store.load("access_token")
    assert (saved.access_token, saved.refresh_token) == ("NEW", "R2")


def test_refresh_token_without_a_refresh_token_says_so() -> None:
    with Pinterest("TOKEN", base_url=BASE) as client, pytest.raises(TokenError, match="cannot be refreshed"):
        client.refresh_token()


def test_async_client_calls_and_pages() -> None:
    mock = Recorder(httpx.Response(200, json=PIN), *pages("b1", None))

    async def run() -> tuple[str, list[str]]:
        async with AsyncPinterest("TOKEN", base_url=BASE, transport=httpx.MockTransport(mock)) as client:
            pin = await client.pins.get("42")
            boards = client.boards.list()
            assert isinstance(boards, AsyncPaginator)
            names = [board.name async for board in boards]
            quick = client.with_options(timeout=5)
            assert quick._session is client._session
            return pin.id, names

    assert asyncio.run(run()) == ("42", ["board 0", "board 1"])
    assert [r.url.path for r in mock.requests] == ["/v5/pins/42", "/v5/boards", "/v5/boards"]


def test_import_pinterest_tools_stays_light() -> None:
    code = (
        "import sys, pinterest_tools; "
        "from pinterest_tools import NotFoundError, RateLimitError, BadRequestError, PermissionDeniedError; "
        "from pinterest_tools import ConflictError, InternalServerError, ApiTimeoutError, Page; "
        "assert not {'httpx', 'pinterest_api_v5', 'pinterest_tools.rest'} & set(sys.modules), sorted(sys.modules); "
        "from pinterest_tools import Pinterest; assert Pinterest.__name__ == 'Pinterest'; "
        "assert 'pinterest_tools.rest.resources.pins' not in sys.modules; "
        "assert 'pinterest_api_v5.models.pin' not in sys.modules"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_the_token_and_the_config_never_show_their_secrets_in_a_repr(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PINTEREST_APP_ID", "1234")
    monkeypatch.setenv("PINTEREST_APP_SECRET", "app-secret-value")
    with Pinterest(
        "pina_ACCESS_VALUE", base_url=BASE, transport=httpx.MockTransport(Recorder(httpx.Response(200)))
    ) as client:
        shown = f"{client.token!r} {client.config!r}"
        assert client.token.access_token == "pina_ACCESS_VALUE" and client.config.app_secret == "app-secret-value"
    assert "pina_ACCESS_VALUE" not in shown and "app-secret-value" not in shown
    assert "name='access_token'" in shown and "app_id='1234'" in shown
    refreshed = Token(name="mine", access_token="pina_A_VALUE", refresh_token="pinr_R_VALUE")
    assert "_VALUE" not in repr(refreshed) and "name='mine'" in repr(refreshed)


@pytest.mark.parametrize("given", ["pina_SECRET\r\nX-Injected: 1", "pina_SECRÉT", "pina SECRET", "pina_SECRET\x00"])
def test_an_access_token_argument_a_header_cannot_carry_is_refused_without_showing_it(given: str) -> None:
    # Once sent as it was: h11 refused the header and the error quoted it, token and all.
    for kind in (Pinterest, AsyncPinterest):
        with pytest.raises(UsageError) as refused:
            kind(given, base_url=BASE, transport=httpx.MockTransport(Recorder(httpx.Response(200, json=PIN))))
        assert str(refused.value) == "access_token is not a token: " + TOKEN_CHARACTERS
    with client_for(Recorder(httpx.Response(200, json=PIN))) as client:
        assert client.token.access_token == "TOKEN"
    with Pinterest(
        "  pina_ok+/=  ", base_url=BASE, transport=httpx.MockTransport(Recorder(httpx.Response(200)))
    ) as padded:
        assert padded.token.access_token == "pina_ok+/="


def test_paging_by_hand_with_has_next_page_and_get_next_page() -> None:
    mock = Recorder(*pages("b1", "b2", None))
    with client_for(mock) as client:
        page = client.boards.list(page_size=1).first_page()
        names = [board.name for board in page.items]
        while page.has_next_page():
            page = page.get_next_page()
            names += [board.name for board in page.items]
        with pytest.raises(UsageError) as last:
            page.get_next_page()
    assert names == ["board 0", "board 1", "board 2"]
    assert [r.url.params.get("bookmark") for r in mock.requests] == [None, "b1", "b2"]
    assert str(last.value) == "this is the last page: check has_next_page() before get_next_page()"
    assert not Page([], "b").has_next_page() and Page([1], "b").has_next_page()  # an empty page ends paging


def test_async_paging_by_hand() -> None:
    import asyncio

    mock = Recorder(*pages("b1", None))

    async def main() -> list[str]:
        async with AsyncPinterest("TOKEN", base_url=BASE, transport=httpx.MockTransport(mock)) as client:
            page = await client.boards.list().first_page()
            names = [board.name for board in page.items]
            while page.has_next_page():
                page = await page.get_next_page()
                names += [board.name for board in page.items]
            return names

    assert asyncio.run(main()) == ["board 0", "board 1"]

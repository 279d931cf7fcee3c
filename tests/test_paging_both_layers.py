"""One pager for both layers: the facade's list methods and ``http.paging`` over a generated operation.

Each test runs the same scripted listing through the four entry points (the facade, sync and
async, and ``iter_items``/``aiter_items`` over ``boards_list``) and expects the same pages,
the same stop and the same warning, word for word.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from pinterest_api_v5.api.boards import boards_list
from support.core import API, FakePinterest, make_config

from pinterest_tools import AsyncPinterest, Pinterest
from pinterest_tools.connection import open_client
from pinterest_tools.http.paging import aiter_items, iter_items
from pinterest_tools.oauth.tokens import Token

Run = Callable[[FakePinterest, Path, dict[str, Any]], tuple[list[str], Any]]


def facade(fake: FakePinterest, tmp_path: Path, options: dict[str, Any]) -> tuple[list[str], Any]:
    with Pinterest("TOKEN", base_url=API, transport=fake.transport) as client:
        boards = client.boards.list(**options)
        return [board.name for board in boards], boards


def facade_async(fake: FakePinterest, tmp_path: Path, options: dict[str, Any]) -> tuple[list[str], Any]:
    async def run() -> tuple[list[str], Any]:
        async with AsyncPinterest("TOKEN", base_url=API, transport=fake.transport) as client:
            boards = client.boards.list(**options)
            return [board.name async for board in boards], boards

    return asyncio.run(run())


def lower(fake: FakePinterest, tmp_path: Path, options: dict[str, Any]) -> tuple[list[str], Any]:
    token = Token("access_token", "access-token-1")
    with open_client(make_config(tmp_path), token, transport=fake.transport) as client:
        items = iter_items(boards_list, client=client, **options)
        return [board.name for board in items], items.pages


def lower_async(fake: FakePinterest, tmp_path: Path, options: dict[str, Any]) -> tuple[list[str], Any]:
    async def run() -> tuple[list[str], Any]:
        token = Token("access_token", "access-token-1")
        async with open_client(make_config(tmp_path), token, transport=fake.transport) as client:
            items = aiter_items(boards_list, client=client, **options)
            return [board.name async for board in items], items.pages

    return asyncio.run(run())


ENTRIES: dict[str, tuple[Run, str]] = {
    "facade": (facade, "boards.list"),
    "facade async": (facade_async, "boards.list"),
    "http.paging": (lower, "boards_list"),
    "http.paging async": (lower_async, "boards_list"),
}
entries = pytest.mark.parametrize("run,name", ENTRIES.values(), ids=ENTRIES.keys())


def page(name: str, bookmark: str | None) -> httpx.Response:
    return httpx.Response(200, json={"items": [{"id": name, "name": name}], "bookmark": bookmark})


def empty_page(bookmark: str | None) -> httpx.Response:
    return httpx.Response(200, json={"items": [], "bookmark": bookmark})


def sent(fake: FakePinterest) -> list[str | None]:
    return [request.url.params.get("bookmark") for request in fake.calls("GET", "/v5/boards")]


def warnings(caplog: pytest.LogCaptureFixture) -> list[tuple[str, str]]:
    return [(r.name, r.getMessage()) for r in caplog.records if r.levelno == logging.WARNING]


@entries
def test_a_bookmark_loop_ends_with_the_one_warning(
    run: Run, name: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # a server going round: b1 -> b2 -> b1 -> ... (the third page carries b1 again)
    fake = FakePinterest().add("GET", "/v5/boards", page("a", "b1"), page("b", "b2"), page("c", "b1"), page("d", None))
    with caplog.at_level(logging.WARNING):
        names, pager = run(fake, tmp_path, {})
    assert names == ["a", "b", "c"] and sent(fake) == [None, "b1", "b2"]
    assert pager.next_bookmark is None  # resuming there would go round again
    message = f"{name}: Pinterest returned a bookmark it had returned before; stopping here"
    assert warnings(caplog) == [("pinterest_tools.paging", message)]


@entries
def test_the_same_bookmark_twice_in_a_row_ends_at_once(
    run: Run, name: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    fake = FakePinterest().add("GET", "/v5/boards", page("a", "same"))  # the last reply repeats: endless
    with caplog.at_level(logging.WARNING):
        names, _ = run(fake, tmp_path, {})
    assert names == ["a", "a"] and sent(fake) == [None, "same"]
    assert [message for _, message in warnings(caplog)] == [
        f"{name}: Pinterest returned a bookmark it had returned before; stopping here"
    ]


@entries
def test_max_pages_asked_for_ends_with_one_debug_line_and_the_bookmark_to_resume(
    run: Run, name: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A bound the caller chose is what was asked: a DEBUG line, not a WARNING (the default bound warns)."""
    fake = FakePinterest().add("GET", "/v5/boards", lambda r: page("x", f"{r.url.params.get('bookmark')}+"))
    with caplog.at_level(logging.DEBUG, logger="pinterest_tools.paging"):
        names, pager = run(fake, tmp_path, {"max_pages": 3})
    assert len(names) == 3 and sent(fake) == [None, "None+", "None++"]
    assert (pager.bookmark, pager.next_bookmark) == ("None++", "None+++")
    message = f"{name}: stopped after 3 pages; resume with bookmark='None+++'"
    assert warnings(caplog) == []
    paging = [(r.levelname, r.getMessage()) for r in caplog.records if r.name == "pinterest_tools.paging"]
    assert paging == [("DEBUG", message)]
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        names, pager = run(fake, tmp_path, {"max_pages": 1, "bookmark": pager.next_bookmark})
    assert sent(fake)[3:] == ["None+++"] and pager.next_bookmark == "None++++"


@entries
def test_an_empty_page_ends_without_a_warning_even_with_a_bookmark(
    run: Run, name: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    fake = FakePinterest().add("GET", "/v5/boards", page("a", "b1"), empty_page("b2"), page("never", None))
    with caplog.at_level(logging.WARNING):
        names, pager = run(fake, tmp_path, {})
    assert names == ["a"] and sent(fake) == [None, "b1"]
    assert (pager.bookmark, pager.next_bookmark) == ("b1", None)
    assert warnings(caplog) == []

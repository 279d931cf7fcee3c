"""Bookmark paging over generated list operations: v5 items, v3 data, stop rules, resuming, async."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import httpx
import pytest
from pinterest_api_v3.api.boards import boards_pins_list
from pinterest_api_v5.api.boards import boards_list
from support.core import FakePinterest, make_config

from pinterest_tools.connection import open_client
from pinterest_tools.errors import UsageError
from pinterest_tools.http.paging import aiter_items, aiter_pages, iter_items, iter_pages
from pinterest_tools.oauth.tokens import Token

BOOKMARK = "Y2JVSG81V2sxcmNHRjZWM0JzWVRCMGNrbFVXbnBhVjBaNFVrTnJaVk5IVmpWa1dGUndT+/=&x"


def boards(*names: str, bookmark: str | None) -> httpx.Response:
    body: dict[str, Any] = {"items": [{"id": name, "name": name} for name in names]}
    return httpx.Response(200, json=body | ({"bookmark": bookmark} if bookmark is not None else {}))


def v5_client(tmp_path: Path, fake: FakePinterest) -> Any:
    return open_client(make_config(tmp_path), Token("access_token", "access-token-1"), transport=fake.transport)


def bookmarks_sent(fake: FakePinterest) -> list[str | None]:
    return [r.url.params.get("bookmark") for r in fake.requests]


def test_three_pages_lazily(tmp_path: Path) -> None:
    fake = FakePinterest().add(
        "GET",
        "/v5/boards",
        boards("a", "b", bookmark=BOOKMARK),
        boards("c", bookmark="page3"),
        boards("d", bookmark=None),
    )
    with v5_client(tmp_path, fake) as client:
        items = iter_items(boards_list, client=client, page_size=2)
        assert fake.requests == []  # nothing fetched before iteration asks
        assert next(items).name == "a"
        assert len(fake.requests) == 1
        assert [b.name for b in items] == ["b", "c", "d"]
    assert bookmarks_sent(fake) == [None, BOOKMARK, "page3"]
    assert all(r.url.params["page_size"] == "2" for r in fake.requests)
    assert b"%2B%2F%3D%26x" in fake.requests[1].url.query  # the bookmark is URL-encoded
    assert items.pages.pages == 3 and items.pages.next_bookmark is None


def test_pages_and_resuming(tmp_path: Path) -> None:
    fake = FakePinterest().add("GET", "/v5/boards", boards("a", bookmark="b1"), boards("b", bookmark="b2"))
    with v5_client(tmp_path, fake) as client:
        pager = iter_pages(boards_list, client=client.api, max_pages=1)
        (page,) = list(pager)
        assert [b.name for b in page.items] == ["a"] and page.bookmark == "b1"  # as its body has it: the next page's
        assert pager.next_bookmark == "b1" and pager.bookmark is None  # the latest page was the first
        resumed = iter_pages(boards_list, client=client, bookmark=pager.next_bookmark, max_pages=1)
        assert [b.name for p in resumed for b in p.items] == ["b"]
    assert bookmarks_sent(fake) == [None, "b1"]


def test_empty_last_page(tmp_path: Path) -> None:
    fake = FakePinterest().add("GET", "/v5/boards", boards("a", bookmark="b1"), boards(bookmark=None))
    with v5_client(tmp_path, fake) as client:
        pages = list(iter_pages(boards_list, client=client))
    assert [len(p.items) for p in pages] == [1, 0]


def test_empty_page_with_a_bookmark_ends_the_loop(tmp_path: Path) -> None:
    fake = FakePinterest().add("GET", "/v5/boards", boards("a", bookmark="b1"), boards(bookmark="b2"))
    with v5_client(tmp_path, fake) as client:
        assert [b.name for b in iter_items(boards_list, client=client)] == ["a"]
    assert len(fake.requests) == 2


def test_repeated_bookmark_ends_with_a_warning(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    fake = FakePinterest().add(
        "GET", "/v5/boards", boards("a", bookmark="b1"), boards("b", bookmark="b2"), boards("c", bookmark="b1")
    )
    with v5_client(tmp_path, fake) as client, caplog.at_level(logging.WARNING):
        assert [b.name for b in iter_items(boards_list, client=client)] == ["a", "b", "c"]
    assert len(fake.requests) == 3
    assert "bookmark it had returned before" in caplog.text


def test_page_limit_warns_only_when_it_is_the_default(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = FakePinterest().add("GET", "/v5/boards", lambda r: boards("x", bookmark=f"{r.url.params.get('bookmark')}+"))
    with v5_client(tmp_path, fake) as client, caplog.at_level(logging.DEBUG, logger="pinterest_tools.paging"):
        pager = iter_pages(boards_list, client=client, max_pages=5)
        assert len(list(pager)) == 5
        asked = [(r.levelname, r.getMessage()) for r in caplog.records]
        caplog.clear()
        monkeypatch.setattr("pinterest_tools.paging.DEFAULT_MAX_PAGES", 2)
        assert len(list(iter_pages(boards_list, client=client))) == 2
        default = [(r.levelname, r.getMessage()) for r in caplog.records]
    assert asked == [("DEBUG", "boards_list: stopped after 5 pages; resume with bookmark='None+++++'")]
    assert pager.next_bookmark == "None+++++"
    assert default == [("WARNING", "boards_list: stopped after 2 pages; resume with bookmark='None++'")]


@pytest.mark.parametrize("size", [0, -1, 251])
def test_page_size_out_of_range(size: int) -> None:
    with pytest.raises(UsageError, match="between 1 and 250"):
        iter_pages(boards_list, client=object(), page_size=size)


def test_v3_data_and_operation_arguments(tmp_path: Path) -> None:
    def page(ids: list[str], bookmark: str | None) -> httpx.Response:
        body: dict[str, Any] = {"status": "success", "code": 0, "message": "ok", "data": [{"id": i} for i in ids]}
        return httpx.Response(200, json=body | ({"bookmark": bookmark} if bookmark else {}))

    fake = FakePinterest().add("GET", "/v3/boards/42/pins/", page(["1", "2"], "v3-next"), page(["3"], None))
    config = make_config(tmp_path, version=3)
    with open_client(config, Token("t", "access-token-3", api_version=3), transport=fake.transport) as client:
        ids = [pin.id for pin in iter_items(boards_pins_list, client=client, board="42", page_size=250)]
    assert ids == ["1", "2", "3"]
    assert bookmarks_sent(fake) == [None, "v3-next"]


@pytest.mark.anyio
async def test_async_paging(tmp_path: Path) -> None:
    two_pages = (boards("a", bookmark="b1"), boards("b", "c", bookmark=None))
    fake = FakePinterest().add("GET", "/v5/boards", *two_pages, *two_pages)
    async with v5_client(tmp_path, fake) as client:
        names = [board.name async for board in aiter_items(boards_list, client=client, page_size=25)]
        pages = [len(p.items) async for p in aiter_pages(boards_list, client=client)]
    assert names == ["a", "b", "c"] and pages == [1, 2]
    assert bookmarks_sent(fake) == [None, "b1", None, "b1"]

"""Bookmark paging, as Pinterest pages: opaque cursor, page_size 1..250, default 25."""

from __future__ import annotations

import pytest
from support.emulator import http

from pinterest_tools.emulator.wire.errors import ApiError
from pinterest_tools.emulator.wire.paging import decode_bookmark, encode_bookmark, page_size, paginate


def key(value: int) -> int:
    return value


def test_default_and_bounds():
    assert page_size({}) == 25
    assert page_size({"page_size": "1"}) == 1 and page_size({"page_size": "250"}) == 250
    for bad in ("0", "251", "-3", "ten", ""):
        with pytest.raises(ApiError) as raised:
            page_size({"page_size": bad})
        assert raised.value.status == 400 and raised.value.code == 1


def test_pages_follow_the_bookmark_to_the_end():
    items = list(range(1, 61))
    seen, bookmark, pages = [], None, 0
    while True:
        query = {"page_size": "25"} | ({"bookmark": bookmark} if bookmark else {})
        page = paginate(items, query, listing="numbers", key=key)
        seen += page.items
        pages += 1
        bookmark = page.bookmark
        if bookmark is None:
            break
    assert seen == items and pages == 3


def test_an_exact_fit_has_no_next_page_and_an_empty_list_one_empty_page():
    assert paginate(list(range(25)), {}, listing="l", key=key).bookmark is None
    empty = paginate([], {}, listing="l", key=key)
    assert empty.items == [] and empty.bookmark is None


def test_bookmarks_are_opaque_and_bound_to_their_list():
    bookmark = encode_bookmark("boards:1", 42)
    assert "42" not in bookmark and decode_bookmark("boards:1", bookmark) == 42
    for listing, value in (("boards:2", bookmark), ("boards:1", "garbage"), ("boards:1", "e30")):
        with pytest.raises(ApiError):
            decode_bookmark(listing, value)


def test_deleting_while_paging_skips_nothing():
    items = list(range(1, 11))
    first = paginate(items, {"page_size": "3"}, listing="l", key=key)
    remaining = [i for i in items if i not in first.items]  # the caller deleted what it saw
    second = paginate(remaining, {"page_size": "3", "bookmark": first.bookmark}, listing="l", key=key)
    assert second.items == [4, 5, 6]


def test_a_thirty_pin_board_takes_two_default_pages(emulator):
    board = next(b for b in emulator.state.boards_of("dexter_demo") if b.name == "Weeknight recipes")
    with http(emulator) as api:
        first = api.get(f"/boards/{board.id}/pins").json()
        assert len(first["items"]) == 25 and first["bookmark"]
        second = api.get(f"/boards/{board.id}/pins", params={"bookmark": first["bookmark"]}).json()
        assert len(second["items"]) == 5 and second["bookmark"] is None
        ids = [pin["id"] for pin in first["items"] + second["items"]]
        assert len(set(ids)) == 30
        assert api.get(f"/boards/{board.id}/pins", params={"page_size": 251}).status_code == 400
        assert api.get("/boards", params={"page_size": 0}).json()["code"] == 1
        wrong_list = api.get("/pins", params={"bookmark": first["bookmark"]})
        assert wrong_list.status_code == 400


def test_deleting_every_board_while_listing_them(emulator):
    """What delete_board --all-boards does: list a page, delete each, follow the bookmark."""
    with http(emulator) as api:
        deleted, bookmark = 0, None
        while True:
            params = {"page_size": 2} | ({"bookmark": bookmark} if bookmark else {})
            page = api.get("/boards", params=params).json()
            for board in page["items"]:
                assert api.delete(f"/boards/{board['id']}").status_code == 204
                deleted += 1
            bookmark = page["bookmark"]
            if not bookmark:
                break
    assert deleted == 5 and not emulator.state.boards_of("dexter_demo")


def test_a_bookmark_past_a_deleted_item_and_a_long_list():
    items = list(range(0, 2000, 2))
    bookmark = encode_bookmark("l", 1001)  # between two items, as after deleting 1001
    page = paginate(items, {"page_size": "3", "bookmark": bookmark}, listing="l", key=key)
    assert page.items == [1002, 1004, 1006] and decode_bookmark("l", page.bookmark) == 1006
    last = paginate(items, {"page_size": "250", "bookmark": encode_bookmark("l", 1996)}, listing="l", key=key)
    assert last.items == [1998] and last.bookmark is None
    assert paginate(items, {"bookmark": encode_bookmark("l", 5000)}, listing="l", key=key).items == []

"""A path parameter that would move the request to another endpoint is refused before sending.

httpx removes ``.``/``..`` segments from every URL, so a section id of ``..`` would turn
``DELETE /boards/{board}/sections/{section}`` into ``DELETE /boards/{board}``.
"""

from __future__ import annotations

import asyncio

import httpx
import pytest

from pinterest_tools.emulator.testing import start_emulator
from pinterest_tools.errors import UsageError
from pinterest_tools.rest import AsyncPinterest, Pinterest

BASE = "https://api.example.test"


def recording(seen: list[httpx.Request]) -> Pinterest:
    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(204)

    return Pinterest("TOKEN", base_url=BASE, transport=httpx.MockTransport(handler), max_retries=0)


@pytest.mark.parametrize("section_id", ["..", ".", ""])
def test_a_dot_or_empty_path_parameter_is_refused_and_nothing_is_sent(section_id: str) -> None:
    seen: list[httpx.Request] = []
    with recording(seen) as client, pytest.raises(UsageError, match="path parameter cannot be"):
        client.boards.sections.delete("7", section_id)
    assert seen == []


def test_ids_with_dots_or_slashes_inside_are_still_sent_encoded() -> None:
    seen: list[httpx.Request] = []
    with recording(seen) as client:
        client.boards.sections.delete("7", "a..b")
        client.boards.sections.delete("7", "../8")
    assert [request.url.raw_path for request in seen] == [
        b"/v5/boards/7/sections/a..b",
        b"/v5/boards/7/sections/..%2F8",
    ]


def test_async_client_refuses_too() -> None:
    async def main() -> None:
        async with AsyncPinterest("TOKEN", base_url=BASE, max_retries=0) as client:
            await client.boards.sections.delete("7", "..")

    with pytest.raises(UsageError):
        asyncio.run(main())


def test_a_section_delete_with_dotdot_leaves_the_board_on_the_emulator() -> None:
    with start_emulator() as emu, Pinterest(emu.token, base_url=emu.base_url, max_retries=0) as client:
        board = next(iter(client.boards.list()))
        with pytest.raises(UsageError):
            client.boards.sections.delete(board.id, "..")
        assert client.boards.get(board.id).id == board.id

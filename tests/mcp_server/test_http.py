"""``pinterest-tools mcp --http``: the SDK's Streamable HTTP client against the server, behind its bearer token."""

from __future__ import annotations

import re
from typing import Any

import anyio
import pytest
from support.mcp_session import TOKEN, call, http_server

from pinterest_tools.emulator.testing import PinterestEmulator, start_emulator
from pinterest_tools.mcp_server.http import bearer_token, parse_address

pytest.importorskip("mcp")
httpx2 = pytest.importorskip("httpx2")


@pytest.fixture
def emu() -> Any:
    with start_emulator("socket") as emulator:
        yield emulator


def run_http_session(url: str, token: str | None, body: Any) -> Any:
    from mcp import ClientSession
    from mcp.client.streamable_http import streamable_http_client

    async def main() -> Any:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        async with (
            httpx2.AsyncClient(headers=headers, timeout=30) as http,
            streamable_http_client(url, http_client=http) as streams,
        ):
            read, write = streams[0], streams[1]
            async with ClientSession(read, write) as session:
                await session.initialize()
                return await body(session)

    return anyio.run(main)


def test_a_hosted_agent_lists_tools_reads_and_is_refused_a_write(emu: PinterestEmulator) -> None:
    board_id = next(iter(emu.client().boards.list())).id

    async def body(session: Any) -> dict[str, Any]:
        tools = [tool.name for tool in (await session.list_tools()).tools]
        board = await call(session, "get_board", board_id=int(board_id))
        write = await call(session, "create_board", name="Not over HTTP")
        return {"tools": tools, "board": board, "write": write}

    with http_server(emu, env={"PINTEREST_MCP_TOKEN": TOKEN}) as (url, stderr):
        seen = run_http_session(url, TOKEN, body)
        unauthenticated = httpx2.post(url, json={"jsonrpc": "2.0", "id": 1, "method": "ping"})
        wrong = httpx2.post(url, json={}, headers={"Authorization": "Bearer not-the-token-at-all"})
        first_line = stderr.readline()
    assert "get_board" in seen["tools"] and "call_operation" in seen["tools"]
    assert not seen["board"][0] and seen["board"][2]["id"] == board_id
    assert seen["write"][0] and "read-only" in seen["write"][1]
    assert unauthenticated.status_code == 401 and wrong.status_code == 401
    assert url in first_line and "from PINTEREST_MCP_TOKEN" in first_line and TOKEN not in first_line


def test_a_generated_token_is_printed_once_and_works(emu: PinterestEmulator) -> None:
    async def body(session: Any) -> Any:
        return await call(session, "get_user_account")

    with http_server(emu, "--allow-writes") as (url, stderr):
        line = stderr.readline()
        match = re.search(r"bearer token \(shown once\): (\S+)", line)
        assert match, line
        answer = run_http_session(url, match.group(1), body)
    assert not answer[0] and answer[2]["username"] == "dexter_demo"


def test_addresses_and_tokens() -> None:
    assert parse_address("127.0.0.1:8765") == ("127.0.0.1", 8765)
    assert parse_address("[::1]:9000") == ("::1", 9000)
    assert parse_address("8765") == ("127.0.0.1", 8765)
    token, generated = bearer_token("127.0.0.1", {})
    assert generated and len(token) >= 40
    assert bearer_token("0.0.0.0", {"PINTEREST_MCP_TOKEN": TOKEN}) == (TOKEN, False)
    from pinterest_tools.errors import UsageError

    with pytest.raises(UsageError, match="needs PINTEREST_MCP_TOKEN set"):
        bearer_token("0.0.0.0", {})
    with pytest.raises(UsageError, match="shorter than 16"):
        bearer_token("127.0.0.1", {"PINTEREST_MCP_TOKEN": "short"})

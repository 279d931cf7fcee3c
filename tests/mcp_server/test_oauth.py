"""``--http --oauth``: MCP clients sign their users in through the server, which signs them in with Pinterest.

The SDK's own OAuth client registers, sends its user to the server's /authorize, and the
"browser" (httpx here, following each redirect by hand) goes on to the emulator's consent
page, where it signs in as one user or the other; the emulator approves at once
(``auto_approve``) and the chain of redirects comes back with the client's code. Each client
then lists the boards of its own user, and never the other's.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import anyio
import pytest
from support.mcp_session import call, http_server

from pinterest_tools.emulator.testing import PinterestEmulator, start_emulator

pytest.importorskip("mcp")
httpx2 = pytest.importorskip("httpx2")

REDIRECT = "http://127.0.0.1:1/mcp-client/callback"  # never served: the test reads the code off the redirect


class Memory:
    """The SDK's TokenStorage, in memory: one per MCP client."""

    def __init__(self) -> None:
        self.tokens: Any = None
        self.client: Any = None

    async def get_tokens(self) -> Any:
        return self.tokens

    async def set_tokens(self, tokens: Any) -> None:
        self.tokens = tokens

    async def get_client_info(self) -> Any:
        return self.client

    async def set_client_info(self, client_info: Any) -> None:
        self.client = client_info


def sign_in_as(username: str, emu: PinterestEmulator) -> tuple[Any, Any, list[str]]:
    """The redirect and callback handlers of a user who signs in to Pinterest as ``username``."""
    visited: list[str] = []
    result: dict[str, str] = {}

    async def redirect_handler(url: str) -> None:
        async with httpx2.AsyncClient(timeout=30) as browser:
            while not url.startswith(REDIRECT):
                if url.startswith(emu.base_url):  # the consent page: sign in as the user, then approve
                    url += "&" + urlencode({"user": username})
                visited.append(url.split("?")[0])
                answer = await browser.get(url)
                assert answer.status_code in (302, 303), (url, answer.status_code, answer.text[:300])
                url = answer.headers["location"]
        query = parse_qs(urlsplit(url).query)
        result["code"], result["state"] = query["code"][0], query["state"][0]
        if "iss" in query:
            result["iss"] = query["iss"][0]

    async def callback_handler() -> Any:
        from mcp.shared.auth import AuthorizationCodeResult

        return AuthorizationCodeResult(code=result["code"], state=result["state"], iss=result.get("iss"))

    return redirect_handler, callback_handler, visited


def boards_of(url: str, username: str, emu: PinterestEmulator) -> tuple[Any, Any, list[str]]:
    from mcp import ClientSession
    from mcp.client.auth import OAuthClientProvider
    from mcp.client.streamable_http import streamable_http_client
    from mcp.shared.auth import OAuthClientMetadata

    redirect_handler, callback_handler, visited = sign_in_as(username, emu)

    async def main() -> tuple[Any, Any]:
        auth = OAuthClientProvider(
            server_url=url,
            client_metadata=OAuthClientMetadata(
                client_name=f"agent of {username}",
                redirect_uris=[REDIRECT],
                grant_types=["authorization_code"],
                response_types=["code"],
            ),
            storage=Memory(),
            redirect_handler=redirect_handler,
            callback_handler=callback_handler,
        )
        async with (
            httpx2.AsyncClient(auth=auth, timeout=30) as http,
            streamable_http_client(url, http_client=http) as streams,
            ClientSession(streams[0], streams[1]) as session,
        ):
            await session.initialize()
            boards = await call(session, "list_boards", limit=50)
            me = await call(session, "get_user_account")
            return boards, me

    boards, me = anyio.run(main)
    return boards, me, visited


def test_each_user_signs_in_with_pinterest_and_sees_only_their_own_boards(tmp_path: Path) -> None:
    with start_emulator("socket", auto_approve=True) as emu:
        expected = {user: {b.id for b in emu.client(user).boards.list()} for user in ("dexter_demo", "penny_demo")}
        env = {"PINTEREST_OAUTH_TOKEN_DIR": str(tmp_path), "ACCESS_TOKEN": ""}
        with http_server(emu, "--oauth", env=env) as (url, stderr):
            dexter = boards_of(url, "dexter_demo", emu)
            penny = boards_of(url, "penny_demo", emu)
            anonymous = httpx2.post(url, json={"jsonrpc": "2.0", "id": 1, "method": "ping"})
            first_line = stderr.readline()
    for (boards, me, visited), user in [(dexter, "dexter_demo"), (penny, "penny_demo")]:
        assert not boards[0], boards[1]
        assert {board["id"] for board in boards[2]["items"]} == expected[user]
        assert me[2]["username"] == user
        assert visited[0].endswith("/authorize") and any(v.startswith(emu.base_url) for v in visited)
        assert any(v.endswith("/pinterest/callback") for v in visited)
    assert expected["dexter_demo"].isdisjoint(expected["penny_demo"])
    assert anonymous.status_code == 401
    assert "sign in with Pinterest" in first_line
    assert sorted(path.name for path in tmp_path.iterdir() if path.suffix == ".json") == [
        "mcp-user-dexter_demo.json",
        "mcp-user-penny_demo.json",
    ]

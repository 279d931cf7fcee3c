"""The official MCP Inspector CLI (pinned in inspector-package.txt) drives the stdio and the HTTP server.

It is what a developer reaches for first, and it sends what it parses: ``board_id=1000000000002``
arrives as a number. CI installs it (.ci/run); without npm the test is skipped and says so.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from support.commands import process_environment
from support.mcp_session import TOKEN, http_server

from pinterest_tools.emulator.testing import PinterestEmulator, start_emulator

PACKAGE = (Path(__file__).with_name("inspector-package.txt")).read_text(encoding="utf-8").strip()
SERVER_VARIABLES = (
    "PYTHONPATH",
    "PINTEREST_API_URI",
    "PINTEREST_OAUTH_URI",
    "PINTEREST_APP_ID",
    "PINTEREST_APP_SECRET",
    "PINTEREST_OAUTH_TOKEN_DIR",
    "ACCESS_TOKEN",
)

pytestmark = pytest.mark.skipif(
    shutil.which("npx") is None, reason=f"npm (npx) is absent, so the MCP Inspector CLI ({PACKAGE}) cannot run"
)


@pytest.fixture
def emu() -> Any:
    with start_emulator("socket") as emulator:
        yield emulator


def inspector(tmp_path: Path, *arguments: str) -> tuple[int, Any, str]:
    """Run the Inspector CLI once: its exit code, its JSON answer and its stderr."""
    process = subprocess.run(
        ["npx", "--yes", PACKAGE, "--cli", *arguments],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
        env={**os.environ, "MCP_CATALOG_PATH": str(tmp_path / "catalog.json")},
        check=False,
    )
    try:
        answer = json.loads(process.stdout)
    except ValueError:
        answer = None
    return process.returncode, answer, process.stderr


def text_of(answer: Any) -> str:
    return "".join(block.get("text", "") for block in answer["content"])


def test_the_inspector_drives_the_stdio_server(emu: PinterestEmulator, tmp_path: Path) -> None:
    board_id = next(iter(emu.client().boards.list())).id
    environment = process_environment(emu)
    server = [flag for name in SERVER_VARIABLES for flag in ("-e", f"{name}={environment[name]}")]
    server += [sys.executable, "-m", "pinterest_tools.mcp"]

    code, listed, err = inspector(tmp_path, *server, "--method", "tools/list")
    assert code == 0, err
    names = {tool["name"] for tool in listed["tools"]}
    assert {"get_board", "list_pins", "call_operation"} <= names
    code, read, err = inspector(
        tmp_path, *server, "--method", "tools/call", "--tool-name", "get_board", "--tool-arg", f"board_id={board_id}"
    )
    assert code == 0 and not read.get("isError"), err
    assert json.loads(text_of(read))["untrusted_data"]["id"] == board_id
    code, write, _ = inspector(
        tmp_path, *server, "--method", "tools/call", "--tool-name", "create_board", "--tool-arg", "name=Refused"
    )
    assert code != 0 and write["isError"] is True
    assert "this server is read-only" in text_of(write) and "--allow-writes" in text_of(write)


def test_the_inspector_drives_the_http_server(emu: PinterestEmulator, tmp_path: Path) -> None:
    board_id = next(iter(emu.client().boards.list())).id
    with http_server(emu, env={"PINTEREST_MCP_TOKEN": TOKEN}) as (url, _):
        target = [url, "--transport", "http", "--header", f"Authorization: Bearer {TOKEN}"]
        code, listed, err = inspector(tmp_path, *target, "--method", "tools/list")
        assert code == 0, err
        code, read, err = inspector(
            tmp_path,
            *target,
            "--method",
            "tools/call",
            "--tool-name",
            "get_board",
            "--tool-arg",
            f"board_id={board_id}",
        )
        code_write, write, _ = inspector(
            tmp_path,
            *target,
            "--method",
            "tools/call",
            "--tool-name",
            "delete_board",
            "--tool-arg",
            f"board_id={board_id}",
        )
        code_anonymous, _, _ = inspector(tmp_path, url, "--transport", "http", "--method", "tools/list")
    assert "get_board" in {tool["name"] for tool in listed["tools"]}
    assert code == 0 and json.loads(text_of(read))["untrusted_data"]["id"] == board_id, err
    assert code_write != 0 and write["isError"] is True and "read-only" in text_of(write)
    assert code_anonymous != 0
    assert board_id in {board.id for board in emu.client().boards.list()}

"""Running ``python -m pinterest_tools.mcp`` over stdio with the MCP SDK's own client, against an emulator.

``run_session(emu, body, *flags, env=...)`` starts the server as an MCP client would (a
subprocess speaking on stdin/stdout), initializes the session, runs ``await body(session)``
and returns its result with everything the server wrote to stderr (its log).
``call(session, tool, **arguments)`` is one tool call: ``(is_error, text, parsed JSON or None)``.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, TypeVar

import anyio
from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client

from pinterest_tools.emulator import Emulator
from support.commands import process_environment

T = TypeVar("T")


def run_session(
    emu: Emulator,
    body: Callable[[ClientSession], Awaitable[T]],
    *flags: str,
    env: dict[str, str] | None = None,
    elicitation: Any = None,
) -> tuple[T, str]:
    """``body``'s result and the server's stderr; ``elicitation``: the client's answer to the server's questions."""
    environment = process_environment(emu, env)
    environment = {k: v for k, v in environment.items() if v != ""}
    params = StdioServerParameters(command=sys.executable, args=["-m", "pinterest_tools.mcp", *flags], env=environment)

    async def main() -> T:
        async with (
            stdio_client(params, errlog=log) as (read, write),
            ClientSession(read, write, elicitation_callback=elicitation) as session,
        ):
            await session.initialize()
            return await body(session)

    with tempfile.TemporaryFile("w+", encoding="utf-8") as log:
        result = anyio.run(main)
        log.seek(0)
        return result, log.read()


def unwrap(parsed: Any) -> Any:
    """An answer as the tests read it: Pinterest's data out of its ``untrusted_data`` key.

    A listing (an answer with a ``bookmark``) reads as ``{"items": [...], "bookmark": ..., ...}``;
    anything else as the data itself.
    """
    if not isinstance(parsed, dict) or "untrusted_data" not in parsed:
        return parsed
    rest = {key: value for key, value in parsed.items() if key != "untrusted_data"}
    if "bookmark" in parsed:
        return {"items": parsed["untrusted_data"], **rest}
    return parsed["untrusted_data"]


async def call(session: ClientSession, tool: str, **arguments: Any) -> tuple[bool, str, Any]:
    """``(is_error, text, parsed)``: the answer's text, and its JSON with Pinterest's data unwrapped."""
    result = await session.call_tool(tool, arguments)
    text = "".join(getattr(block, "text", "") for block in result.content)
    try:
        parsed = unwrap(json.loads(text))
    except ValueError:
        parsed = None
    return result.is_error, text, parsed


def report_dir(tmp: Path) -> list[str]:
    return ["--report-dir", str(tmp)]


TOKEN = "a-long-test-bearer-token-0123456789"  # PINTEREST_MCP_TOKEN of the HTTP tests


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def http_server(emu: Emulator, *flags: str, env: dict[str, str] | None = None) -> Iterator[tuple[str, IO[str]]]:
    """The server on a free loopback port: its /mcp address and its stderr (read as it comes)."""
    port = free_port()
    environment = {k: v for k, v in process_environment(emu, env).items() if v != ""}
    process = subprocess.Popen(
        [sys.executable, "-m", "pinterest_tools.mcp", "--http", f"127.0.0.1:{port}", *flags],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=environment,
    )
    assert process.stderr is not None
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                assert process.poll() is None, process.stderr.read()
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}/mcp", process.stderr
    finally:
        process.terminate()
        process.wait(timeout=15)
        process.stderr.close()

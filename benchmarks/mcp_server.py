"""``pinterest-tools mcp``: from starting the server to its answer to ``initialize``, next to ``import mcp``.

An MCP client starts the server for every session, and waits for the ``initialize`` answer
before the agent can do anything; the SDK's own import is the floor of that wait (pydantic,
starlette and the SDK's types), so the figure is reported as a ratio to ``python -c "import
mcp"`` measured interleaved in the same run. Target: under 2x.

The server runs as a client starts it: ``python -m pinterest_tools.mcp``, a token in the
environment (no token file, no request to Pinterest before the first tool call), stdin and
stdout pipes; the clock stops when the first line of its stdout, the answer, is read.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time

from benchmarks.common import Row, bench_env

INITIALIZE = {
    "jsonrpc": "2.0",
    "id": 1,
    "method": "initialize",
    "params": {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "bench", "version": "0"}},
}


def server_env() -> dict[str, str]:
    env = {k: v for k, v in bench_env().items() if not k.startswith(("PINTEREST_", "ACCESS_TOKEN"))}
    # never contacted: the server sends nothing to Pinterest before a tool call
    return env | {"ACCESS_TOKEN": "bench-token-not-sent", "PINTEREST_API_URI": "http://127.0.0.1:9"}


def time_server() -> float:
    """Seconds from starting the server to reading its ``initialize`` answer."""
    start = time.perf_counter()
    server = subprocess.Popen(
        [sys.executable, "-m", "pinterest_tools.mcp", "-l", "0"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=server_env(),
    )
    assert server.stdin is not None and server.stdout is not None
    server.stdin.write(json.dumps(INITIALIZE).encode() + b"\n")
    server.stdin.flush()
    answer = server.stdout.readline()
    elapsed = time.perf_counter() - start
    server.stdin.close()
    server.wait(timeout=30)
    if b'"serverInfo"' not in answer:
        raise RuntimeError(f"the server did not answer initialize: {answer[:300]!r}")
    return elapsed


def time_import() -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import mcp"], check=True, env=bench_env())
    return time.perf_counter() - start


def run(runs: int) -> list[Row]:
    time_server(), time_import()  # warm-up: byte-code caches, page cache
    server, baseline = [], []
    for _ in range(runs):
        server.append(time_server())
        baseline.append(time_import())
    ours, floor = statistics.median(server) * 1000, statistics.median(baseline) * 1000
    return [
        Row(
            "mcp server start to its initialize answer",
            f"{ours:.0f} ms",
            f'python -c "import mcp" {floor:.0f} ms',
            ours / floor,
            "< 2x",
            ours < 2 * floor,
        )
    ]

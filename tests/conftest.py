"""Shared fixtures. Tests never reach the network: HTTP is mocked at the transport or served on 127.0.0.1.

The one exception comes before any test runs: when Pinterest's v5 description is not at hand,
``support.description`` downloads it once from the pinned URL.
"""

from __future__ import annotations

import ipaddress
import socket
from typing import Any

import pytest

pytest_plugins = ["support.description", "support.emulator", "pinterest_tools.emulator.pytest_plugin"]


@pytest.fixture(scope="session")
def v5_spec() -> dict[str, Any]:
    """The v5 description the project is built from: Pinterest's published one with the supplement merged in.

    Pinterest's file is never committed (specs/README.md); support.description finds it
    (PINTEREST_V5_SPEC, ../shared/specs/, the user cache) or downloads it before the run, and
    counts the tests that skip without it. The merge is the generator's own
    (specgen.v5_source), so the tests see the operations the client has.
    """
    from support.description import MISSING, spec_path

    from specgen.v5_source import merged_v5_description

    path = spec_path()
    if not path.exists():
        pytest.skip(f"{MISSING}; set PINTEREST_V5_SPEC")
    return merged_v5_description(str(path))


@pytest.fixture(scope="session")
def v5_normalized(v5_spec: dict[str, Any]) -> dict[str, Any]:
    """The description as the generator saw it."""
    import copy

    from specgen.normalize import normalize

    spec = copy.deepcopy(v5_spec)
    normalize(spec)
    return spec


def _is_loopback(address: Any) -> bool:
    host = address[0] if isinstance(address, tuple) else address
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def pytest_sessionstart(session: pytest.Session) -> None:
    """Tests talk to 127.0.0.1 only: a connection anywhere else fails loudly instead of reaching Pinterest."""
    real_connect, real_connect_ex = socket.socket.connect, socket.socket.connect_ex

    def guard(sock: socket.socket, address: Any) -> None:
        if sock.family in (socket.AF_INET, socket.AF_INET6) and not _is_loopback(address):
            raise ConnectionRefusedError(f"tests may only connect to loopback addresses, not {address!r}")

    def connect(sock: socket.socket, address: Any) -> None:
        guard(sock, address)
        real_connect(sock, address)

    def connect_ex(sock: socket.socket, address: Any) -> int:
        guard(sock, address)
        return real_connect_ex(sock, address)

    socket.socket.connect = connect  # type: ignore[method-assign]
    socket.socket.connect_ex = connect_ex  # type: ignore[method-assign]


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Say how many drifted responses the drift test parsed (shows what was mutated; works under xdist)."""
    for report in terminalreporter.stats.get("passed", []):
        for name, value in getattr(report, "user_properties", []):
            if name == "emulator_answers":
                state_derived, synthesized = value
                terminalreporter.write_line(
                    f"emulator answers: {state_derived} of 266 v5 operations state-derived (hand-written routes and "
                    f"stored objects), {synthesized} synthesized from the description (no state of their own)"
                )
            if name == "drift_mutations":
                terminalreporter.write_line(
                    f"response drift: {value} mutated 2xx responses of 246 v5 operations parsed and sent back unchanged"
                )


@pytest.fixture(autouse=True)
def _logging_restored() -> Any:
    """Every test leaves logging as it found it.

    The commands configure the root logger with a handler on the stream of the moment; a test
    that runs a command's ``main`` directly would otherwise leave a handler on a captured stream
    that pytest closes, and a later test's log line (from any thread) prints "--- Logging error ---".
    """
    import logging

    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)

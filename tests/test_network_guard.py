"""The suite's network guard (conftest.py): only loopback connections are allowed."""

from __future__ import annotations

import socket

import httpx
import pytest


def test_a_connection_beyond_loopback_is_refused() -> None:
    # First make sure the guard is installed, so that nothing below can send a packet.
    assert socket.socket.connect.__module__ == "conftest"
    assert socket.socket.connect_ex.__module__ == "conftest"
    with pytest.raises(httpx.ConnectError, match="loopback"):
        httpx.get("http://192.0.2.1/", timeout=2)
    with socket.socket() as sock, pytest.raises(ConnectionRefusedError, match="loopback"):
        sock.connect(("192.0.2.1", 443))

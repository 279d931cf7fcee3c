"""Recording: an exchange is in `emu.exchanges` by the time its client has the answer."""

from __future__ import annotations

from typing import Any

from emulator_support import http


def test_an_answered_request_is_already_recorded(emulator: Any) -> None:
    with http(emulator) as client:
        for count in range(1, 31):
            assert client.get("/user_account").status_code == 200
            assert len(emulator.exchanges) == count

"""Fixtures for tests that speak plain HTTP to a fresh emulator in each mode (socket, in process).

Import them into a test module (``from support.modes import emu_fixture, v5_fixture``);
``demo_account`` is the demo user's first ad account.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from pinterest_tools.emulator.testing import MODES, PinterestEmulator, start_emulator


@pytest.fixture(name="emu", params=MODES)
def emu_fixture(request: pytest.FixtureRequest) -> Iterator[PinterestEmulator]:
    """A fresh emulator with the demo data, once per mode."""
    with start_emulator(request.param) as started:
        yield started


@pytest.fixture(name="v5")
def v5_fixture(emu: PinterestEmulator) -> Iterator[httpx.Client]:
    """A plain client on ``emu``'s v5 API with an all-scopes token of the demo user."""
    headers = {"Authorization": f"Bearer {emu.token}"}
    with httpx.Client(base_url=emu.base_url + "/v5", headers=headers, transport=emu.transport) as client:
        yield client


def demo_account(emu: PinterestEmulator) -> str:
    return emu.state.ad_accounts_of(emu.state.user("dexter_demo").id)[0].id

"""Rotated refresh tokens end to end: continuous refresh on every v5 refresh, and never a lost token.

The emulator refuses a v5 refresh of a legacy refresh token without ``continuous_refresh=true``
(the description: legacy refresh tokens are no longer supported), so a token file holding a
legacy refresh token proves that each refresh path sends the flag.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import httpx
import pytest
from command_support import Commands, commands_fixture  # noqa: F401 - the fixture

from pinterest_tools import get_user_boards, refresh_access_token, refresh_example
from pinterest_tools.emulator import DEMO_APP_ID, DEMO_USER, Emulator


def legacy_token_file(commands: Commands, *, expires_at: float | None = None, name: str = "access_token") -> Path:
    """A token file as an app created before 2025-09-25 had it: a legacy (non-continuous) refresh token."""
    emu = commands.emu
    user = emu.state.user(DEMO_USER)
    scopes = list(emu.state.apps[DEMO_APP_ID].scopes)
    refresh = emu.tokens.issue_refresh(DEMO_APP_ID, user.id, scopes, continuous=False)
    access = emu.issue_token(DEMO_USER)
    commands.token_dir.mkdir(exist_ok=True)
    path = commands.token_dir / f"{name}.json"
    data = {"access_token": access, "refresh_token": refresh.value, "scopes": ",".join(scopes)}
    path.write_text(json.dumps(data | {"expires_at": expires_at}))
    return path


def refresh_works(emu: Emulator, refresh_token: str) -> bool:
    """Whether Pinterest (the emulator) still takes ``refresh_token``."""
    auth = httpx.BasicAuth(DEMO_APP_ID, emu.state.apps[DEMO_APP_ID].secret)
    form = {"grant_type": "refresh_token", "refresh_token": refresh_token, "continuous_refresh": "true"}
    return httpx.post(emu.base_url + "/v5/oauth/token", data=form, auth=auth).status_code == 200


def token_forms(emu: Emulator) -> list[dict[str, str]]:
    from urllib.parse import parse_qsl

    return [dict(parse_qsl(e.request_body.decode())) for e in emu.exchanges if e.path == "/v5/oauth/token"]


@pytest.mark.parametrize("flag", [[], ["-c"]], ids=["plain", "-c"])
def test_refresh_access_token_sends_continuous_refresh_and_keeps_the_rotated_token(
    commands: Commands, flag: list[str]
) -> None:
    path = legacy_token_file(commands)
    before = json.loads(path.read_text())
    result = commands.run(refresh_access_token, *flag)
    assert result.code == 0, result.err
    after = json.loads(path.read_text())
    (sent,) = token_forms(commands.emu)
    assert sent["continuous_refresh"] == "true" and sent["grant_type"] == "refresh_token"
    assert after["refresh_token"] != before["refresh_token"]
    assert not refresh_works(commands.emu, before["refresh_token"])  # rotated: the old one is dead
    assert refresh_works(commands.emu, after["refresh_token"])  # and the saved one lives


def test_the_librarys_automatic_refresh_sends_continuous_refresh_and_saves(commands: Commands) -> None:
    path = legacy_token_file(commands, expires_at=time.time() - 10)
    before = json.loads(path.read_text())
    result = commands.run(get_user_boards, "--all")
    assert result.code == 0, result.err
    (sent,) = token_forms(commands.emu)
    assert sent["continuous_refresh"] == "true"
    after = json.loads(path.read_text())
    assert after["refresh_token"] != before["refresh_token"] and refresh_works(commands.emu, after["refresh_token"])


def test_refresh_example_saves_each_rotated_token_of_a_token_file(
    commands: Commands, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(refresh_example, "WAIT_SECONDS", 0)
    path = legacy_token_file(commands)
    before = json.loads(path.read_text())
    result = commands.run(refresh_example)
    assert result.code == 0, result.err
    forms = token_forms(commands.emu)
    assert len(forms) == 2 and all(f["continuous_refresh"] == "true" for f in forms)
    after = json.loads(path.read_text())
    assert after["access_token"] != before["access_token"]
    assert refresh_works(commands.emu, after["refresh_token"])  # the file still holds a live refresh token

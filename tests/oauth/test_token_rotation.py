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
from support.commands import Commands, commands_fixture  # noqa: F401 - the fixture
from support.token_faults import ANY_TOKEN, RESERVING, SAVING, fail_writes, isolate_rescue

from pinterest_tools.cli.commands import get_access_token, get_user_boards, refresh_access_token, refresh_example
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


# ---------------------------------------------------------------------------- a full disk, end to end
def test_refresh_access_token_on_a_full_disk_refreshes_nothing(
    commands: Commands, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = legacy_token_file(commands)
    before = path.read_text()
    fail_writes(monkeypatch, RESERVING)
    result = commands.run(refresh_access_token, "-c")
    assert result.code == 1
    assert result.err.splitlines() == [
        f"error: cannot save access_token to {path}: No space left on device",
        "hint: nothing was asked of Pinterest and the saved token is unchanged: fix that, then run the command again",
    ]
    assert token_forms(commands.emu) == [] and path.read_text() == before
    assert refresh_works(commands.emu, json.loads(before)["refresh_token"])  # the saved token still works


def test_refresh_access_token_whose_save_fails_after_the_refresh_rescues_the_token(
    commands: Commands, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    isolate_rescue(monkeypatch, tmp_path)
    path = legacy_token_file(commands)
    before = json.loads(path.read_text())
    fail_writes(monkeypatch, SAVING)  # the disk filled up between the reservation and the save
    result = commands.run(refresh_access_token, "-c")
    assert result.code == 1 and "Traceback" not in result.err
    (rescued,) = commands.token_dir.glob("access_token.rescued-*.json")
    assert result.err.splitlines() == [
        "error: Pinterest refreshed access_token and its old refresh token no longer works, but saving it to "
        f"{path} failed (No space left on device); the new token was saved to {rescued} instead",
        f"hint: once {path.parent} can be written, move {rescued} to {path}",
    ]
    saved = json.loads(rescued.read_text())
    assert not refresh_works(commands.emu, before["refresh_token"])
    assert refresh_works(commands.emu, saved["refresh_token"])  # the rescued token is the live one
    assert json.loads(path.read_text()) == before
    assert (
        saved["access_token"] not in result.out + result.err and saved["refresh_token"] not in result.out + result.err
    )


@pytest.mark.parametrize("cleartext", [True, False], ids=["-ct", "hashed"])
def test_a_token_that_nothing_takes_is_printed_only_when_clear_text_was_asked_for(
    commands: Commands, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, cleartext: bool
) -> None:
    isolate_rescue(monkeypatch, tmp_path)
    legacy_token_file(commands)
    fail_writes(monkeypatch, ANY_TOKEN)
    result = commands.run(refresh_access_token, *(["-ct"] if cleartext else []))
    assert result.code == 1
    assert "the new token is lost when this command ends" in result.err.splitlines()[0]
    (live,) = [e.json() for e in commands.emu.exchanges if e.path == "/v5/oauth/token"]  # one refresh
    if cleartext:
        assert result.values("clear text refresh token after refresh") == [live["refresh_token"]]
        assert result.values("clear text access token after refresh") == [live["access_token"]]
        assert "the tokens above are the only copy" in result.err
    else:
        assert live["refresh_token"] not in result.out + result.err
        assert "get_access_token -w" in result.err


def test_get_access_token_w_on_a_full_disk_stops_before_oauth(
    commands: Commands, monkeypatch: pytest.MonkeyPatch
) -> None:
    import webbrowser

    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url, *a, **k: opened.append(url) or True)
    fail_writes(monkeypatch, RESERVING)
    result = commands.run(get_access_token, "-w")
    assert result.code == 1 and "No space left on device" in result.err.splitlines()[0]
    assert (
        opened == [] and commands.emu.exchanges == [] and not commands.token_dir.joinpath("access_token.json").exists()
    )


def test_the_librarys_automatic_refresh_rescues_the_token_end_to_end(
    commands: Commands, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    isolate_rescue(monkeypatch, tmp_path)
    legacy_token_file(commands, expires_at=time.time() - 10)
    fail_writes(monkeypatch, SAVING)
    result = commands.run(get_user_boards, "--all")
    assert result.code == 1 and "the new token was saved to" in result.err
    (rescued,) = commands.token_dir.glob("access_token.rescued-*.json")
    assert refresh_works(commands.emu, json.loads(rescued.read_text())["refresh_token"])


def test_refresh_example_on_a_full_disk_refreshes_nothing(commands: Commands, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(refresh_example, "WAIT_SECONDS", 0)
    path = legacy_token_file(commands)
    before = path.read_text()
    fail_writes(monkeypatch, RESERVING)
    result = commands.run(refresh_example)
    assert result.code == 1
    assert result.err.splitlines()[0] == f"error: cannot save access_token to {path}: No space left on device"
    assert token_forms(commands.emu) == [] and path.read_text() == before

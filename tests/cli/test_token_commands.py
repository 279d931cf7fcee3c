"""get_access_token, refresh_access_token, refresh_example end to end: OAuth through the emulator's consent page."""

from __future__ import annotations

import hashlib
import json
import threading
from typing import Any

import httpx
import pytest
from support.commands import VERSIONS, Commands, commands_fixture, make_commands_fixture  # noqa: F401 - fixtures
from support.core import free_port

from pinterest_tools.cli.commands import get_access_token, refresh_access_token, refresh_example
from pinterest_tools.emulator import Emulator


def sha(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


@pytest.fixture
def browser(make_emulator, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A user whose browser follows the consent page (auto-approving emulator) to the loopback redirect."""
    from pinterest_tools.oauth import browser as module

    opened: list[str] = []

    def open_url(url: str) -> bool:
        opened.append(url)
        threading.Thread(target=httpx.get, args=(url,), kwargs={"follow_redirects": True}, daemon=True).start()
        return True

    monkeypatch.setattr(module.webbrowser, "open", open_url)
    monkeypatch.setenv("PINTEREST_REDIRECT_PORT", str(free_port()))
    return opened


@pytest.fixture
def emulator(make_emulator) -> Emulator:  # the consent page approves at once
    return make_emulator(auto_approve=True)


def token_file(commands: Commands, name: str = "access_token") -> dict:
    return json.loads((commands.token_dir / f"{name}.json").read_text())


@VERSIONS
def test_oauth_then_write(commands: Commands, browser: list[str], version: int) -> None:
    result = commands.run(get_access_token, "-w")
    assert result.code == 0, result.err
    assert len(browser) == 1 and "/oauth/?" in browser[0]
    name = "access_token" if version == 5 else "access_token_v3"
    saved = token_file(commands, name)
    assert result.values("hashed access token") == [sha(saved["access_token"])]
    assert result.values("hashed refresh token") == [sha(saved["refresh_token"])]
    assert saved["access_token"] not in result.out and "writing access token" in result.lines
    assert "--- User Summary ---" in result.lines
    if version == 5:
        assert result.values("Username") == ["dexter_demo"]
        assert "scope=user_accounts%3Aread%2Cpins%3Aread%2Cboards%3Aread" in browser[0]
    assert (commands.token_dir / f"{name}.json").stat().st_mode & 0o777 == 0o600


def test_environment_token_is_used_without_oauth(commands: Commands, browser: list[str]) -> None:
    token = commands.login()
    result = commands.run(get_access_token, "-ct")
    assert result.code == 0 and browser == []
    assert result.lines[:3] == [
        "Please keep clear text tokens secure!",
        f"clear text access token: {token}",
        f"hashed access token: {sha(token)}",
    ]
    assert "no refresh token" in result.lines
    assert not (commands.token_dir / "access_token.json").exists()


def test_scopes_run_oauth_even_with_a_token_at_hand(commands: Commands, browser: list[str]) -> None:
    commands.login()
    result = commands.run(get_access_token, "-s", "user_accounts:read,BOARDS:READ", "-a", "narrow", "-w")
    assert result.code == 0, result.err
    assert "scope=user_accounts%3Aread%2Cboards%3Aread" in browser[0]
    assert set(token_file(commands, "narrow")["scopes"].replace(",", " ").split()) == {
        "user_accounts:read",
        "boards:read",
    }


@VERSIONS
def test_scope_help_and_invalid_scopes(commands: Commands, browser: list[str], version: int) -> None:
    listed = commands.run(get_access_token, "-s", "help")
    assert listed.code == 0 and browser == []
    assert ("boards:read" if version == 5 else "read_boards") in listed.out
    valid = "pins:read" if version == 5 else "read_pins"
    bad = commands.run(get_access_token, "-s", f"{valid},bogus")
    assert bad.code == 2 and "invalid scope: bogus" in bad.err and bad.out == ""


def test_client_credentials(commands: Commands, browser: list[str]) -> None:
    result = commands.run(get_access_token, "-c", "-s", "user_accounts:read", "-w")
    assert result.code == 0, result.err
    assert browser == [] and "no refresh token" in result.lines
    assert token_file(commands)["refresh_token"] is None


def test_a_refused_token_is_not_written(commands: Commands, browser: list[str]) -> None:
    result = commands.run(get_access_token, "-c", "-s", "boards:read", "-w")  # cannot read the user account
    assert result.code == 1 and "code 3" in result.err
    assert not (commands.token_dir / "access_token.json").exists()


@VERSIONS
def test_refresh_access_token(commands: Commands, browser: list[str], version: int) -> None:
    assert commands.run(get_access_token, "-w").code == 0
    name = "access_token" if version == 5 else "access_token_v3"
    before = token_file(commands, name)
    result = commands.run(refresh_access_token, "-ct")
    assert result.code == 0, result.err
    after = token_file(commands, name)
    assert after["access_token"] != before["access_token"]
    assert result.lines[0] == f"refreshing {name}..."
    assert result.values("clear text access token after refresh") == [after["access_token"]]
    assert result.values("hashed access token after refresh") == [sha(after["access_token"])]
    assert "writing access token" in result.lines and "--- User Summary ---" in result.lines


def test_continuous_refresh_rotates_and_saves_the_refresh_token(commands: Commands, browser: list[str]) -> None:
    assert commands.run(get_access_token, "-w").code == 0
    before = token_file(commands)
    result = commands.run(refresh_access_token, "-c")
    assert result.code == 0, result.err
    after = token_file(commands)
    assert after["refresh_token"] != before["refresh_token"]
    assert result.values("hashed refresh token after refresh") == [sha(after["refresh_token"])]
    assert commands.run(refresh_access_token).code == 0  # the saved, rotated refresh token works


def test_refresh_without_a_token_file_is_one_line(commands: Commands) -> None:
    commands.login()  # the environment does not count: refreshing needs the file
    result = commands.run(refresh_access_token, "-a", "missing")
    assert result.code == 1 and result.out == ""
    assert result.err.splitlines()[0] == f"error: no token file {commands.token_dir / 'missing.json'}"


def test_corrupt_token_file_is_named(commands: Commands) -> None:
    commands.token_dir.mkdir()
    (commands.token_dir / "access_token.json").write_text("{")
    result = commands.run(refresh_access_token)
    assert result.code == 1 and "is corrupt" in result.err and "Traceback" not in result.err


@VERSIONS
def test_refresh_example(commands: Commands, browser: list[str], version: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(refresh_example, "WAIT_SECONDS", 0)
    assert commands.run(get_access_token, "-w").code == 0
    saved = token_file(commands, "access_token" if version == 5 else "access_token_v3")
    result = commands.run(refresh_example)
    assert result.code == 0, result.err
    hashes = result.values("hashed access token")
    assert len(hashes) == 3 and len(set(hashes)) == 3 and hashes[0] == sha(saved["access_token"])
    assert result.lines.count("accessing with refreshed access_token...") == 2
    assert result.lines.count("--- User Summary ---") == 3
    after = token_file(commands, "access_token" if version == 5 else "access_token_v3")
    assert sha(after["access_token"]) == hashes[-1]  # the file was read: each refreshed token is saved back


def test_refresh_example_needs_a_refresh_token(commands: Commands) -> None:
    commands.login()
    result = commands.run(refresh_example)
    assert result.code == 1 and "has no refresh token" in result.err and "Traceback" not in result.err


def test_write_saves_the_token_in_use_after_the_check(make_commands: Any, browser: list[str]) -> None:
    """A token that lives 30 s is refreshed before the check (60 s leeway): the file must hold the new
    one, whose refresh token still works, not the one OAuth gave (its refresh token is dead)."""
    commands = make_commands(auto_approve=True, token_lifetime=30)
    result = commands.run(get_access_token, "-w")
    assert result.code == 0, result.err
    saved = token_file(commands)
    forms = [e.request_body.decode() for e in commands.emu.exchanges if e.path == "/v5/oauth/token"]
    assert [form.split("grant_type=")[1].split("&")[0] for form in forms] == ["authorization_code", "refresh_token"]
    issued, refreshed = (json.loads(e.response_body) for e in commands.emu.exchanges if e.path == "/v5/oauth/token")
    assert saved["access_token"] == refreshed["access_token"] != issued["access_token"]
    assert saved["refresh_token"] == refreshed["refresh_token"] != issued["refresh_token"]
    (check,) = [e for e in commands.emu.exchanges if e.path == "/v5/user_account"]
    assert check.request_header("authorization") == f"Bearer {saved['access_token']}"

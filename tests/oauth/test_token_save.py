"""A token Pinterest issues is never lost: the save is proven possible first, and rescued if it still fails."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import httpx
import pytest
from pinterest_api_v5.api.user_account import user_account_get
from support.core import FakePinterest, make_config, user_account, v5_token
from support.token_faults import ANY_TOKEN, RESERVING, SAVING, fail_writes, isolate_rescue

from pinterest_tools import locks
from pinterest_tools.connection import open_client
from pinterest_tools.errors import TokenError
from pinterest_tools.oauth import token_save
from pinterest_tools.oauth.tokens import FileTokenStore, Token, TokenFileError, TokenSaveError, refresh_saved

OLD = Token("access_token", "old-access-secret", "old-refresh-secret")
NEW = Token("access_token", "new-access-secret", "new-refresh-secret")
EXPIRED = httpx.Response(401, json={"code": 2, "message": "Authentication failed."})


@pytest.fixture
def store(tmp_path: Path) -> FileTokenStore:
    store = FileTokenStore(tmp_path / "tokens")
    store.save(OLD)
    return store


def files(store: FileTokenStore) -> list[str]:
    return sorted(p.name for p in store.directory.iterdir() if not p.name.endswith(".lock"))


def no_secret(text: str) -> None:
    for secret in (NEW.access_token, NEW.refresh_token, OLD.access_token, OLD.refresh_token):
        assert secret is not None and secret not in text


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EIO])
def test_a_token_file_that_cannot_be_written_stops_before_pinterest_is_asked(
    store: FileTokenStore, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    fail_writes(monkeypatch, RESERVING, code)
    asked: list[Token] = []
    with pytest.raises(TokenError) as info:
        refresh_saved(store.load("access_token"), store, lambda old: asked.append(old) or NEW)
    assert not isinstance(info.value, TokenSaveError)
    path = store.path("access_token")
    assert info.value.message == f"cannot save access_token to {path}: {os.strerror(code)}"
    assert "nothing was asked of Pinterest" in str(info.value.hint)
    assert asked == [] and store.load("access_token") == OLD and files(store) == ["access_token.json"]


def test_an_unwritable_token_directory_stops_before_pinterest_is_asked(
    store: FileTokenStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(**_: object) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(token_save.tempfile, "mkstemp", refuse)
    asked: list[Token] = []
    with pytest.raises(TokenError, match="Permission denied"):
        refresh_saved(store.load("access_token"), store, lambda old: asked.append(old) or NEW)
    assert asked == [] and store.load("access_token") == OLD


def test_a_read_only_file_system_stops_before_pinterest_is_asked_even_for_the_lock(
    store: FileTokenStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    def read_only(*_: object, **__: object) -> None:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(locks, "hold", read_only)
    asked: list[Token] = []
    with pytest.raises(TokenFileError) as info:
        refresh_saved(store.load("access_token"), store, lambda old: asked.append(old) or NEW)
    assert info.value.message == f"cannot save access_token to {store.path('access_token')}: Read-only file system"
    assert asked == []


def test_special_token_files_and_directories_are_refused_before_pinterest_is_asked(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "fifo.json")
    (tmp_path / "dir.json").mkdir()
    (tmp_path / "file").write_text("")
    cases = {
        "fifo": (FileTokenStore(tmp_path), "it is a FIFO (named pipe), not a regular file"),
        "dir": (FileTokenStore(tmp_path), "it is a directory, not a regular file"),
        "x": (FileTokenStore(tmp_path / "file"), f"{tmp_path / 'file'} is not a directory"),
    }
    for name, (store, reason) in cases.items():
        with pytest.raises(TokenError) as info:
            store.reserve(name)
        assert info.value.message == f"cannot save {name} to {store.path(name)}: {reason}"
    assert (tmp_path / "fifo.json").is_fifo()


def test_the_space_is_reserved_while_pinterest_is_asked(store: FileTokenStore) -> None:
    seen: list[list[int]] = []

    def refresh(old: Token) -> Token:
        seen.append([p.stat().st_size for p in store.directory.glob(".access_token.json.*.tmp")])
        return NEW

    assert refresh_saved(store.load("access_token"), store, refresh) == NEW
    assert seen == [[token_save.RESERVE_BYTES]]
    assert store.load("access_token") == NEW and files(store) == ["access_token.json"]
    assert json.loads(store.path("access_token").read_text())["refresh_token"] == NEW.refresh_token  # trimmed


def test_a_save_failing_after_the_refresh_rescues_the_token_beside_the_file(
    store: FileTokenStore, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    isolate_rescue(monkeypatch, tmp_path)
    fail_writes(monkeypatch, SAVING)
    with pytest.raises(TokenSaveError) as info:
        refresh_saved(store.load("access_token"), store, lambda old: NEW)
    rescued = info.value.rescued
    assert rescued is not None and rescued.parent == store.directory
    assert rescued.stat().st_mode & 0o777 == 0o600
    assert json.loads(rescued.read_text())["refresh_token"] == NEW.refresh_token
    path = store.path("access_token")
    assert info.value.message == (
        f"Pinterest refreshed access_token and its old refresh token no longer works, but saving it to {path} "
        f"failed (No space left on device); the new token was saved to {rescued} instead"
    )
    assert info.value.hint == f"once {path.parent} can be written, move {rescued} to {path}"
    assert info.value.token == NEW and store.load("access_token") == OLD
    assert files(store) == ["access_token.json", rescued.name]  # the reservation was given back
    no_secret(info.value.message + str(info.value.hint))


def test_a_rescue_goes_to_the_home_directory_when_the_token_directory_takes_nothing(
    store: FileTokenStore, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    home, _ = isolate_rescue(monkeypatch, tmp_path)
    fail_writes(monkeypatch, lambda path, data: data[:1] == b"{" and path.startswith(str(store.directory)))
    with pytest.raises(TokenSaveError) as info:
        refresh_saved(store.load("access_token"), store, lambda old: NEW)
    assert info.value.rescued is not None and info.value.rescued.parent == home
    assert json.loads(info.value.rescued.read_text())["access_token"] == NEW.access_token


def test_when_nothing_takes_the_token_the_message_says_it_is_lost(
    store: FileTokenStore, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    home, temp = isolate_rescue(monkeypatch, tmp_path)
    fail_writes(monkeypatch, ANY_TOKEN)
    with pytest.raises(TokenSaveError) as info:
        refresh_saved(store.load("access_token"), store, lambda old: NEW)
    assert info.value.rescued is None and info.value.token == NEW
    assert info.value.message.endswith(
        f"failed (No space left on device), and no other place took it ({store.directory}, {home}, {temp}): "
        "the new token is lost when this command ends"
    )
    assert "get_access_token -w" in str(info.value.hint)
    assert list(home.iterdir()) == list(temp.iterdir()) == [] and files(store) == ["access_token.json"]
    no_secret(info.value.message + str(info.value.hint))


def test_the_librarys_automatic_refresh_rescues_and_keeps_using_the_new_token(
    store: FileTokenStore, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    isolate_rescue(monkeypatch, tmp_path)
    fail_writes(monkeypatch, SAVING)
    fake = (
        FakePinterest()
        .add("GET", "/v5/user_account", EXPIRED, user_account())
        .add("POST", "/v5/oauth/token", v5_token("new-access", "new-refresh"))
    )
    client = open_client(make_config(tmp_path), store.load("access_token"), store=store, transport=fake.transport)
    with client, pytest.raises(TokenSaveError) as info:
        user_account_get.sync_detailed(client=client.v5)
    assert client.token.refresh_token == "new-refresh"  # in use; and on disk in the rescue file
    assert info.value.rescued is not None and "new-refresh" in info.value.rescued.read_text()
    assert store.load("access_token") == OLD


def test_the_librarys_automatic_refresh_on_a_full_disk_asks_pinterest_nothing(
    store: FileTokenStore, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    fail_writes(monkeypatch, RESERVING)
    fake = FakePinterest().add("GET", "/v5/user_account", EXPIRED)
    client = open_client(make_config(tmp_path), store.load("access_token"), store=store, transport=fake.transport)
    with client, pytest.raises(TokenError) as info:
        user_account_get.sync_detailed(client=client.v5)
    assert info.value.message == f"cannot save access_token to {store.path('access_token')}: No space left on device"
    assert "nothing was asked of Pinterest" in str(info.value.hint)  # not "authorize again": the token still works
    assert fake.calls("POST", "/v5/oauth/token") == [] and store.load("access_token") == OLD

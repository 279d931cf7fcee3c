"""Token files: upstream's format, atomic 0600 writes, the lock, corrupt files, the lookup order."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from support.core import make_config

from pinterest_tools.errors import TokenError
from pinterest_tools.oauth.tokens import (
    FileTokenStore,
    Token,
    TokenSaveError,
    default_token_name,
    find_token,
    refresh_saved,
)

# Upstream's hash fixtures: the digests its own tests expect for these two tokens.
HASH_ACCESS = "597480d4b62ca612193f19e73fe4cc3ad17f0bf9cfc16a7cbf4b5064131c4805"
HASH_REFRESH = "0a9b110d5e553bd98e9965c70a601c15c36805016ba60d54f20f5830c39edcde"


def test_hashes_as_upstream() -> None:
    token = Token("t", "test-access-token", "test-refresh-token")
    assert token.hashed() == HASH_ACCESS
    assert token.hashed_refresh_token() == HASH_REFRESH
    with pytest.raises(TokenError, match="does not have a refresh token"):
        Token("t", "test-access-token").hashed_refresh_token()


def test_default_names() -> None:
    assert default_token_name(5) == "access_token"
    assert default_token_name(3) == "access_token_v3"


def test_reads_upstream_files(tmp_path: Path) -> None:
    upstream = {
        "name": "other",
        "access_token": "a-123456",
        "refresh_token": "r-123456",
        "scopes": "pins:read,boards:read",
    }
    (tmp_path / "mine.json").write_text(json.dumps(upstream))
    (tmp_path / "minimal.json").write_text('{"access_token": "only-this"}')
    store = FileTokenStore(tmp_path)
    token = store.load("mine")
    assert (token.name, token.access_token, token.refresh_token) == ("mine", "a-123456", "r-123456")
    assert token.scope_list == ["pins:read", "boards:read"] and token.expires_at is None and token.source == "file"
    assert store.load("minimal").refresh_token is None


def test_round_trip_with_metadata_and_modes(tmp_path: Path) -> None:
    directory = tmp_path / "new" / "tokens"
    store = FileTokenStore(directory)
    token = Token("access_token", "a-123456", "r-123456", "pins:read", "bearer", 1.5e9, 1.6e9, 3)
    path = store.save(token)
    assert path == directory / "access_token.json"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(directory.stat().st_mode) == 0o700
    data = json.loads(path.read_text())
    assert set(data) == {
        "name",
        "access_token",
        "refresh_token",
        "scopes",
        "token_type",
        "expires_at",
        "refresh_token_expires_at",
        "api_version",
    }
    assert store.load("access_token") == token
    assert [p.name for p in directory.iterdir()] == ["access_token.json"]


def test_crash_between_write_and_rename_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = FileTokenStore(tmp_path)
    store.save(Token("access_token", "old-token", "old-refresh"))
    before = (tmp_path / "access_token.json").read_bytes()

    def crash(self: Path, target: Path) -> Path:
        raise OSError("power cut")

    monkeypatch.setattr(Path, "replace", crash)
    with pytest.raises(TokenSaveError, match="power cut") as info:
        store.save(Token("access_token", "new-token", "new-refresh"))
    assert (tmp_path / "access_token.json").read_bytes() == before
    rescued = info.value.rescued
    assert (
        rescued is not None
        and rescued.parent == tmp_path
        and json.loads(rescued.read_text())["access_token"] == ("new-token")
    )
    left = sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(".lock"))
    assert left == ["access_token.json", rescued.name]  # no temporary file


@pytest.mark.parametrize(
    ("content", "reason"),
    [("", "empty"), ('{"access_token": "abc', "not valid JSON"), ("[]", "JSON object"), ("{}", "no access_token")],
)
def test_corrupt_file_message_names_the_file(tmp_path: Path, content: str, reason: str) -> None:
    path = tmp_path / "access_token.json"
    path.write_text(content)
    with pytest.raises(TokenError) as info:
        FileTokenStore(tmp_path).load("access_token")
    assert str(path) in info.value.message and reason in info.value.message
    assert "get_access_token -w" in (info.value.hint or "")


def test_missing_file_and_bad_names(tmp_path: Path) -> None:
    with pytest.raises(TokenError, match="no token file"):
        FileTokenStore(tmp_path).load("absent")
    with pytest.raises(TokenError, match="invalid token name"):
        FileTokenStore(tmp_path).path("../etc/passwd")


def test_find_token_order(tmp_path: Path) -> None:
    config = make_config(tmp_path)
    assert find_token(config, "access_token", environ={}) is None
    FileTokenStore(config.store_dir).save(Token("access_token", "from-file-token"))
    assert find_token(config, "access_token", environ={"ACCESS_TOKEN": ""}).access_token == "from-file-token"  # type: ignore[union-attr]
    from_env = find_token(config, "access_token", environ={"ACCESS_TOKEN": "from-env-token"})
    assert from_env is not None and from_env.access_token == "from-env-token" and from_env.source == "env"


def test_sandbox_tokens_are_kept_apart(tmp_path: Path) -> None:
    sandbox = make_config(tmp_path, PINTEREST_SANDBOX="1")
    FileTokenStore(make_config(tmp_path).store_dir).save(Token("access_token", "production-token"))
    assert find_token(sandbox, "access_token", environ={"ACCESS_TOKEN": "production-token"}) is None
    found = find_token(sandbox, "access_token", environ={"ACCESS_TOKEN_SANDBOX": "sandbox-token"})
    assert found is not None and found.access_token == "sandbox-token"


def test_refresh_saved_reuses_a_token_another_process_saved(tmp_path: Path) -> None:
    store = FileTokenStore(tmp_path)
    stale = Token("access_token", "access-0", "refresh-0")
    store.save(Token("access_token", "access-1", "refresh-1", expires_at=time.time() + 3600))
    calls: list[Token] = []
    result = refresh_saved(stale, store, lambda t: calls.append(t) or t)  # type: ignore[func-returns-value]
    assert result.access_token == "access-1" and calls == []


CHILD = textwrap.dedent(
    """
    import fcntl, json, sys, time
    from pathlib import Path
    from pinterest_tools.oauth.tokens import Token, FileTokenStore, refresh_saved

    store, server, go = FileTokenStore(Path(sys.argv[1])), Path(sys.argv[2]), Path(sys.argv[3])
    token = store.load("access_token")
    Path(sys.argv[4]).touch()
    while not go.exists():
        time.sleep(0.005)

    def refresh(old):  # a server that rotates refresh tokens atomically, like Pinterest's
        with server.open("r+") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            state = json.load(handle)
            if old.refresh_token != state["valid"]:
                raise SystemExit("invalid_grant for " + old.refresh_token)
            time.sleep(0.2)
            n = state["n"] + 1
            handle.seek(0)
            handle.truncate()
            json.dump({"valid": f"refresh-{n}", "n": n}, handle)
        return Token("access_token", f"access-{n}", f"refresh-{n}", expires_at=time.time() + 3600)

    print(refresh_saved(token, store, refresh).access_token)
    """
)


def test_two_processes_refreshing_at_once_keep_the_newest_refresh_token(tmp_path: Path) -> None:
    store = FileTokenStore(tmp_path / "tokens")
    store.save(Token("access_token", "access-0", "refresh-0", expires_at=time.time() - 10))
    server, go = tmp_path / "server.json", tmp_path / "go"
    server.write_text(json.dumps({"valid": "refresh-0", "n": 0}))
    ready = [tmp_path / f"ready-{i}" for i in range(2)]
    env = os.environ | {"PYTHONPATH": os.pathsep.join(sys.path)}
    children = [
        subprocess.Popen(
            [sys.executable, "-c", CHILD, str(store.directory), str(server), str(go), str(flag)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for flag in ready
    ]
    # Both must hold the stale token before either refreshes: a child that loaded it only after
    # the other had saved access-1 would refresh that one and print access-2.
    deadline = time.monotonic() + 120
    while not all(flag.exists() for flag in ready) and time.monotonic() < deadline:
        time.sleep(0.01)
    go.touch()
    assert all(flag.exists() for flag in ready), [child.communicate(timeout=30) for child in children]
    results = [child.communicate(timeout=30) for child in children]
    assert [child.returncode for child in children] == [0, 0], results
    assert sorted(out.strip() for out, _ in results) == ["access-1", "access-1"]
    saved = store.load("access_token")
    assert saved.refresh_token == json.loads(server.read_text())["valid"] == "refresh-1"

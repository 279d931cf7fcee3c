"""Tokens kept anywhere: a TokenStore given to the client, on_token_refresh, and the SQLite example
refreshed by two processes at once (one refresh; the rotated refresh token saved; the other
process uses the new token)."""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from urllib.parse import parse_qsl

import pytest
from support.commands import ROOT, process_environment
from support.user_scripts import load_script, mypy_strict

from pinterest_tools.emulator import DEMO_APP_ID, DEMO_APP_SECRET, DEMO_USER, Emulator
from pinterest_tools.errors import TokenError
from pinterest_tools.oauth.tokens import FileTokenStore, Token, TokenStore
from pinterest_tools.rest import Pinterest

EXAMPLE = ROOT / "examples" / "sqlite_token_store.py"


def example() -> ModuleType:
    return load_script(EXAMPLE, "sqlite_token_store")


def expired_token(emu: Emulator, name: str) -> Token:
    """A token of the demo user whose access token has expired, with a refresh token the emulator takes."""
    user = emu.state.user(DEMO_USER)
    scopes = sorted(emu.state.apps[DEMO_APP_ID].scopes)
    refresh = emu.tokens.issue_refresh(DEMO_APP_ID, user.id, scopes, continuous=True)
    access = emu.issue_token(DEMO_USER)
    return Token(name, access, refresh.value, ",".join(scopes), expires_at=time.time() - 10)


def refreshes(emu: Emulator) -> list[dict[str, str]]:
    return [dict(parse_qsl(e.request_body.decode())) for e in emu.exchanges if e.path == "/v5/oauth/token"]


@pytest.fixture
def app(monkeypatch: pytest.MonkeyPatch, emulator: Emulator) -> Emulator:
    for name, value in process_environment(emulator).items():
        if name.startswith("PINTEREST_"):
            monkeypatch.setenv(name, value)
    monkeypatch.delenv("ACCESS_TOKEN", raising=False)
    return emulator


class MemoryStore:
    """The smallest TokenStore: a dict, and a lock that records its use."""

    def __init__(self, *tokens: Token) -> None:
        self.tokens = {token.name: token for token in tokens}
        self.events: list[str] = []

    def exists(self, name: str) -> bool:
        return name in self.tokens

    def load(self, name: str) -> Token:
        if name not in self.tokens:
            raise TokenError(f"no {name}")
        return self.tokens[name]

    @contextlib.contextmanager
    def locked(self, name: str) -> Iterator[None]:
        self.events.append(f"lock {name}")
        yield
        self.events.append(f"unlock {name}")

    def save(self, token: Token, *, event: str | None = None) -> None:
        self.events.append(f"save {token.name}")
        self.tokens[token.name] = token


def test_a_client_loads_from_its_store_and_saves_the_refreshed_token_inside_the_lock(app: Emulator) -> None:
    old = expired_token(app, "shop_1")
    store = MemoryStore(old)
    seen: list[Token] = []
    assert isinstance(store, TokenStore) and isinstance(FileTokenStore(Path("x")), TokenStore)
    with Pinterest(token_store=store, token_name="shop_1", on_token_refresh=seen.append) as client:
        assert client.user_account.get().username == DEMO_USER
        new = client.token
    assert store.events == ["lock shop_1", "save shop_1", "unlock shop_1"]
    assert store.tokens["shop_1"] == new and new.access_token != old.access_token
    assert new.refresh_token != old.refresh_token  # rotated, and the rotated one is what was saved
    assert seen == [new]
    assert len(refreshes(app)) == 1


def test_on_token_refresh_gets_each_new_token_of_a_file_token(app: Emulator, tmp_path: Path) -> None:
    FileTokenStore(tmp_path).save(expired_token(app, "access_token"))
    seen: list[Token] = []
    with Pinterest(token_store=FileTokenStore(tmp_path), on_token_refresh=seen.append) as client:
        client.user_account.get()
        client.refresh_token()
    saved = FileTokenStore(tmp_path).load("access_token")
    assert [token.access_token for token in seen] == [seen[0].access_token, saved.access_token]
    assert seen[0].access_token != saved.access_token and len(refreshes(app)) == 2


PROCESS = """
import json, sys, time
from pathlib import Path
sys.path.insert(0, {examples!r})
from sqlite_token_store import SqliteTokenStore
from pinterest_tools import Pinterest

store = SqliteTokenStore({database!r})
with Pinterest(token_store=store, token_name="shop_1") as client:
    go = Path({go!r})
    while not go.exists():
        time.sleep(0.01)
    name = client.user_account.get().username
    print(json.dumps({{"user": name, "access": client.token.access_token, "refresh": client.token.refresh_token}}))
"""


def test_two_processes_refreshing_the_same_sqlite_token_refresh_once(app: Emulator, tmp_path: Path) -> None:
    sqlite_store = example()
    database = tmp_path / "tokens.db"
    store = sqlite_store.SqliteTokenStore(database)
    old = expired_token(app, "shop_1")
    store.save(old)
    store.save(expired_token(app, "shop_2"))  # another account, untouched
    go = tmp_path / "go"
    code = PROCESS.format(examples=str(EXAMPLE.parent), database=str(database), go=str(go))
    env = process_environment(app, {"ACCESS_TOKEN": ""})
    workers = [
        subprocess.Popen([sys.executable, "-c", code], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(2)
    ]
    time.sleep(1.0)  # both have loaded the expired token and wait
    go.touch()
    results = []
    for worker in workers:
        out, err = worker.communicate(timeout=120)
        assert worker.returncode == 0, err.decode()
        results.append(json.loads(out))
    (refresh,) = refreshes(app)  # one refresh for both processes
    assert refresh["refresh_token"] == old.refresh_token and refresh["grant_type"] == "refresh_token"
    saved = store.load("shop_1")
    assert saved.refresh_token != old.refresh_token and saved.access_token != old.access_token
    assert [r["user"] for r in results] == [DEMO_USER, DEMO_USER]
    # the process that did not refresh uses the token the other saved, rotated refresh token included
    assert [(r["access"], r["refresh"]) for r in results] == [(saved.access_token, saved.refresh_token)] * 2
    assert store.load("shop_2").access_token != saved.access_token
    calls = [e for e in app.exchanges if e.path == "/v5/user_account"]
    assert [e.request_header("authorization") for e in calls] == [f"Bearer {saved.access_token}"] * 2
    store.close()


def test_the_example_prints_each_account(app: Emulator, tmp_path: Path) -> None:
    database = tmp_path / "tokens.db"
    store = example().SqliteTokenStore(database)
    store.save(expired_token(app, "shop_1"))
    store.close()
    env = process_environment(app, {"ACCESS_TOKEN": ""})
    done = subprocess.run(
        [sys.executable, str(EXAMPLE), str(database), "shop_1"], env=env, capture_output=True, timeout=120
    )
    assert (done.returncode, done.stdout.decode(), done.stderr.decode()) == (0, f"shop_1: {DEMO_USER}\n", "")
    assert DEMO_APP_SECRET not in done.stdout.decode()


def test_the_example_passes_mypy_strict() -> None:
    result = mypy_strict([EXAMPLE])
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "Success: no issues found in 1 source file"

"""Tokens of many Pinterest accounts kept in SQLite, for a web app or a worker pool.

A web app that serves many Pinterest accounts keeps their tokens in its own database, not in
token files. Any object with ``exists``, ``load``, ``locked`` and ``save`` is a
:class:`pinterest_tools.oauth.tokens.TokenStore`; a client given ``token_store=`` loads its
token from it and, when the token is refreshed, saves the new one there before the new
refresh token is used: Pinterest rotates refresh tokens, so the old one is dead once a
refresh has been answered.

``locked(name)`` is what keeps that safe across processes: SQLite's ``BEGIN IMMEDIATE`` takes
the database's write lock (waiting up to ``busy_timeout`` seconds for another process to
commit), and the client's refresh reads the stored token again inside it. When two workers
find the same token expiring at once, one refreshes; the other, once the lock is free, finds
the new token already stored and uses it without asking Pinterest.

Run it (the app's id and secret in ``PINTEREST_APP_ID``/``PINTEREST_APP_SECRET``, as for any
refresh)::

    python examples/sqlite_token_store.py tokens.db shop_1 shop_2

Each named account must already be in the database (``SqliteTokenStore.save`` puts it there,
e.g. from your OAuth callback with the token ``get_access_token`` shows).
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

from pinterest_tools import Pinterest
from pinterest_tools.errors import TokenError
from pinterest_tools.oauth.tokens import Token

SCHEMA = "CREATE TABLE IF NOT EXISTS pinterest_tokens (name TEXT PRIMARY KEY, token TEXT NOT NULL)"


class SqliteTokenStore:
    """Tokens by name in one SQLite table (``Token.to_json()`` as the row's JSON).

    One connection per store, shared by the threads of a process under a lock (an async
    client refreshes in a worker thread); processes share the database file.
    """

    def __init__(self, path: str | Path, *, busy_timeout: float = 30.0) -> None:
        self._db = sqlite3.connect(path, timeout=busy_timeout, isolation_level=None, check_same_thread=False)
        self._db.execute(SCHEMA)
        self._lock = threading.RLock()

    def exists(self, name: str) -> bool:
        with self._lock:
            return self._db.execute("SELECT 1 FROM pinterest_tokens WHERE name = ?", (name,)).fetchone() is not None

    def load(self, name: str) -> Token:
        with self._lock:
            row = self._db.execute("SELECT token FROM pinterest_tokens WHERE name = ?", (name,)).fetchone()
        if row is None:
            raise TokenError(f"no token {name} in the database", hint="save one with SqliteTokenStore.save first")
        data = json.loads(row[0])
        fields = ("refresh_token", "scopes", "token_type", "expires_at", "refresh_token_expires_at", "api_version")
        return Token(name=name, access_token=data["access_token"], source="sqlite", **{k: data[k] for k in fields})

    @contextlib.contextmanager
    def locked(self, name: str) -> Iterator[None]:
        """The database's write lock across processes (and this store's lock across threads)."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def save(self, token: Token, *, event: str | None = None) -> None:
        """Store ``token`` (inside ``locked`` it commits with the lock; alone, at once)."""
        with self._lock:
            self._db.execute(
                "INSERT INTO pinterest_tokens (name, token) VALUES (?, ?)"
                " ON CONFLICT (name) DO UPDATE SET token = excluded.token",
                (token.name, json.dumps(token.to_json())),
            )

    def close(self) -> None:
        self._db.close()


def main(argv: list[str]) -> int:
    """Print the username of each account named on the command line, refreshing tokens as needed."""
    if len(argv) < 2:
        sys.stderr.write("usage: sqlite_token_store.py DATABASE ACCOUNT...\n")
        return 2
    store = SqliteTokenStore(argv[0])
    try:
        for account in argv[1:]:
            with Pinterest(token_store=store, token_name=account) as client:
                sys.stdout.write(f"{account}: {client.user_account.get().username}\n")
    finally:
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Access tokens and the files that keep them.

The file format is upstream's ``{name, access_token, refresh_token, scopes}`` (so its
files read as they are) plus ``token_type``, ``expires_at``, ``refresh_token_expires_at``
(epoch seconds) and ``api_version``. Upstream wrote in place (``open(path, "w")`` then
``json.dump``): a failure in between left an *empty* token file. Here a write goes to a
temporary file in the same directory, is fsynced and then renamed over the old one, so a
reader sees the old file or the new one, never half of either; files are 0600 and a
directory this module creates is 0700. The temporary file is made, with room for the
token, *before* Pinterest is asked for one, so that a full disk or an unwritable directory
never costs a token Pinterest has issued (:mod:`pinterest_tools.oauth.token_save`).

Refresh tokens rotate: once Pinterest returns a new one, the old one is dead. Two
processes refreshing the same token at once must not both use the old one, nor save in
the wrong order, so refreshes run under the store's lock (for files, a lock across
processes on a lock file beside the token, :mod:`pinterest_tools.locks`) and re-read the
stored token first (:func:`refresh_saved`: the rotation rule).

Tokens need not live in files: :class:`TokenStore` is the protocol a store keeps (a web
app serving many accounts keeps them in its database; ``examples/sqlite_token_store.py``
keeps them in SQLite), and :class:`FileTokenStore` is the default one.
"""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from pinterest_tools import filekind, locks
from pinterest_tools.errors import TokenError
from pinterest_tools.library_log import get_logger
from pinterest_tools.oauth.token import (
    Token,
    check_token_name,
    corrupt_file,
    default_token_name,
    env_variable,
    token_from_environment,
    token_from_json,
)
from pinterest_tools.oauth.token_save import Reservation, TokenFileError, TokenSaveError, not_writable

if TYPE_CHECKING:
    from pinterest_tools.config import Config

log = get_logger(__name__)

__all__ = [
    "FileTokenStore",
    "Token",
    "TokenFileError",
    "TokenSaveError",
    "TokenStore",
    "default_token_name",
    "env_variable",
    "find_token",
    "refresh_saved",
]


@runtime_checkable
class TokenStore(Protocol):
    """Where tokens are kept between runs, by name; the refresh of a stored token follows
    :func:`refresh_saved`'s rotation rule with it.

    - ``exists(name)``: whether a token of that name is stored;
    - ``load(name)``: the stored token (``Token.name`` is ``name``), TokenError when there is none;
    - ``locked(name)``: a context manager holding an exclusive lock on ``name`` across every
      process that shares the store: a refresh loads, asks Pinterest and saves inside it, so
      two processes never both spend the same (rotating) refresh token;
    - ``save(token, event=...)``: store ``token`` under ``token.name``, replacing the old one
      (``event`` says what Pinterest did, for an error message); called inside ``locked``.
      It must not lose the token: once Pinterest has answered a refresh the old refresh token
      is dead, so raise (TokenError) rather than drop a failed write silently.
    """

    def exists(self, name: str) -> bool: ...

    def load(self, name: str) -> Token: ...

    def locked(self, name: str) -> contextlib.AbstractContextManager[None]: ...

    def save(self, token: Token, *, event: str | None = None) -> object: ...


class FileTokenStore:
    """Token files ``<directory>/<name>.json``: atomic writes, 0600 files, a lock per token name.

    The default :class:`TokenStore`. A token "file" that is a FIFO, a device or a link to
    one is refused with a one-line TokenError instead of being read (a FIFO would block the
    reader forever, ``/dev/zero`` would be read until memory runs out).
    """

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)

    def path(self, name: str) -> Path:
        return self.directory / f"{check_token_name(name)}.json"

    def exists(self, name: str) -> bool:
        return self.path(name).exists()

    def load(self, name: str) -> Token:
        """Read ``name``; TokenError naming the file when it is missing, unreadable or corrupt."""
        path = self.path(name)
        try:
            text = filekind.read_regular_text(path)
        except filekind.NotRegularFileError as exc:
            raise TokenError(f"cannot read the token file {path}: {exc.reason}") from None
        except FileNotFoundError:
            raise TokenError(f"no token file {path}", hint="run get_access_token -w to create it") from None
        except OSError as exc:
            raise TokenError(f"cannot read the token file {path}: {exc.strerror}") from None
        except UnicodeDecodeError:
            raise corrupt_file(path, "it is not UTF-8 text") from None
        try:
            data = json.loads(text)
        except ValueError:
            raise corrupt_file(path, "it is empty" if not text.strip() else "it is not valid JSON") from None
        except RecursionError:
            raise corrupt_file(path, "its JSON is nested too deeply") from None
        token = token_from_json(name, data, path)
        log.debug("read %s from %s", name, path)
        return token

    def reserve(self, name: str) -> Reservation:
        """Prove ``name`` can be saved, before asking Pinterest for it (see :mod:`pinterest_tools.oauth.token_save`).

        TokenError, with nothing changed, when it cannot: no space, no permission, a read-only
        file system, a token file that is not a regular file.
        """
        return Reservation.open(self.path(name), name)

    def save(self, token: Token, *, event: str | None = None) -> Path:
        """Write atomically (reserve, write, fsync, rename), 0600; returns the path.

        TokenError before anything is written when the file cannot be; TokenSaveError (naming
        where the token was rescued) when the write fails after that. ``event`` says what
        Pinterest did, for that message.
        """
        with self.reserve(token.name) as reservation:
            return reservation.commit(token, event or f"Pinterest issued {token.name}")

    @contextlib.contextmanager
    def locked(self, name: str) -> Iterator[None]:
        """Hold an exclusive lock for ``name`` across processes (read-modify-write of a refresh)."""
        path = self.path(name)
        try:
            self._ensure_directory()
            lock = locks.hold(self.directory / f".{name}.lock", wait=True)
        except OSError as exc:  # a read-only file system, an unwritable directory: before any refresh
            raise not_writable(name, path, exc.strerror or str(exc)) from None
        assert lock is not None  # a waiting lock is never busy
        try:
            yield
        finally:
            lock.release()

    def _ensure_directory(self) -> None:
        if not self.directory.is_dir():
            self.directory.mkdir(mode=0o700, parents=True, exist_ok=True)
            self.directory.chmod(0o700)


def find_token(config: Config, name: str, environ: Mapping[str, str] | None = None) -> Token | None:
    """Upstream's lookup without the OAuth step: environment variable, then token file, else None."""
    token = token_from_environment(name, config.version, config.sandbox, environ)
    if token is not None:
        return token
    store = FileTokenStore(config.store_dir)
    if not store.exists(name):
        variable = env_variable(name, config.sandbox)
        log.debug("no %s in the environment (%s) or in %s", name, variable, store.path(name))
        return None
    return store.load(name)


def refresh_saved(
    token: Token,
    store: TokenStore | None,
    refresh: Callable[[Token], Token],
    *,
    leeway: float = 60.0,
    clock: Callable[[], float] = time.time,
) -> Token:
    """Refresh ``token`` under the store's lock, unless another process already did; save the result.

    The rotation rule, for any :class:`TokenStore`: inside the lock the stored token is read
    again; when it holds a different, still valid access token, someone else refreshed while
    we waited, and that token (with its rotated refresh token) is used as it is, with no
    request to Pinterest. Otherwise the refresh starts from the newest refresh token, and
    the result is saved before the lock is released. A :class:`FileTokenStore` proves first
    that the file can be written, before Pinterest rotates anything.
    """
    if store is None:
        return refresh(token)
    event = f"Pinterest refreshed {token.name} and its old refresh token no longer works"
    with store.locked(token.name):
        on_disk = store.load(token.name) if store.exists(token.name) else None
        if on_disk and on_disk.access_token != token.access_token and not on_disk.expires_within(leeway, clock()):
            log.debug("%s was refreshed by another process", token.name)
            return on_disk
        base = on_disk if on_disk and on_disk.refresh_token else token
        if not isinstance(store, FileTokenStore):
            new = refresh(base)
            store.save(new, event=event)
            return new
        with store.reserve(token.name) as reservation:  # before Pinterest rotates anything
            new = refresh(base)
            reservation.commit(new, event)
        return new

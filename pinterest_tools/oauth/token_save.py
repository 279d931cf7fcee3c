"""Saving a token file so that a token Pinterest has just issued is never lost.

Refresh tokens rotate: once Pinterest answers a refresh, the old refresh token is dead,
and the new one exists only in this process until it is on disk. Upstream (and this
project before) refreshed first and then wrote the file; on a full disk, a read-only file
system or an unwritable directory the write failed and the user was locked out.

So the write is proven possible *before* Pinterest is asked: :meth:`Reservation.open`
creates the temporary file beside the token file and fills it with ``RESERVE_BYTES``
(or twice the current file) of blanks, synced, which allocates the space the new token
will take. Anything that stops that (no space, no permission, a read-only file system, a
token "file" that is a FIFO or a directory) fails at once, with the saved token untouched
and nothing asked of Pinterest. :meth:`Reservation.commit` then writes the token *over*
those blanks (no new space needed on ordinary file systems), trims the rest, syncs and
renames the file over the token file (following a symbolic link to its target).

If that still fails (a copy-on-write file system that needs space for an overwrite, an
I/O error, a file system remounted read-only meanwhile), the token is rescued: written,
0600, to the first of the token directory (after freeing the reservation), the home
directory and the temporary directory that takes it, and :class:`TokenSaveError` says
exactly what happened and where the token is. If no place takes it, the error says the
token is lost with the process and what to do; the secret itself is never put in a
message (``refresh_access_token -ct`` prints it, since the user asked for clear text).
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import time
from pathlib import Path
from types import TracebackType

from pinterest_tools import filekind
from pinterest_tools.errors import TokenError
from pinterest_tools.library_log import get_logger
from pinterest_tools.oauth.token import Token

log = get_logger(__name__)

RESERVE_BYTES = 16 * 1024  # a token file is well under 1 KiB: room for any token Pinterest may issue


class TokenFileError(TokenError):
    """The token file cannot be written (checked before Pinterest is asked: the saved token is unchanged)."""


class TokenSaveError(TokenError):
    """Pinterest issued ``token`` but it could not be saved; ``rescued``: where it was kept instead (None: nowhere)."""

    def __init__(self, message: str, *, hint: str, token: Token, rescued: Path | None) -> None:
        super().__init__(message, hint=hint)
        self.token = token
        self.rescued = rescued


class Reservation:
    """A temporary file beside the token file holding the space the new token needs; commit or discard it."""

    def __init__(self, path: Path, target: Path, fd: int, temp: Path) -> None:
        self.path, self.target, self._fd, self.temp = path, target, fd, temp
        self._open = True
        self._saved = False

    @classmethod
    def open(cls, path: Path, name: str) -> Reservation:
        """Reserve the space to save token ``name`` at ``path``; TokenError (nothing else done) if it cannot be."""
        kind = filekind.special_kind(path)
        if kind is not None:
            raise not_writable(name, path, f"it is {kind}, not a regular file")
        target = filekind.rename_target(path)
        if target.parent.exists() and not target.parent.is_dir():
            raise not_writable(name, path, f"{target.parent} is not a directory")
        fd = -1
        temp: Path | None = None
        try:
            _ensure_directory(target.parent)
            size = max(RESERVE_BYTES, 2 * _size(target))
            fd, temp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
            temp = Path(temp_name)
            _write(fd, b" " * size)
            os.fsync(fd)
        except OSError as exc:
            if fd >= 0:
                os.close(fd)
            if temp is not None:
                temp.unlink(missing_ok=True)
            raise not_writable(name, path, exc.strerror or str(exc)) from None
        return cls(path, target, fd, temp)

    def commit(self, token: Token, event: str) -> Path:
        """Write ``token`` into the reserved file and rename it over the token file; TokenSaveError if that fails.

        ``event`` says what Pinterest did, for the message ("Pinterest refreshed access_token ...").
        """
        data = (json.dumps(token.to_json(), indent=2) + "\n").encode()
        try:
            os.lseek(self._fd, 0, os.SEEK_SET)
            _write(self._fd, data)
            os.ftruncate(self._fd, len(data))
            os.fsync(self._fd)
            self._close()
            self.temp.chmod(0o600)
            changed = filekind.special_kind(self.target)
            if changed is not None:
                raise OSError(f"{self.target} became {changed}")
            self.temp.replace(self.target)
            self._saved = True
        except OSError as exc:
            reason = exc.strerror or str(exc)
            raise self._rescue(token, data, f"{event}, but saving it to {self.path} failed ({reason})") from None
        _sync_directory(self.target.parent)
        log.info("wrote %s to %s", token.name, self.path)
        return self.path

    def discard(self) -> None:
        """Give the space back unless the file became the token file (nothing was issued, or it failed)."""
        self._close()
        if not self._saved:
            with contextlib.suppress(OSError):
                self.temp.unlink(missing_ok=True)

    def __enter__(self) -> Reservation:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.discard()

    def _close(self) -> None:
        if self._open:
            self._open = False
            with contextlib.suppress(OSError):
                os.close(self._fd)

    def _rescue(self, token: Token, data: bytes, what: str) -> TokenSaveError:
        self.discard()  # frees the reserved space for the rescue copy
        stamp = time.strftime("%Y%m%dT%H%M%S")
        places = [self.target.parent, Path.home(), Path(tempfile.gettempdir())]
        for place in dict.fromkeys(places):
            rescued = place / f"{token.name}.rescued-{stamp}-{os.getpid()}.json"
            if _write_new(rescued, data):
                return TokenSaveError(
                    f"{what}; the new token was saved to {rescued} instead",
                    hint=f"once {self.path.parent} can be written, move {rescued} to {self.path}",
                    token=token,
                    rescued=rescued,
                )
        tried = ", ".join(str(p) for p in dict.fromkeys(places))
        return TokenSaveError(
            f"{what}, and no other place took it ({tried}): the new token is lost when this command ends",
            hint="run get_access_token -w to authorize again once the token directory can be written",
            token=token,
            rescued=None,
        )


def not_writable(name: str, path: Path, reason: str) -> TokenFileError:
    return TokenFileError(
        f"cannot save {name} to {path}: {reason}",
        hint="nothing was asked of Pinterest and the saved token is unchanged: fix that, then run the command again",
    )


def _write(fd: int, data: bytes) -> None:
    """All of ``data`` at the descriptor's offset (``os.write`` may write less)."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _write_new(path: Path, data: bytes) -> bool:
    """Write a new 0600 file (never replacing one); False, leaving nothing behind, if that fails."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError:
        return False
    try:
        _write(fd, data)
        os.fsync(fd)
    except OSError:
        os.close(fd)
        path.unlink(missing_ok=True)
        return False
    os.close(fd)
    return True


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _ensure_directory(directory: Path) -> None:
    if not directory.is_dir():
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        directory.chmod(0o700)


def _sync_directory(directory: Path) -> None:
    """Make the rename itself durable (POSIX); harmless where directories cannot be opened."""
    with contextlib.suppress(OSError, AttributeError):
        dir_fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)

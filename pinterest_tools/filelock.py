"""Exclusive locks across processes on a lock file (``fcntl.flock``; none on Windows).

Token files and copy journals are replaced by renaming a new file over them, so the lock
cannot be on the file itself (a rename would drop it): it is on a small lock file beside
it. The lock belongs to an open descriptor; closing it (or the process ending, even by
``kill -9``) releases the lock. Windows has no ``fcntl``: there, locks are not taken and
concurrent runs are not serialized (said where it matters).
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


def acquire(path: Path, *, wait: bool) -> int | None:
    """An open descriptor of ``path`` (created 0600) holding its exclusive lock; None if busy and not ``wait``.

    A holder may remove the lock file before releasing it (:func:`release_and_remove`); a
    lock won on such a removed file guards nothing, so it is dropped and taken again on the
    file now at ``path``.
    """
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            if not _lock(fd, wait):
                os.close(fd)
                return None
            current = path.stat()
        except FileNotFoundError:
            os.close(fd)
            continue
        except BaseException:
            os.close(fd)
            raise
        if os.path.samestat(os.fstat(fd), current):
            return fd
        os.close(fd)


def release(fd: int) -> None:
    os.close(fd)  # closing the descriptor releases the lock


def release_and_remove(fd: int, path: Path) -> None:
    """Remove the lock file while still holding it (so no one holds a lock on a vanished file), then release."""
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
    os.close(fd)


def _lock(fd: int, wait: bool) -> bool:
    try:
        import fcntl
    except ImportError:  # Windows: no fcntl, no lock
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
    except BlockingIOError:
        return False
    return True
